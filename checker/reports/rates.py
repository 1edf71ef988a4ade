"""The three rates of clause 2.3.3 per handling unit and month, and the ranking of 3.3.

Definitions (the rule set's `rates` section holds the weights and the office's wording):
- A ticket belongs to the month (YYYY-MM, rule set timezone) of its first `dispatched`, and
  to its responsible unit: the unit of its last `dispatched` / `redispatched`.
- 回复率 reply: of the tickets whose feedback due instant is not after as-of, the share
  whose first feedback came by that instant. The due instant is the engine's: the first
  `feedback-deadline` cycle the responsible unit ran (started by its dispatch or
  redispatch), extensions applied. A unit that got the ticket by redispatch is judged on
  its own clock, not on the one the previous unit ran.
- 解决率 resolution: of the tickets with a `visited`, the share whose last visit says
  resolved.
- 满意率 satisfaction: of the tickets with a `visited`, the sum of the weights of the last
  visits' answers (rates.satisfaction.weights), divided by their count.
- 综合 composite: the weighted mean (rates.composite.weights) of the rates the unit has;
  a missing rate is left out and the other weights renormalised. No rate at all: no
  composite.
- An empty denominator gives no rate (None, shown "—"), never 0 % or 100 %.
- Overdue tickets of a unit: tickets of the month with a violated `acceptance-1h` or
  `feedback-deadline` finding attributed to that unit (a unit that missed a deadline and
  then lost the ticket by redispatch keeps its overdue ticket).
- Ranking (ranking.by, ranking.tie_breakers): higher first, then the tie breakers in order
  (fewer overdue tickets, name, or a rate). A unit without the ranked value is not ranked
  (rank None, "不参与排名") and is listed after the ranked ones; so is a unit name no unit
  of the rule set matches (listed False), last, under the name as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from checker.engine.context import HANDOVER_EVENTS, TicketContext
from checker.model import Finding
from checker.reports.months import first_dispatch_month
from checker.ruleset import RuleSet



def reply_rule(ruleset: RuleSet) -> str:
    """The deadline rule whose first cycle decides the reply rate (rates.reply.rule)."""
    return ruleset.section("rates")["reply"]["rule"]


def overdue_rules(ruleset: RuleSet) -> frozenset[str]:
    """The deadline rules whose breach puts a ticket on the overdue list (rates.overdue_rules)."""
    return frozenset(ruleset.section("rates")["overdue_rules"])
RATE_KEYS = ("reply", "resolution", "satisfaction")
DEFAULT_SATISFACTION_WEIGHTS = {"satisfied": 1.0, "basically_satisfied": 1.0, "unsatisfied": 0.0}
DEFAULT_COMPOSITE_WEIGHTS = {"reply": 1.0, "resolution": 1.0, "satisfaction": 1.0}
DEFAULT_TIE_BREAKERS = ("fewer_overdue", "name")
# Composite values that differ by less than this are equal (float noise must not break a tie).
_TIE_DIGITS = 9


@dataclass(slots=True)
class TicketOutcome:
    """What the rates need from one ticket, as it stood at as-of."""
    ticket_id: str
    month: str | None               # YYYY-MM of the first dispatch; None: never dispatched
    unit: str | None                # the responsible unit
    reply_due: int | None           # the responsible unit's feedback due instant
    replied_on_time: bool           # its first feedback came by reply_due
    visited: bool
    resolved: bool                  # the last visit says resolved
    satisfaction: str | None        # the last visit's answer
    overdue_units: frozenset[str]   # units with a violated acceptance/feedback finding
    key_category: str | None
    closed: bool


@dataclass(slots=True)
class Rate:
    numerator: float
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


@dataclass
class UnitRates:
    unit: str | None
    tickets: int = 0
    on_time_feedbacks: int = 0
    overdue_tickets: int = 0
    reply: Rate = field(default_factory=lambda: Rate(0, 0))
    resolution: Rate = field(default_factory=lambda: Rate(0, 0))
    satisfaction: Rate = field(default_factory=lambda: Rate(0, 0))
    composite: float | None = None
    rank: int | None = None
    listed: bool = True             # False: a name no unit of the rule set matches (never ranked)

    def rate(self, key: str) -> float | None:
        if key == "composite":
            return self.composite
        return getattr(self, key).value


def _reply_cycle(context: TicketContext, rule_id: str):
    """The first feedback cycle started at or after the ticket's last handover."""
    events = context.events
    last_handover = max((index for index, event in enumerate(events)
                         if event.event in HANDOVER_EVENTS), default=-1)
    for cycle in context.cycles.get(rule_id, ()):
        if cycle.start_index >= last_handover:
            return cycle
    return None


def ticket_outcome(context: TicketContext, findings: Iterable[Finding], ruleset: RuleSet) -> TicketOutcome:
    """The rate facts of one ticket checked by the engine (Auditor.check_ticket)."""
    events = context.events
    month = first_dispatch_month(context.ticket, context.days)
    cycle = _reply_cycle(context, reply_rule(ruleset))
    last_visit = next((event for event in reversed(events) if event.event == "visited"), None)
    overdue = overdue_rules(ruleset)
    overdue_units = frozenset(finding.unit for finding in findings
                              if finding.rule in overdue and finding.status == "violated"
                              and finding.unit is not None)
    return TicketOutcome(
        ticket_id=context.ticket.ticket_id, month=month, unit=context.current_unit(),
        reply_due=cycle.due if cycle is not None else None,
        replied_on_time=cycle is not None and cycle.state == "met",
        visited=last_visit is not None,
        resolved=bool(last_visit is not None and last_visit.resolved),
        satisfaction=last_visit.satisfaction if last_visit is not None else None,
        overdue_units=overdue_units, key_category=context.ticket.key_category,
        closed=any(event.event == "closed" for event in events))


