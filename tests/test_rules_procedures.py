"""The procedural rules of 南政办发〔2024〕4号: contact, extension, archive, return,
key tickets, reminders — each from the notice's words, at its edges."""

import pytest

from checker.ruleset import load_ruleset
from support import Log, audit, found, instant


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def dispatched(log, ticket, at="2024-05-06 09:00", unit="汉山街道", **fields):
    fields.setdefault("category", "噪音扰民")
    return log.add(ticket, "dispatched", at, unit=unit, **fields)


# 二、（三）一是: 接到工单后，要立即与群众取得联系
def test_feedback_without_contacting_the_citizen_is_a_violation(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "accepted", "2024-05-06 09:10")
    log.add("T1", "feedback", "2024-05-07 10:00")
    [finding] = found(audit(log, rules), "citizen-contact", check="before-feedback")
    assert finding.severity == "violation" and finding.clause == "2.3.1"
    assert finding.due == instant("2024-05-07 10:00") and finding.actual is None


def test_contact_within_two_hours_of_acceptance_is_on_time(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "accepted", "2024-05-06 09:10")
    log.add("T1", "citizen_contacted", "2024-05-06 11:10")
    log.add("T1", "feedback", "2024-05-07 10:00")
    assert found(audit(log, rules), "citizen-contact") == []


def test_contact_later_than_two_hours_is_a_warning_only(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "accepted", "2024-05-06 09:10")
    log.add("T1", "citizen_contacted", "2024-05-06 11:11")
    log.add("T1", "feedback", "2024-05-07 10:00")
    [finding] = found(audit(log, rules), "citizen-contact")
    assert finding.check == "within-2h" and finding.severity == "warning"


# 二、（三）二是: 经热线领导小组办公室同意后予以延期，并及时告知群众延期原因、承诺办结时间
def test_citizen_informed_of_a_different_promised_time(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "extension_approved", "2024-05-10 10:00", actor="office",
            promised_at="2024-05-20 18:00")
    log.add("T1", "citizen_informed", "2024-05-10 15:00", promised_at="2024-05-25 18:00")
    log.add("T1", "feedback", "2024-05-18 10:00")
    result = audit(log, rules)
    [finding] = found(result, "extension-approval", check="citizen-informed")
    assert finding.actual is None
    assert found(result, "feedback-deadline") == []


def test_citizen_informed_more_than_a_day_after_the_approval(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "extension_approved", "2024-05-10 10:00", actor="office",
            promised_at="2024-05-20 18:00")
    log.add("T1", "citizen_informed", "2024-05-11 10:01", promised_at="2024-05-20 18:00")
    [finding] = found(audit(log, rules), "extension-approval", check="citizen-informed")
    assert finding.due == instant("2024-05-11 10:00")
    assert finding.actual == instant("2024-05-11 10:01")


def test_extension_without_a_promised_time_is_a_violation(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "extension_approved", "2024-05-10 10:00", actor="office")
    [finding] = found(audit(log, rules), "extension-approval", check="approved-in-time")
    assert "promised_at" in finding.message


# 必须按程序书面申请归档，经热线领导小组办公室同意后终结办理，并及时向群众解释原因
def test_archived_close_without_approval(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "archive_requested", "2024-05-08 10:00")
    log.add("T1", "citizen_informed", "2024-05-09 10:00")
    log.add("T1", "closed", "2024-05-09 11:00", outcome="archived")
    result = audit(log, rules)
    [finding] = found(result, "archive-approval")
    assert finding.check == "approved" and finding.due == instant("2024-05-09 11:00")


def test_archive_approved_by_a_unit_instead_of_the_office(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "archive_requested", "2024-05-08 10:00")
    log.add("T1", "archive_approved", "2024-05-08 12:00", actor="汉山街道")
    log.add("T1", "citizen_informed", "2024-05-09 10:00")
    log.add("T1", "closed", "2024-05-09 11:00", outcome="archived")
    assert [f.check for f in found(audit(log, rules), "archive-approval")] == ["approved"]


def test_archive_by_the_book(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "archive_requested", "2024-05-08 10:00")
    log.add("T1", "archive_approved", "2024-05-08 12:00", actor="office")
    log.add("T1", "citizen_informed", "2024-05-09 10:00")
    log.add("T1", "closed", "2024-05-09 11:00", outcome="archived")
    assert found(audit(log, rules), "archive-approval") == []


def test_ordinary_close_needs_no_archive_approval(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "closed", "2024-05-09 11:00")
    assert found(audit(log, rules), "archive-approval") == []


