"""The rates, scores and ranking of the month per handling unit, as the rule set's
assessment scheme defines them (checker.assessment.scheme; docs/assessment.md).

Counting, whatever the scheme:
- A ticket belongs to the month (YYYY-MM, rule set timezone) of its first `dispatched`, and
  to its responsible unit: the unit of its last `dispatched` / `redispatched`. An indicator or
  count may credit another unit instead: the unit of the first dispatch (`first_unit`), or the
  units named by the findings it counts (`finding_units`: a unit that missed a deadline and
  then lost the ticket by redispatch keeps it).
- A ticket an exclusion (`rates.exclude`) holds for is left out of every indicator and
  counted under `excluded` with the ruling; an indicator's own `exclude` leaves it out of that
  indicator only.
- An indicator's numerator is counted among its denominator's tickets; an empty denominator
  gives no rate (None, shown "—"), never 0 % or 100 %, and no points.
- The composite: the points of the indicators the unit has (when shown in points, each
  rounded as shown, so that the reader's sum agrees), over the most they could earn, times
  the full score (the unit's group's, else the composite's). A missing indicator
  drops out and the others are renormalised (`missing: renormalise`), or earns 0 of its
  points (`missing: zero`). No indicator at all: no composite.
- Ranking: per pool (each unit group, or all units), better first on `ranking.by`, then the
  tie breakers in order. Units equal on every criterion share the rank (1, 2, 2, 4); the name
  orders them always, but separates their ranks only when it is a tie breaker. A unit without
  the ranked value, or with fewer tickets than `ranking.min_tickets`, is not ranked (rank None,
  "不参与排名") and is listed after the ranked ones; so is a unit name no unit of the rule
  set matches (listed False), last, under the name as written. Then the red and black lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from checker.assessment.facts import TicketFacts, event_value, matching_findings
from checker.assessment.ranks import assign_lists, rank_pool
from checker.assessment.scheme import Indicator, Scheme, scheme_of
from checker.engine.context import TicketContext
from checker.model import Finding
from checker.output.numbers import score_rounded
from checker.reports.months import first_dispatch_month
from checker.reports.unsatisfied_list import last_unsatisfied_visit
from checker.ruleset import RuleSet


def overdue_rules(ruleset: RuleSet) -> frozenset[str]:
    """The deadline rules whose breach puts a ticket on the overdue list (rates.overdue_rules)."""
    return scheme_of(ruleset).overdue_rules


@dataclass(slots=True)
class TicketOutcome:
    """What the rates and the report sections need from one ticket, as it stood at as-of."""
    ticket_id: str
    month: str | None               # YYYY-MM of the first dispatch; None: never dispatched
    unit: str | None                # the responsible unit
    overdue_units: frozenset[str]   # units with a violated finding of rates.overdue_rules
    key_category: str | None
    closed: bool
    excluded_by: object = None      # the ruling of the exclusion that holds, if any
    # indicator id -> (credited units, numerator value); only indicators it is counted in
    indicators: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)      # count id -> credited units
    category: str | None = None
    dispatched_at: int | None = None    # the instant of the first dispatch
    findings: list = field(default_factory=list)    # the engine's findings (pending included)
    unsatisfied_visit: object = None    # checker.reports.unsatisfied_list.UnsatisfiedVisit


@dataclass(slots=True)
class Rate:
    numerator: float
    denominator: int
    points: float | None = None

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


@dataclass
class UnitRates:
    """One unit's row (or the total's): its counts, its indicators' rates and points, the
    composite and its place. An indicator or count is also read as an attribute by its id
    (`row.reply`, `row.overdue_tickets`)."""
    unit: str | None
    group: str | None = None
    tickets: int = 0
    excluded: int = 0
    counts: dict = field(default_factory=dict)
    rates: dict = field(default_factory=dict)
    composite: float | None = None
    rank: int | None = None
    listed: bool = True             # False: a name no unit of the rule set matches (never ranked)
    lists: list = field(default_factory=list)       # "red" / "black"

    def __getattr__(self, name: str):
        rates = self.__dict__.get("rates", {})
        if name in rates:
            return rates[name]
        counts = self.__dict__.get("counts", {})
        if name in counts:
            return counts[name]
        raise AttributeError(name)

    def rate(self, key: str) -> float | None:
        if key == "composite":
            return self.composite
        rate = self.rates.get(key)
        return rate.value if rate is not None else None

    def count(self, key: str) -> int:
        return self.tickets if key == "tickets" else self.counts.get(key, 0)


def _credited(credit: str, current_unit: str | None, first_unit: str | None,
              findings: list[Finding]) -> tuple:
    if credit == "first_unit":
        return (first_unit,)
    if credit == "finding_units":
        return tuple(sorted({finding.unit for finding in findings if finding.unit is not None}))
    return (current_unit,)


def _finding_leaf(spec: dict | None) -> dict | None:
    """The {finding} leaf whose findings name the units of a `finding_units` credit."""
    if not spec:
        return None
    if "finding" in spec:
        return spec
    for key in ("all", "any"):
        for part in spec.get(key, ()):
            found = _finding_leaf(part)
            if found is not None:
                return found
    return None


def units_for(credit: str, spec: dict | None, current_unit: str | None, first_unit: str | None,
              findings: list[Finding]) -> tuple:
    """The units an indicator or count credits a ticket to (`spec`: its condition)."""
    relevant = findings
    if credit == "finding_units":
        leaf = _finding_leaf(spec)
        relevant = matching_findings(leaf, findings) if leaf is not None else []
    return _credited(credit, current_unit, first_unit, relevant)


def _numerator(indicator: Indicator, facts: TicketFacts) -> float | int:
    if indicator.weighted is not None:
        answer = event_value(indicator.weighted, facts)
        return float(indicator.weighted["weights"].get(answer, 0.0)) if answer is not None else 0.0
    return 1 if indicator.numerator(facts) else 0


def ticket_outcome(context: TicketContext, findings: Iterable[Finding], ruleset: RuleSet) -> TicketOutcome:
    """The rate facts of one ticket checked by the engine (Auditor.check_ticket)."""
    scheme = scheme_of(ruleset)
    findings = list(findings)
    events = context.events
    facts = TicketFacts(ticket=context.ticket, events=events, findings=findings,
                        cycles=context.cycles, as_of=context.as_of, fields=context.fields)
    first = context.ticket.first_dispatch()
    first_unit = first.unit if first is not None else None
    current = context.current_unit()
    outcome = TicketOutcome(
        ticket_id=context.ticket.ticket_id, month=first_dispatch_month(context.ticket, context.days),
        unit=current, overdue_units=overdue_units(findings, scheme),
        key_category=context.ticket.key_category,
        closed=any(event.event == "closed" for event in events),
        category=context.ticket.category, dispatched_at=first.at if first is not None else None,
        findings=findings, unsatisfied_visit=last_unsatisfied_visit(events))
    for count in scheme.counts:
        if count.when(facts):
            outcome.counts[count.id] = units_for(count.credit, count.spec.get("when"), current,
                                                 first_unit, findings)
    outcome.excluded_by = next((item.ruling for item in scheme.exclusions if item.when(facts)), None)
    if outcome.excluded_by is not None:
        return outcome
    for indicator in scheme.indicators:
        if any(item.when(facts) for item in indicator.exclusions) or not indicator.denominator(facts):
            continue
        units = units_for(indicator.credit, indicator.spec.get("denominator"), current,
                          first_unit, findings)
        outcome.indicators[indicator.id] = (units, _numerator(indicator, facts))
    return outcome


def overdue_units(findings: list[Finding], scheme: Scheme) -> frozenset[str]:
    """The units with a violated finding of rates.overdue_rules."""
    return frozenset(finding.unit for finding in findings
                     if finding.rule in scheme.overdue_rules and finding.status == "violated"
                     and finding.unit is not None)


def _empty_row(unit: str | None, scheme: Scheme, ruleset: RuleSet) -> UnitRates:
    group = scheme.group_of(unit) if unit is not None else None
    return UnitRates(unit=unit, group=group.id if group is not None else None,
                     listed=unit is None or unit in ruleset.units,
                     counts={count.id: 0 for count in scheme.counts},
                     rates={indicator.id: Rate(0, 0) for indicator in scheme.indicators})


def _score(row: UnitRates, scheme: Scheme) -> None:
    """Each indicator's points and the composite of the row."""
    group = next((g for g in scheme.groups if g.id == row.group), None)
    earned = most = 0.0
    shown = scheme.composite.shown_as == "points"
    for indicator in scheme.indicators:
        rate = row.rates[indicator.id]
        value = rate.value
        if indicator.score is None:
            continue
        if value is None:
            if scheme.composite.missing == "zero":
                most += indicator.score.most
            continue
        rate.points = indicator.score.points(value)
        if shown:       # the composite adds the points as the report shows them
            rate.points = score_rounded(rate.points)
        earned += rate.points
        most += indicator.score.most
    has_any = any(row.rates[i.id].value is not None for i in scheme.indicators if i.score is not None)
    row.composite = earned / most * scheme.full_score(group) if most and has_any else None


