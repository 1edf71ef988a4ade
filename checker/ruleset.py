"""A validated rule file, shaped for the engine.

`load_ruleset(path)` validates the file (schema and meaning), then resolves its calendar,
timezone, classes, classification, units and rules. Each rule becomes one or more `Check`s
(a rule with `checks:` has several, each named); the engine runs checks, findings name the
rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from checker import resources
from checker.calendar.calendar import Calendar, load_calendar
from checker.calendar.clocks import due_instant, local_days
from checker.calendar.leader_days import LeaderDay, leader_day_of_month, leader_days
from checker.categories import CategoryMatcher
from checker.conditions import Predicate, compile_condition
from checker.durations import Dated, Duration, parse_duration
from checker.errors import CheckerError
from checker.unit_names import UnitNames
from checker.validation import load_valid

_CHECK_KEYS_FROM_RULE = ("severity", "kind", "message", "interpretation", "responsible")

# What a rule set may leave out, and what it then means — here only, for every module:
# the office's actor key (`office.actor`) and the leader-day channel (`leader_days.channel`).
# The rest of `leader_days` (week rule, postponement, cycle) the schema requires.
OFFICE_ACTOR = "office"
LEADER_DAY_DEFAULTS = {"channel": "leader_day"}

_TEXT = {
    "no_leader_days": {"zh": "规则集 {id} 没有 leader_days 部分（领导接听日安排）",
                       "en": "the rule set {id} has no leader_days section (the leaders' answering days)"},
}


@dataclass
class Within:
    """A duration on a clock, possibly dated, possibly per class."""
    by_class: dict[str, tuple[Dated, str]] | None
    single: tuple[Dated, str] | None
    holiday_extends: bool = False
    count_start_day: bool = False   # 含本数: the start day is the first day counted

    def for_class(self, deadline_class: str, on: date) -> tuple[Duration, str]:
        if self.single is not None:
            dated, clock = self.single
        else:
            dated, clock = self.by_class[deadline_class]
        return dated.at(on), clock


@dataclass
class Check:
    rule_id: str
    name: str | None
    clause: str
    quote: str
    severity: str
    kind: str
    message: dict[str, str]
    interpretation: str | None
    responsible: str
    spec: dict[str, Any]
    applies: Predicate              # applies_when, on the ticket and the start event
    where: Predicate                # trigger.where of a `requires` check
    within: Within | None = None

    @property
    def label(self) -> str:
        return self.rule_id if self.name is None else f"{self.rule_id}/{self.name}"


def _within(raw: dict | None, holiday_extends: bool, count_start_day: bool = False) -> Within | None:
    if raw is None:
        return None
    if "by_class" in raw:
        return Within(by_class={cls: (Dated(spec["duration"], parse_duration), spec["clock"])
                                for cls, spec in raw["by_class"].items()},
                      single=None, holiday_extends=holiday_extends, count_start_day=count_start_day)
    return Within(by_class=None, single=(Dated(raw["duration"], parse_duration), raw["clock"]),
                  holiday_extends=holiday_extends, count_start_day=count_start_day)


@dataclass
class RuleSet:
    path: str
    data: dict[str, Any]
    tz: ZoneInfo
    calendar: Calendar
    checks: list[Check]
    units: frozenset[str]                   # the canonical unit names
    office_actors: frozenset[str]           # the office's own names in the actor column
    _classes: CategoryMatcher | None = None
    _key_categories: CategoryMatcher | None = None
    _actor_index: dict[str, str] = field(default_factory=dict)   # a name as logged -> actor key
    # actor_key's answers: every event an actor rule looks at asks it again.
    _actor_keys: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    unit_names: UnitNames | None = None
    file_hash: str = ""             # resources.content_hash of the file: outputs name it
    # A folder of versions (checker/versions.py): every version, oldest first, on the latest;
    # `origin` is the folder, `ends` the day a version stops (its until, or the next's from).
    versions: tuple["RuleSet", ...] = ()
    origin: str = ""
    ends: date | None = None

    @property
    def shown_file(self) -> str:
        """The rule set file (or folder of versions) as outputs name it: relative to the
        working folder when inside it."""
        return resources.shown_path(self.origin or self.path)

    @property
    def effective_from(self) -> date:
        return date.fromisoformat(str(self.data["effective"]["from"]))

    @property
    def effective_until(self) -> date | None:
        until = self.data["effective"].get("until")
        return date.fromisoformat(str(until)) if until else None

    def version_for(self, day: date) -> "RuleSet | None":
        """The version that judges a ticket first dispatched on `day`: itself for a single
        file; for a folder, the version in force that day (None when none is)."""
        if not self.versions:
            return self
        from checker.versions import in_force
        return in_force(self.versions, day)

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def source(self) -> str:
        return self.data["source"]

    @property
    def title(self) -> str:
        return self.data.get("title", self.id)

    @property
    def timezone_name(self) -> str:
        return self.data["timezone"]

    @property
    def classes(self) -> dict[str, dict]:
        return self.data["classes"]

    @property
    def office_name(self) -> str:
        return self.data.get("office", {}).get("name", self.office_key)

    def section(self, name: str) -> dict:
        return self.data.get(name) or {}

    def rule(self, rule_id: str) -> dict:
        for rule in self.data["rules"]:
            if rule["id"] == rule_id:
                return rule
        raise CheckerError(f"rule set {self.id} has no rule '{rule_id}'", file=self.path)

    def checks_of(self, rule_id: str) -> list[Check]:
        return [check for check in self.checks if check.rule_id == rule_id]

    def classify(self, category: str | None) -> str:
        """The deadline class of a category (a path is matched on its segments, see
        checker.categories); the classification's default when none names a class."""
        return self._classes.target(category) or self.data["classification"]["default"]

    def key_category_of(self, category: str | None) -> str | None:
        """The key category (2.2.1) a category names, from key_tickets.categories.*.categories."""
        return self._key_categories.target(category)

    def category_names(self) -> list[str]:
        """Every category name the rule set lists (classification and key tickets)."""
        matchers = (self._classes, self._key_categories)
        return list(dict.fromkeys(name for m in matchers if m is not None for name in m.names()))

    def names_category(self, category: str | None) -> bool:
        """Whether a category (or a segment of its path) is one the rule set lists."""
        return any(m is not None and m.match(category) is not None
                   for m in (self._classes, self._key_categories))

    def canonical_unit(self, name: str | None) -> str | None:
        """The canonical name of the unit a written name stands for (区住建局 → 区住房和城乡建设局),
        or None when it names no unit of the rule set."""
        return self.unit_names.canonical(name) if self.unit_names is not None else (
            name if name in self.units else None)

    def closest_units(self, name: str, count: int = 3) -> list[str]:
        return self.unit_names.closest(name, count) if self.unit_names is not None else []

    def class_key(self, name: str) -> str:
        """A class given by its key (other) or its Chinese name (其他类)."""
        if name in self.classes:
            return name
        for key, spec in self.classes.items():
            if spec.get("name") == name:
                return key
        known = ", ".join(f"{key} ({spec.get('name', key)})" for key, spec in self.classes.items())
        raise CheckerError(f"unknown class '{name}' (known: {known})", file=self.path)

    def class_deadline_rule(self) -> str:
        """The one deadline rule whose limit depends on the ticket's class (within.by_class)."""
        ids = list(dict.fromkeys(c.rule_id for c in self.checks
                                 if c.kind == "deadline" and c.within is not None
                                 and c.within.by_class is not None))
        if len(ids) != 1:
            found = "、".join(ids) or "无"
            raise CheckerError(f"规则集 {self.id} 中按类别定时限（within.by_class）的期限规则有 "
                               f"{len(ids)} 条（{found}），请用 --rule 指定一条", file=self.path)
        return ids[0]

    def due_of(self, rule_id: str, start: int, deadline_class: str) -> tuple[int, Duration, str]:
        """When a deadline rule begun at `start` falls due for a ticket of this class."""
        check = next((c for c in self.checks_of(rule_id) if c.kind == "deadline"), None)
        if check is None:
            raise CheckerError(f"rule set {self.id} has no deadline rule '{rule_id}'", file=self.path)
        day = date.fromordinal(local_days(self.tz).ordinal_of(start))
        duration, clock = check.within.for_class(self.class_key(deadline_class), day)
        due = due_instant(start, duration, clock, self.calendar, self.tz, check.within.holiday_extends,
                          check.within.count_start_day)
        return due, duration, clock

    @property
    def leader_settings(self) -> dict:
        """`leader_days` with the defaults of what it leaves out (LEADER_DAY_DEFAULTS); a rule set
        without the section has no leaders' answering days (a CheckerError says so)."""
        section = self.section("leader_days")
        if not section:
            from checker.i18n import run_language, say
            raise CheckerError(say(_TEXT, "no_leader_days", run_language(), id=self.id), file=self.path)
        return {**LEADER_DAY_DEFAULTS, **section}

    def leader_schedule(self, cycle: int) -> list[LeaderDay]:
        """The leaders' answering days of the cycle starting in `cycle`, per `leader_days`."""
        settings = self.leader_settings
        return leader_days(cycle, self.calendar, week_rule=settings["week_rule"],
                           postpone=settings["postpone"],
                           cycle_start_month=int(settings["cycle_start_month"]),
                           sessions=int(settings["sessions_per_cycle"]))

    def leader_session(self, year: int, month: int) -> LeaderDay:
        """The leaders' answering day of one month: its day, and the day it was moved from."""
        settings = self.leader_settings
        return leader_day_of_month(year, month, self.calendar, settings["week_rule"], settings["postpone"])

    def is_urgent_class(self, deadline_class: str) -> bool:
        return bool(self.classes.get(deadline_class, {}).get("urgent", False))

    @property
    def office_key(self) -> str:
        return office_actor_key(self.data)

    def is_office(self, actor: str | None) -> bool:
        return actor is not None and actor in self.office_actors

    def actor_key(self, actor: str | None) -> str | None:
        """The actor a logged name stands for: `office`, a key of `actors`, or the name itself."""
        if actor is None:
            return None
        known = self._actor_keys.get(actor)
        if known is not None:
            return known
        found = self._actor_index.get(actor.strip())
        if found is None and self.unit_names is not None:
            # Written as units are (南郑区热线中心, 区 热线办): compared without the prefixes.
            found = self._actor_index.get("\0" + self.unit_names.key(actor))
        self._actor_keys[actor] = found = found if found is not None else actor
        return found

    def actor_name(self, key: str) -> str:
        """How an actor key is shown: the office's name, an actor's name, or the key itself."""
        if key == self.office_key:
            return self.office_name
        return (self.section("actors").get(key) or {}).get("name", key)


