"""The three rates of clause 2.3.3 and the ranking of 3.3, on small hand-computed logs.

Feedback limits from the notice: other class 5 natural days (dispatch day not counted, so a
dispatch on 2024-05-06 is due 2024-05-12T00:00), basic living 24 h. Acceptance within 1 h on a
workday.
"""

from pathlib import Path

import pytest

from checker import resources
from checker.engine.audit import Auditor
from checker.engine.tickets import group_tickets
from checker.reports.rates import compute_rates
from checker.ruleset import load_ruleset
from support import Log, instant


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def rates_of(log: Log, ruleset, as_of: str, month: str = "2024-05"):
    moment = instant(as_of)
    auditor = Auditor(ruleset, moment)
    checked = [auditor.check_ticket(t) for t in group_tickets(log.events, ruleset, moment)]
    return compute_rates(checked, ruleset, month, moment)


def by_unit(rows):
    return {row.unit: row for row in rows}


def handled(log, ticket, unit, dispatched, feedback, *, visit=None, resolved=True,
            satisfaction="satisfied", accepted=None):
    """A ticket handled by the book: dispatched, accepted, contacted, feedback, maybe visited."""
    log.add(ticket, "dispatched", dispatched, unit=unit, category="道路维修")
    log.add(ticket, "accepted", accepted or dispatched.replace(":00", ":20", 1), actor=unit)
    log.add(ticket, "citizen_contacted", feedback, actor=unit)
    log.add(ticket, "feedback", feedback, actor=unit)
    if visit:
        log.add(ticket, "visited", visit, actor="office", resolved=resolved, satisfaction=satisfaction)
    return log


def test_unit_without_visits_has_no_resolution_or_satisfaction_rate(rules):
    log = handled(Log(), "T1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00")
    [row] = rates_of(log, rules, "2024-05-20 00:00")
    assert row.unit == "汉山街道" and row.tickets == 1
    assert row.reply.value == 1.0
    assert row.resolution.denominator == 0 and row.resolution.value is None
    assert row.satisfaction.value is None
    # The composite is the mean of the rates that exist: here only the reply rate.
    assert row.composite == 1.0
    assert row.rank == 1


def test_redispatched_ticket_counts_for_the_new_unit_on_its_own_clock(rules):
    log = Log()
    log.add("T1", "dispatched", "2024-05-06 09:00", unit="梁山镇", category="道路维修")
    log.add("T1", "accepted", "2024-05-06 09:30", actor="梁山镇")
    log.add("T1", "redispatched", "2024-05-07 10:00", unit="协税镇")
    log.add("T1", "accepted", "2024-05-07 10:30", actor="协税镇")
    log.add("T1", "citizen_contacted", "2024-05-07 11:00", actor="协税镇")
    # After the first unit's due (05-12 00:00) but within the new unit's five days from the
    # redispatch (05-13 00:00): on time for 协税镇.
    log.add("T1", "feedback", "2024-05-12 10:00", actor="协税镇")
    log.add("T1", "visited", "2024-05-13 09:00", actor="office", resolved=True, satisfaction="satisfied")
    rows = by_unit(rates_of(log, rules, "2024-05-20 00:00"))
    assert set(rows) == {"协税镇"}
    assert rows["协税镇"].tickets == 1
    assert (rows["协税镇"].reply.numerator, rows["协税镇"].reply.denominator) == (1, 1)
    assert rows["协税镇"].resolution.value == 1.0