def rates_from_outcomes(outcomes: Iterable[TicketOutcome], ruleset: RuleSet, month: str,
                        as_of: int) -> list[UnitRates]:
    """Every unit with a ticket, a counted ticket or an overdue ticket in `month`, ranked."""
    scheme = scheme_of(ruleset)
    units: dict[str | None, UnitRates] = {}

    def row(unit: str | None) -> UnitRates:
        if unit not in units:
            units[unit] = _empty_row(unit, scheme, ruleset)
        return units[unit]

    for outcome in outcomes:
        if outcome.month != month:
            continue
        own = row(outcome.unit)
        own.tickets += 1
        if outcome.excluded_by is not None:
            own.excluded += 1
        for key, credited in outcome.counts.items():
            for unit in credited:
                row(unit).counts[key] += 1
        for key, (credited, numerator) in outcome.indicators.items():
            for unit in credited:
                rate = row(unit).rates[key]
                rate.denominator += 1
                rate.numerator += numerator
    for unit in units.values():
        _score(unit, scheme)
    return rank_units(list(units.values()), ruleset)


def total_rates(outcomes: Iterable[TicketOutcome], ruleset: RuleSet, as_of: int) -> UnitRates:
    """All the given tickets as one row (the 全区合计 line): each ticket counted once."""
    scheme = scheme_of(ruleset)
    total = _empty_row(None, scheme, ruleset)
    for outcome in outcomes:
        total.tickets += 1
        if outcome.excluded_by is not None:
            total.excluded += 1
        for key in outcome.counts:
            total.counts[key] += 1
        for key, (_, numerator) in outcome.indicators.items():
            total.rates[key].denominator += 1
            total.rates[key].numerator += numerator
    _score(total, scheme)
    return total


