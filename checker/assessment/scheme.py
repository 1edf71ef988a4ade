"""The assessment scheme of a rule set: its `rates` and `ranking` sections, compiled.

The sections are data (schemas/ruleset.schema.json, docs/assessment.md):

- `rates.indicators`: each a rate over the month's tickets — `denominator` and `numerator`
  fact conditions (checker.assessment.facts; the numerator is counted among the denominator's
  tickets), or a `weighted` numerator (the value of an event's field, weighed), its own
  `exclude` rulings, the unit it is `credit`ed to, whether `better` is higher or lower, and a
  `score` (checker.assessment.scores).
- `rates.counts`: numbers of tickets shown beside the rates (and usable as tie breakers).
- `rates.exclude`: rulings that take a ticket out of every rate (并单, 无效件 …), each named.
- `rates.composite`: the composite of the indicators' points, on a full score.
- `rates.groups`: unit groups (towns, departments) with their own full score, each a pool of
  the ranking.
- `ranking`: what is ranked (`by`), tie breakers, who takes part, the red and black lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.assessment.facts import FactPredicate, compile_facts
from checker.assessment.scores import Score
from checker.i18n import pick

CREDITS = ("responsible", "first_unit", "finding_units")
DEFAULT_TIE_BREAKERS = ("name",)


class Named:
    """An entry the report shows by its `name` (text, or {zh, en})."""
    name: object

    def title(self, lang: str) -> str:
        return pick(self.name, lang)


@dataclass(frozen=True)
class Exclusion:
    ruling: object                  # text or {zh, en}: the ruling that excludes (并单 …)
    when: FactPredicate


@dataclass(frozen=True)
class Indicator(Named):
    id: str
    name: object
    spec: dict
    denominator: FactPredicate
    numerator: FactPredicate | None
    weighted: dict | None           # {event, which, field, weights}
    exclusions: tuple[Exclusion, ...]
    credit: str
    better: str                     # higher | lower
    score: Score | None


@dataclass(frozen=True)
class Count(Named):
    id: str
    name: object
    when: FactPredicate
    spec: dict
    credit: str


@dataclass(frozen=True)
class Lists:
    """红榜 / 黑榜: `red` and `black`, each {name, top|bottom: N, at_least|below: X}."""
    red: dict | None
    black: dict | None


@dataclass(frozen=True)
class Group(Named):
    id: str
    name: object
    units: frozenset[str]
    full_score: float
    lists: Lists | None
    default: bool = False


@dataclass(frozen=True)
class Composite:
    name: object
    full_score: float
    shown_as: str                   # percent | points
    missing: str                    # renormalise | zero


@dataclass(frozen=True)
class Ranking:
    by: str                         # composite or an indicator id
    tie_breakers: tuple             # "name" | {count: id, prefer} | {indicator: id}
    min_tickets: int
    lists: Lists
    total_name: object = None       # the total row's label; the report's own when None


@dataclass
class Scheme:
    indicators: list[Indicator]
    counts: list[Count]
    exclusions: tuple[Exclusion, ...]
    composite: Composite
    groups: list[Group]
    ranking: Ranking
    overdue_rules: frozenset[str]
    interpretation: str | None = None
    by_id: dict = field(default_factory=dict)

    def indicator(self, key: str) -> Indicator | None:
        return self.by_id.get(key)

    def group_of(self, unit: str | None) -> Group | None:
        for group in self.groups:
            if unit in group.units:
                return group
        return next((group for group in self.groups if group.default), None)

    def full_score(self, group: Group | None) -> float:
        return group.full_score if group is not None else self.composite.full_score

    def lists_of(self, group: Group | None) -> Lists:
        return group.lists if group is not None and group.lists is not None else self.ranking.lists

    def better(self, key: str) -> str:
        indicator = self.by_id.get(key)
        return indicator.better if indicator is not None else "higher"


def _exclusions(raw: list | None) -> tuple[Exclusion, ...]:
    return tuple(Exclusion(ruling=item["ruling"], when=compile_facts(item["when"]))
                 for item in raw or ())


def _indicator(raw: dict) -> Indicator:
    numerator = raw.get("numerator")
    weighted = numerator.get("weighted") if isinstance(numerator, dict) else None
    return Indicator(
        id=raw["id"], name=raw["name"], spec=raw,
        denominator=compile_facts(raw.get("denominator")),
        numerator=None if weighted is not None else compile_facts(numerator),
        weighted=weighted, exclusions=_exclusions(raw.get("exclude")),
        credit=raw.get("credit", "responsible"), better=raw.get("better", "higher"),
        score=Score(raw["score"]) if "score" in raw else None)


def _lists(raw: dict | None) -> Lists:
    raw = raw or {}
    return Lists(red=raw.get("red"), black=raw.get("black"))


def unit_names(units_section: dict, key: str) -> list[str]:
    """The names listed under `units.<key>` (plain names, or entries with a `name`)."""
    names = []
    for entry in units_section.get(key) or ():
        names.append(entry if isinstance(entry, str) else entry.get("name"))
    return [name for name in names if name]


def _group(raw: dict, units_section: dict) -> Group:
    members = raw.get("units", [])
    names = unit_names(units_section, members) if isinstance(members, str) else list(members)
    return Group(id=raw["id"], name=raw.get("name", raw["id"]), units=frozenset(names),
                 full_score=float(raw["full_score"]),
                 lists=_lists(raw["lists"]) if "lists" in raw else None,
                 default=bool(raw.get("default", False)))


def build_scheme(data: dict) -> Scheme:
    """The scheme of a validated rule set's data."""
    rates = data.get("rates") or {}
    ranking = data.get("ranking") or {}
    composite = rates.get("composite") or {}
    indicators = [_indicator(raw) for raw in rates.get("indicators", ())]
    scheme = Scheme(
        indicators=indicators,
        counts=[Count(id=raw["id"], name=raw["name"], when=compile_facts(raw.get("when")), spec=raw,
                      credit=raw.get("credit", "responsible"))
                for raw in rates.get("counts", ())],
        exclusions=_exclusions(rates.get("exclude")),
        composite=Composite(name=composite.get("name", {"zh": "综合得分", "en": "Composite"}),
                            full_score=float(composite.get("full_score", 1)),
                            shown_as=composite.get("shown_as", "percent"),
                            missing=composite.get("missing", "renormalise")),
        groups=[_group(raw, data.get("units") or {}) for raw in rates.get("groups", ())],
        ranking=Ranking(by=ranking.get("by", "composite"),
                        tie_breakers=tuple(ranking.get("tie_breakers", DEFAULT_TIE_BREAKERS)),
                        min_tickets=int(ranking.get("min_tickets", 0)),
                        lists=_lists(ranking.get("lists")),
                        total_name=ranking.get("total_name")),
        overdue_rules=frozenset(rates.get("overdue_rules", ())),
        interpretation=rates.get("interpretation"))
    scheme.by_id = {indicator.id: indicator for indicator in indicators}
    return scheme


def scheme_of(ruleset) -> Scheme:
    """The compiled scheme of a RuleSet, built once per rule set."""
    cached = ruleset.__dict__.get("_assessment_scheme")
    if cached is None:
        cached = ruleset.__dict__["_assessment_scheme"] = build_scheme(ruleset.data)
    return cached