def test_unit_that_missed_acceptance_keeps_the_overdue_ticket_after_redispatch(rules):
    log = Log()
    log.add("T1", "dispatched", "2024-05-06 09:00", unit="高台镇", category="道路维修")
    log.add("T1", "redispatched", "2024-05-06 11:00", unit="协税镇")       # 高台镇 never accepted
    log.add("T1", "accepted", "2024-05-06 11:30", actor="协税镇")
    log.add("T1", "citizen_contacted", "2024-05-06 12:00", actor="协税镇")
    log.add("T1", "feedback", "2024-05-08 12:00", actor="协税镇")
    rows = rates_of(log, rules, "2024-05-20 00:00")
    assert [row.unit for row in rows] == ["协税镇", "高台镇"]
    first, second = rows
    assert (first.tickets, first.overdue_tickets, first.rank) == (1, 0, 1)
    # 高台镇 has an overdue ticket but no ticket of its own: no rate, not ranked, listed last.
    assert (second.tickets, second.overdue_tickets) == (0, 1)
    assert second.reply.value is None and second.composite is None and second.rank is None


def test_returned_ticket_counts_its_last_visit(rules):
    log = handled(Log(), "T1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00",
                  visit="2024-05-09 09:00", resolved=False, satisfaction="unsatisfied")
    log.add("T1", "returned", "2024-05-09 10:00", actor="office")
    log.add("T1", "feedback", "2024-05-13 10:00", actor="汉山街道")
    log.add("T1", "visited", "2024-05-14 09:00", actor="office", resolved=True, satisfaction="satisfied")
    [row] = rates_of(log, rules, "2024-05-20 00:00")
    assert (row.resolution.numerator, row.resolution.denominator) == (1, 1)
    assert (row.satisfaction.numerator, row.satisfaction.denominator) == (1, 1)
    # The reply rate judges the first feedback (05-08, due 05-12 00:00): on time.
    assert row.reply.value == 1.0


def test_unresolved_last_visit_counts_against_both_rates(rules):
    log = handled(Log(), "T1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00",
                  visit="2024-05-09 09:00", resolved=True, satisfaction="satisfied")
    log.add("T1", "visited", "2024-05-10 09:00", actor="office", resolved=False,
            satisfaction="unsatisfied")
    [row] = rates_of(log, rules, "2024-05-20 00:00")
    assert row.resolution.value == 0.0 and row.satisfaction.value == 0.0


def _two_visits():
    log = handled(Log(), "T1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00",
                  visit="2024-05-09 09:00", satisfaction="satisfied")
    return handled(log, "T2", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00",
                   visit="2024-05-09 09:00", satisfaction="basically_satisfied")


def test_basically_satisfied_counts_fully_by_default(rules):
    [row] = rates_of(_two_visits(), rules, "2024-05-20 00:00")
    assert row.satisfaction.value == 1.0


def test_basically_satisfied_weight_is_data(tmp_path: Path):
    original = resources.default_ruleset_path().read_text(encoding="utf-8")
    line = "    weights: {satisfied: 1.0, basically_satisfied: 1.0, unsatisfied: 0.0}"
    assert line in original
    changed = tmp_path / "weights.yaml"
    changed.write_text(original.replace(line, line.replace("basically_satisfied: 1.0",
                                                           "basically_satisfied: 0.8")),
                       encoding="utf-8")
    ruleset = load_ruleset(changed)
    [row] = rates_of(_two_visits(), ruleset, "2024-05-20 00:00")
    assert row.satisfaction.numerator == pytest.approx(1.8)
    assert row.satisfaction.value == pytest.approx(0.9)
    # composite: (reply 1 + resolution 1 + satisfaction 0.9) / 3
    assert row.composite == pytest.approx(2.9 / 3)


def test_ranking_ties_broken_by_fewer_overdue_then_by_name(rules):
    log = Log()
    handled(log, "T1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00", visit="2024-05-09 09:00")
    # On time for feedback, but accepted 09:00 → 10:30 on a workday: one overdue ticket.
    handled(log, "T2", "梁山镇", "2024-05-06 09:00", "2024-05-08 10:00", visit="2024-05-09 09:00",
            accepted="2024-05-06 10:30")
    handled(log, "T3", "协税镇", "2024-05-06 09:00", "2024-05-08 10:00", visit="2024-05-09 09:00",
            resolved=False, satisfaction="unsatisfied")
    handled(log, "T4", "大河坎镇", "2024-05-06 09:00", "2024-05-08 10:00", visit="2024-05-09 09:00",
            resolved=False, satisfaction="unsatisfied")
    rows = rates_of(log, rules, "2024-05-20 00:00")
    assert [(row.unit, row.rank) for row in rows] == [
        ("汉山街道", 1), ("梁山镇", 2), ("协税镇", 3), ("大河坎镇", 4)]
    assert [row.overdue_tickets for row in rows] == [0, 1, 0, 0]
    assert rows[0].composite == rows[1].composite == 1.0
    assert rows[2].composite == rows[3].composite == pytest.approx(1 / 3)