def satisfaction_weights(ruleset: RuleSet) -> dict[str, float]:
    weights = (ruleset.section("rates").get("satisfaction") or {}).get("weights")
    return {**DEFAULT_SATISFACTION_WEIGHTS, **(weights or {})}


def composite_weights(ruleset: RuleSet) -> dict[str, float]:
    weights = (ruleset.section("rates").get("composite") or {}).get("weights")
    if not weights:
        return dict(DEFAULT_COMPOSITE_WEIGHTS)
    return {key: float(weights.get(key, 0)) for key in RATE_KEYS}


def composite_of(unit: UnitRates, weights: dict[str, float]) -> float | None:
    """Weighted mean over the rates the unit has; the weights of missing rates drop out."""
    total = weighted = 0.0
    for key in RATE_KEYS:
        value = unit.rate(key)
        if value is None or not weights.get(key):
            continue
        total += weights[key]
        weighted += weights[key] * value
    return weighted / total if total else None


def _count(row: UnitRates, outcome: TicketOutcome, weights: dict[str, float], as_of: int) -> None:
    """Add one ticket to the tickets and rate counts of `row`."""
    row.tickets += 1
    if outcome.reply_due is not None and outcome.reply_due <= as_of:
        row.reply.denominator += 1
        if outcome.replied_on_time:
            row.reply.numerator += 1
            row.on_time_feedbacks += 1
    if outcome.visited:
        row.resolution.denominator += 1
        row.satisfaction.denominator += 1
        row.resolution.numerator += 1 if outcome.resolved else 0
        row.satisfaction.numerator += float(weights.get(outcome.satisfaction or "", 0.0))


def rates_from_outcomes(outcomes: Iterable[TicketOutcome], ruleset: RuleSet, month: str,
                        as_of: int) -> list[UnitRates]:
    """Every unit with a ticket or an overdue ticket in `month`, ranked."""
    weights = satisfaction_weights(ruleset)
    units: dict[str | None, UnitRates] = {}

    def row(unit: str | None) -> UnitRates:
        if unit not in units:
            units[unit] = UnitRates(unit=unit, listed=unit is None or unit in ruleset.units)
        return units[unit]

    for outcome in outcomes:
        if outcome.month != month:
            continue
        for overdue_unit in outcome.overdue_units:
            row(overdue_unit).overdue_tickets += 1
        _count(row(outcome.unit), outcome, weights, as_of)
    composite = composite_weights(ruleset)
    for unit in units.values():
        unit.composite = composite_of(unit, composite)
    return rank_units(list(units.values()), ruleset)


def total_rates(outcomes: Iterable[TicketOutcome], ruleset: RuleSet, as_of: int) -> UnitRates:
    """All the given tickets as one row (the 全区合计 line); an overdue ticket counts once."""
    weights = satisfaction_weights(ruleset)
    total = UnitRates(unit=None)
    for outcome in outcomes:
        _count(total, outcome, weights, as_of)
        total.overdue_tickets += 1 if outcome.overdue_units else 0
    total.composite = composite_of(total, composite_weights(ruleset))
    return total


def _sort_key(unit: UnitRates, by: str, tie_breakers: list[str]) -> tuple:
    value = unit.rate(by)
    key: list = [round(-value, _TIE_DIGITS)]
    for breaker in tie_breakers:
        if breaker == "fewer_overdue":
            key.append(unit.overdue_tickets)
        elif breaker == "name":
            key.append(unit.unit or "\uffff")
        else:   # a rate: higher first, a missing one last
            other = unit.rate(breaker)
            key.append((1, 0) if other is None else (0, round(-other, _TIE_DIGITS)))
    return tuple(key)


def ranking_order(ruleset: RuleSet) -> tuple[str, list[str]]:
    """What the units are ranked by (ranking.by) and the tie breakers, in order."""
    ranking = ruleset.section("ranking")
    return ranking.get("by", "composite"), list(ranking.get("tie_breakers", DEFAULT_TIE_BREAKERS))


def rank_units(units: list[UnitRates], ruleset: RuleSet) -> list[UnitRates]:
    """Sort and number the units. Equal on every stated criterion: the same rank (1, 1, 3);
    the name orders them always, but separates their ranks only when it is a tie breaker."""
    by, tie_breakers = ranking_order(ruleset)
    ranked = [unit for unit in units if unit.rate(by) is not None and unit.listed]
    unranked = sorted((unit for unit in units if unit.rate(by) is None or not unit.listed),
                      key=lambda unit: (not unit.listed, unit.unit or "\uffff"))
    ranked.sort(key=lambda unit: (_sort_key(unit, by, tie_breakers), unit.unit or "\uffff"))
    previous = None
    for position, unit in enumerate(ranked, start=1):
        key = _sort_key(unit, by, tie_breakers)
        unit.rank = previous[1] if previous is not None and previous[0] == key else position
        previous = (key, unit.rank)
    for unit in unranked:
        unit.rank = None
    return ranked + unranked


def compute_rates(checked: Iterable[tuple[TicketContext, list[Finding]]], ruleset: RuleSet,
                  month: str, as_of: int) -> list[UnitRates]:
    """The ranked rates of `month` from tickets checked by the engine: the pairs that
    `Auditor.check_ticket` returns, with the same as-of."""
    outcomes = (ticket_outcome(context, findings, ruleset) for context, findings in checked)
    return rates_from_outcomes(outcomes, ruleset, month, as_of)