def rank_units(units: list[UnitRates], ruleset: RuleSet) -> list[UnitRates]:
    """Rank the units pool by pool (groups in their order, then the units of no group); in a
    pool the ranked units first, then those not ranked by name. Then the red and black lists."""
    scheme = scheme_of(ruleset)
    pools: dict[str | None, list[UnitRates]] = {}
    for unit in units:
        pools.setdefault(unit.group, []).append(unit)
    order = [group.id for group in scheme.groups] + [None]
    result: list[UnitRates] = []
    for key in order + [k for k in pools if k not in order]:
        if key not in pools:
            continue
        ranked = rank_pool(pools[key], scheme)
        group = next((g for g in scheme.groups if g.id == key), None)
        assign_lists(ranked, scheme, scheme.lists_of(group))
        result.extend(ranked)
    return result


def compute_rates(checked: Iterable[tuple[TicketContext, list[Finding]]], ruleset: RuleSet,
                  month: str, as_of: int) -> list[UnitRates]:
    """The ranked rates of `month` from tickets checked by the engine: the pairs that
    `Auditor.check_ticket` returns, with the same as-of."""
    outcomes = (ticket_outcome(context, findings, ruleset) for context, findings in checked)
    return rates_from_outcomes(outcomes, ruleset, month, as_of)