def office_actor_key(data: dict) -> str:
    """The key the rule set's `actor:` fields name the office by (`office.actor`, else OFFICE_ACTOR)."""
    return (data.get("office") or {}).get("actor", OFFICE_ACTOR)


def _build_checks(rules: list[dict]) -> list[Check]:
    checks: list[Check] = []
    for rule in rules:
        parts = rule.get("checks") or [rule]
        for part in parts:
            merged = {key: part.get(key, rule.get(key)) for key in _CHECK_KEYS_FROM_RULE}
            within_spec = part.get("within") or (part.get("require") or {}).get("within")
            within = _within(within_spec, bool(part.get("holiday_extends", False)),
                             bool(part.get("count_start_day", False)))
            checks.append(Check(
                rule_id=rule["id"], name=part.get("name") if part is not rule else None,
                clause=str(rule["clause"]), quote=rule.get("quote", ""),
                severity=merged["severity"], kind=merged["kind"],
                message=merged["message"] or {"zh": rule["id"], "en": rule["id"]},
                interpretation=merged["interpretation"],
                responsible=merged["responsible"] or "unit",
                spec=part, applies=compile_condition(part.get("applies_when")),
                where=compile_condition((part.get("trigger") or {}).get("where")),
                within=within))
    return checks


def _actor_names(data: dict) -> tuple[frozenset[str], dict[str, str]]:
    """The office's own names, and every known actor name mapped to its actor key."""
    office = data.get("office") or {}
    office_key = office_actor_key(data)
    office_names = frozenset([office_key, *office.get("aliases", ())])
    index = {name: office_key for name in office_names}
    for key, actor in (data.get("actors") or {}).items():
        for name in (key, actor.get("name"), *actor.get("aliases", ())):
            if name:
                index.setdefault(name, key)
    return office_names, index