def test_reply_rate_counts_only_tickets_due_by_as_of(rules):
    log = Log()
    handled(log, "T1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00")        # due 05-12: on time
    handled(log, "T2", "汉山街道", "2024-05-20 09:00", "2024-05-21 10:00")        # due 05-26: after as-of
    log.add("T3", "dispatched", "2024-05-10 09:00", unit="汉山街道", category="道路维修")  # due 05-16: missed
    log.add("T4", "dispatched", "2024-05-16 09:00", unit="汉山街道", category="道路维修")  # due 05-22 00:00 = as-of
    log.add("T5", "dispatched", "2024-05-10 09:00", unit="汉山街道", category="道路维修")
    log.add("T5", "extension_approved", "2024-05-14 09:00", actor="office",
            promised_at="2024-05-18 00:00")
    log.add("T5", "feedback", "2024-05-17 12:00", actor="汉山街道")              # on time, extended
    [row] = rates_of(log, rules, "2024-05-22 00:00")
    assert row.tickets == 5
    assert (row.reply.numerator, row.reply.denominator) == (2, 4)
    assert row.on_time_feedbacks == 2


def test_late_feedback_is_not_on_time_and_the_ticket_is_overdue(rules):
    log = Log()
    handled(log, "T1", "汉山街道", "2024-05-06 09:00", "2024-05-12 00:00:01")   # one second late
    handled(log, "T2", "汉山街道", "2024-05-06 09:00", "2024-05-12 00:00:00")   # exactly on time
    [row] = rates_of(log, rules, "2024-05-20 00:00")
    assert (row.reply.numerator, row.reply.denominator) == (1, 2)
    assert row.overdue_tickets == 1


def test_ticket_belongs_to_the_month_of_its_first_dispatch(rules):
    log = Log()
    # Dispatched 04-30 23:30 in Shanghai time (15:30 UTC): an April ticket.
    handled(log, "T1", "汉山街道", "2024-04-30 23:30", "2024-05-02 10:00", accepted="2024-04-30 23:50")
    handled(log, "T2", "汉山街道", "2024-05-01 00:10", "2024-05-02 10:00", accepted="2024-05-01 00:30")
    april = rates_of(log, rules, "2024-05-20 00:00", month="2024-04")
    may = rates_of(log, rules, "2024-05-20 00:00", month="2024-05")
    assert [row.tickets for row in april] == [1] and [row.tickets for row in may] == [1]


def test_no_ticket_in_the_month_gives_no_rows(rules):
    log = handled(Log(), "T1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00")
    assert rates_of(log, rules, "2024-05-20 00:00", month="2024-06") == []


def test_which_rules_make_a_ticket_overdue_is_data_and_validated(run_cli, tmp_path):
    from checker import resources
    text = resources.default_ruleset_path().read_text(encoding="utf-8")
    broken = text.replace("overdue_rules: [acceptance-1h, feedback-deadline]",
                          "overdue_rules: [acceptance-1h, feedback-deadlin]")
    assert broken != text
    path = tmp_path / "rules.yaml"
    path.write_text(broken, encoding="utf-8")
    line = next(n for n, l in enumerate(broken.splitlines(), 1) if "feedback-deadlin]" in l)
    status, out, err = run_cli("validate", str(path))
    assert status == 2 and f"rules.yaml:{line}:" in out + err and "feedback-deadlin" in out + err