# 二、（三）三是: 对问题未解决或群众不满意的工单，要及时退回重办
def test_unsatisfied_visit_closed_without_return(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "feedback", "2024-05-07 10:00")
    log.add("T1", "visited", "2024-05-08 10:00", resolved=True, satisfaction="unsatisfied")
    log.add("T1", "closed", "2024-05-08 11:00")
    [finding] = found(audit(log, rules), "return-after-visit")
    assert finding.due == instant("2024-05-08 11:00") and finding.actual is None


def test_unresolved_visit_returned_before_closing(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "feedback", "2024-05-07 10:00")
    log.add("T1", "visited", "2024-05-08 10:00", resolved=False, satisfaction="basically_satisfied")
    log.add("T1", "returned", "2024-05-08 10:30")
    log.add("T1", "feedback", "2024-05-09 10:00")
    log.add("T1", "visited", "2024-05-10 10:00", resolved=True, satisfaction="satisfied")
    log.add("T1", "closed", "2024-05-10 11:00")
    assert found(audit(log, rules), "return-after-visit") == []


def test_satisfied_visit_needs_no_return(rules):
    log = Log()
    dispatched(log, "T1")
    log.add("T1", "visited", "2024-05-08 10:00", resolved=True, satisfaction="satisfied")
    log.add("T1", "closed", "2024-05-08 11:00")
    assert found(audit(log, rules), "return-after-visit") == []


# 二、（二）一是: 每天…对…重点工单，加强协调调度
def test_key_ticket_needs_a_record_on_every_workday_after_dispatch(rules):
    # Dispatched Tuesday 2024-04-30; 05-01..05-05 are the Labour Day holiday; 05-06 (Mon)
    # and 05-07 (Tue) are workdays; closed on 05-08, which needs no record.
    log = Log()
    dispatched(log, "K1", at="2024-04-30 09:00", key_category="wage_arrears")
    log.add("K1", "coordinated", "2024-05-06 15:00")
    log.add("K1", "closed", "2024-05-08 09:00")
    [missing] = found(audit(log, rules), "key-ticket-daily")
    assert missing.severity == "warning"
    assert missing.due == instant("2024-05-08 00:00")


def test_key_ticket_on_the_make_up_saturday(rules):
    log = Log()
    dispatched(log, "K1", at="2024-05-10 09:00", key_category="dispute")
    log.add("K1", "closed", "2024-05-12 09:00")
    [missing] = found(audit(log, rules), "key-ticket-daily")
    assert missing.due == instant("2024-05-12 00:00")   # the make-up Saturday 05-11


def test_ordinary_ticket_needs_no_daily_record(rules):
    log = Log()
    dispatched(log, "T1", at="2024-05-06 09:00")
    log.add("T1", "closed", "2024-05-10 09:00")
    assert found(audit(log, rules), "key-ticket-daily") == []


# 三、（二）: 对…超时的…工单…及时予以提醒督促
def test_overdue_ticket_reminded_by_the_next_workday(rules):
    log = Log()
    dispatched(log, "T1", at="2024-05-10 09:00")          # Friday
    log.add("T1", "accepted", "2024-05-10 11:00")          # overdue since 10:00
    log.add("T1", "reminded", "2024-05-11 16:00", actor="office")   # make-up Saturday
    assert found(audit(log, rules), "reminder-sent") == []


def test_overdue_ticket_never_reminded(rules):
    log = Log()
    dispatched(log, "T1", at="2024-05-10 09:00")
    log.add("T1", "accepted", "2024-05-10 11:00")
    log.add("T1", "feedback", "2024-05-13 09:00")
    [finding] = found(audit(log, rules, as_of="2024-05-14 09:00"), "reminder-sent")
    # overdue 05-10 10:00; the next workday is the make-up Saturday 05-11: due its 24:00
    assert finding.due == instant("2024-05-12 00:00") and finding.responsible == "office"


def test_dispatch_to_an_unknown_unit(rules):
    log = Log()
    dispatched(log, "T1", unit="汉山街到办")
    result = audit(log, rules)
    [finding] = found(result, "known-unit")
    assert finding.severity == "warning" and "汉山街到办" in finding.message
    [note] = result.data_notes
    assert note.kind == "unknown_unit" and note.ticket_id == "T1"
    assert "最接近：汉山街道" in note.message


def test_dispatch_to_a_short_name_is_to_the_unit(rules):
    log = Log()
    dispatched(log, "T1", unit="汉山街道办")
    result = audit(log, rules)
    assert not found(result, "known-unit") and not result.data_notes