def load_ruleset(path: str | Path | None = None) -> RuleSet:
    """The rule set file at `path` (default: the shipped one), or a folder of its versions;
    a file is validated and built by load_valid."""
    path = str(path or resources.default_ruleset_path())
    if Path(path).is_dir():
        from checker.versions import load_versions
        return load_versions(path)
    return load_valid(path, "ruleset").built


def build_ruleset(loaded) -> RuleSet:
    """A RuleSet from a rule file that passed the schema and meaning checks. `validate` runs
    this too (checker.validation.runner), so what validates always loads."""
    path = loaded.path
    data = loaded.data
    try:
        tz = ZoneInfo(data["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise loaded.error(f"unknown timezone '{data['timezone']}'", ["timezone"]) from None
    calendar = load_calendar(data["calendar"], relative_to=path)
    unit_names = UnitNames(data.get("units") or {}, data.get("unit_names"))
    office_actors, actor_index = _actor_names(data)
    for name, key in list(actor_index.items()):
        actor_index.setdefault("\0" + unit_names.key(name), key)
    separators = data["classification"].get("category_separators", ())
    classes = CategoryMatcher(data["classification"].get("by_category", {}), separators)
    key_names = {key: [spec.get("name", key), *spec.get("categories", ())]
                 for key, spec in ((data.get("key_tickets") or {}).get("categories") or {}).items()}
    key_categories = CategoryMatcher(key_names, separators)
    from checker.output.labels import register_titles      # the outputs name rules by these
    register_titles(data["rules"])
    return RuleSet(path=path, data=data, tz=tz, calendar=calendar, checks=_build_checks(data["rules"]),
                   units=unit_names.canonical_names, office_actors=office_actors,
                   _classes=classes, _key_categories=key_categories,
                   _actor_index=actor_index, unit_names=unit_names,
                   file_hash=resources.content_hash(path))
