"""The deadline rules of 南政办发〔2024〕4号 at their edges, from the notice's own words.

二、（一）二是: 确保工作日内所有工单、工作日外紧急工单在1小时内启动接诉程序.
二、（一）三是: 突发事件…3小时内反馈；水电气热…24小时内反馈；其他类…5个自然日内反馈.
"""

import pytest

from checker.ruleset import load_ruleset
from support import Log, audit, found, instant


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def dispatch(log, ticket, at, unit="汉山街道", **fields):
    return log.add(ticket, "dispatched", at, unit=unit, **fields)


# --- acceptance-1h -------------------------------------------------------------------------

def test_acceptance_exactly_one_hour_is_on_time(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", category="道路维修")
    log.add("T1", "accepted", "2024-05-06 10:00:00")
    assert found(audit(log, rules), "acceptance-1h") == []


def test_acceptance_one_second_late_is_a_violation(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", category="道路维修")
    log.add("T1", "accepted", "2024-05-06 10:00:01")
    [finding] = found(audit(log, rules), "acceptance-1h")
    assert finding.severity == "violation" and finding.clause == "2.1.2"
    assert finding.due == instant("2024-05-06 10:00")
    assert finding.actual == instant("2024-05-06 10:00:01")
    assert finding.unit == "汉山街道"


def test_make_up_saturday_is_a_workday_for_acceptance(rules):
    # 2024-05-11 is a Saturday worked in exchange for the Labour Day holiday (调休上班).
    log = Log()
    dispatch(log, "T1", "2024-05-11 09:00", category="道路维修")
    log.add("T1", "accepted", "2024-05-11 11:00")
    [finding] = found(audit(log, rules), "acceptance-1h")
    assert finding.due == instant("2024-05-11 10:00")


def test_ordinary_sunday_non_urgent_ticket_has_no_one_hour_limit(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-12 09:00", category="道路维修")
    log.add("T1", "accepted", "2024-05-13 09:00")
    assert found(audit(log, rules), "acceptance-1h") == []


def test_sunday_urgent_ticket_must_be_accepted_within_one_hour(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-12 22:30", category="停水")
    log.add("T1", "accepted", "2024-05-12 23:31")
    [finding] = found(audit(log, rules), "acceptance-1h")
    assert finding.due == instant("2024-05-12 23:30")


def test_holiday_non_urgent_ticket_has_no_one_hour_limit(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-02 10:00", category="噪音扰民")
    log.add("T1", "accepted", "2024-05-06 08:30")
    assert found(audit(log, rules), "acceptance-1h") == []


def test_explicit_urgent_flag_overrides_the_class(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-04 10:00", category="噪音扰民", urgent=True)
    log.add("T1", "accepted", "2024-05-04 11:30")
    assert len(found(audit(log, rules), "acceptance-1h")) == 1


def test_never_accepted_is_a_violation_with_no_actual_time(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", category="道路维修")
    result = audit(log, rules, as_of="2024-05-06 12:00")
    [finding] = found(result, "acceptance-1h")
    assert finding.actual is None and finding.status == "violated"


def test_deadline_still_ahead_of_as_of_is_pending_not_a_violation(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", category="道路维修")
    assert found(audit(log, rules, as_of="2024-05-06 09:30"), "acceptance-1h") == []
    [pending] = found(audit(log, rules, as_of="2024-05-06 09:30", pending=True), "acceptance-1h")
    assert pending.status == "pending" and pending.due == instant("2024-05-06 10:00")


def test_as_of_exactly_at_due_is_still_pending(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", category="道路维修")
    assert found(audit(log, rules, as_of="2024-05-06 10:00"), "acceptance-1h") == []


# --- feedback-deadline ---------------------------------------------------------------------

def test_emergency_feedback_within_three_hours_across_midnight(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-12 22:30", category="突发事件")
    log.add("T1", "feedback", "2024-05-13 01:30")
    dispatch(log, "T2", "2024-05-12 22:30", category="突发事件")
    log.add("T2", "feedback", "2024-05-13 01:31")
    result = audit(log, rules)
    assert found(result, "feedback-deadline", "T1") == []
    [late] = found(result, "feedback-deadline", "T2")
    assert late.due == instant("2024-05-13 01:30")


def test_basic_living_feedback_within_24_hours(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-01 08:00", category="停电")
    log.add("T1", "feedback", "2024-05-02 08:00:01")
    [late] = found(audit(log, rules), "feedback-deadline")
    assert late.due == instant("2024-05-02 08:00")


def test_other_class_runs_five_natural_days_to_midnight(rules):
    # Dispatched on 05-06: the day itself is not counted; 05-07..05-11, ending 24:00 of 05-11.
    log = Log()
    for ticket, answered in (("ON", "2024-05-11 23:59:59"), ("EDGE", "2024-05-12 00:00:00"),
                             ("LATE", "2024-05-12 00:00:01")):
        dispatch(log, ticket, "2024-05-06 15:00", category="噪音扰民")
        log.add(ticket, "feedback", answered)
    result = audit(log, rules)
    assert found(result, "feedback-deadline", "ON") == []
    assert found(result, "feedback-deadline", "EDGE") == []
    [late] = found(result, "feedback-deadline", "LATE")
    assert late.due == instant("2024-05-12 00:00")


def test_natural_days_run_through_the_national_day_holiday(rules):
    log = Log()
    dispatch(log, "T1", "2024-09-27 23:30", category="噪音扰民")
    log.add("T1", "feedback", "2024-10-08 09:00")
    [late] = found(audit(log, rules), "feedback-deadline")
    assert late.due == instant("2024-10-03 00:00")


def test_extension_approved_one_minute_before_due_moves_the_deadline(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 15:00", category="噪音扰民")
    log.add("T1", "extension_requested", "2024-05-11 20:00")
    log.add("T1", "extension_approved", "2024-05-11 23:59", actor="office",
            promised_at="2024-05-20 18:00")
    log.add("T1", "citizen_informed", "2024-05-12 09:00", promised_at="2024-05-20 18:00")
    log.add("T1", "feedback", "2024-05-18 10:00")
    result = audit(log, rules)
    assert found(result, "feedback-deadline") == []
    assert found(result, "extension-approval") == []


def test_extension_approved_one_minute_after_due_moves_nothing(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 15:00", category="噪音扰民")
    log.add("T1", "extension_approved", "2024-05-12 00:01", actor="office",
            promised_at="2024-05-20 18:00")
    log.add("T1", "citizen_informed", "2024-05-12 09:00", promised_at="2024-05-20 18:00")
    log.add("T1", "feedback", "2024-05-18 10:00")
    result = audit(log, rules)
    [late] = found(result, "feedback-deadline")
    assert late.due == instant("2024-05-12 00:00") and late.actual == instant("2024-05-18 10:00")
    [approval] = found(result, "extension-approval", check="approved-in-time")
    assert approval.due == instant("2024-05-12 00:00")


def test_extension_not_granted_by_the_office_does_not_count(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 15:00", category="噪音扰民")
    log.add("T1", "extension_approved", "2024-05-10 10:00", actor="汉山街道",
            promised_at="2024-05-20 18:00")
    log.add("T1", "feedback", "2024-05-18 10:00")
    result = audit(log, rules)
    assert len(found(result, "feedback-deadline")) == 1
    assert len(found(result, "extension-approval", check="approved-in-time")) == 1


def test_returned_ticket_gets_the_class_limit_again_from_the_return(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", category="噪音扰民")
    log.add("T1", "feedback", "2024-05-07 09:00")
    log.add("T1", "visited", "2024-05-08 09:00", resolved=False, satisfaction="unsatisfied")
    log.add("T1", "returned", "2024-05-08 10:00")
    log.add("T1", "feedback", "2024-05-14 00:00:01")
    [late] = found(audit(log, rules), "feedback-deadline")
    assert late.due == instant("2024-05-14 00:00")
    assert late.detail["start_event"] == "returned"


def test_redispatch_ends_the_first_units_clocks_and_starts_the_new_units(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", unit="汉山街道", category="道路维修")
    log.add("T1", "redispatched", "2024-05-06 09:40", unit="区住房和城乡建设局")
    log.add("T1", "accepted", "2024-05-06 10:45")
    result = audit(log, rules, as_of="2024-05-06 11:00")
    [finding] = found(result, "acceptance-1h")
    assert finding.unit == "区住房和城乡建设局"
    assert finding.due == instant("2024-05-06 10:40")


def test_redispatch_after_the_first_unit_missed_its_hour_keeps_that_breach(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", unit="汉山街道", category="道路维修")
    log.add("T1", "redispatched", "2024-05-06 10:30", unit="区住房和城乡建设局")
    log.add("T1", "accepted", "2024-05-06 10:45")
    result = audit(log, rules)
    [finding] = found(result, "acceptance-1h")
    assert finding.unit == "汉山街道" and finding.actual is None


def test_head_notification_within_thirty_minutes_for_the_first_two_classes(rules):
    log = Log()
    dispatch(log, "ON", "2024-05-06 09:00", category="停水")
    log.add("ON", "head_notified", "2024-05-06 09:30")
    dispatch(log, "LATE", "2024-05-06 09:00", category="突发事件")
    log.add("LATE", "head_notified", "2024-05-06 09:31")
    dispatch(log, "OTHER", "2024-05-06 09:00", category="噪音扰民")
    result = audit(log, rules, as_of="2024-05-06 12:00")
    assert found(result, "head-notification", "ON") == []
    assert found(result, "head-notification", "OTHER") == []
    [late] = found(result, "head-notification", "LATE")
    assert late.responsible == "office"


def test_category_with_a_sub_category_is_classified_by_its_head(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", category="供水-水压不足")
    log.add("T1", "feedback", "2024-05-07 09:01")
    [late] = found(audit(log, rules), "feedback-deadline")
    assert late.due == instant("2024-05-07 09:00")


def test_explicit_deadline_class_wins_over_the_category(rules):
    log = Log()
    dispatch(log, "T1", "2024-05-06 09:00", category="噪音扰民", deadline_class="emergency")
    log.add("T1", "feedback", "2024-05-06 12:01")
    [late] = found(audit(log, rules), "feedback-deadline")
    assert late.due == instant("2024-05-06 12:00")


def test_events_at_the_same_instant_are_read_in_a_tickets_life_order(rules):
    # A shuffled export puts the acceptance before the dispatch logged the same minute.
    log = Log()
    log.add("T1", "accepted", "2024-05-06 09:00")
    log.add("T1", "citizen_contacted", "2024-05-06 09:00")
    dispatch(log, "T1", "2024-05-06 09:00", category="道路维修")
    log.add("T1", "feedback", "2024-05-07 09:00")
    result = audit(log, rules)
    assert found(result, "acceptance-1h") == []
    assert found(result, "citizen-contact") == []


def test_a_head_notification_counts_for_one_dispatch_only():
    """A notification made for the first dispatch does not serve the redispatch after it."""
    from checker.ruleset import load_ruleset
    from support import Log, audit, found
    rules = load_ruleset()
    log = Log()
    log.add("T1", "dispatched", "2024-05-07 10:00", unit="汉山街道", category="停水")
    log.add("T1", "head_notified", "2024-05-07 10:05", actor="office")
    log.add("T1", "redispatched", "2024-05-07 10:20", unit="梁山街道")
    log.add("T1", "accepted", "2024-05-07 10:30")
    [missed] = found(audit(log, rules, as_of="2024-05-07 12:00"), "head-notification")
    assert missed.unit == "梁山街道" and missed.actual is None
    log.add("T1", "head_notified", "2024-05-07 10:25", actor="office")
    assert not found(audit(log, rules, as_of="2024-05-07 12:00"), "head-notification")
