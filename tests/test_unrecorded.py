"""A step the export does not record: the rules needing it are reported once as not
checkable, never as a violation per ticket; everything else is judged as before."""

import pytest

from checker.ruleset import load_ruleset
from support import Log, audit, found


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def emergency_log(source_unrecorded=frozenset()):
    log = Log()
    # 安全事故: emergency, 3 h feedback; the head is notified only in a log that records it.
    for ticket in ("E1", "E2"):
        log.add(ticket, "dispatched", "2024-05-06 09:00", unit="汉山街道", category="安全事故")
        log.add(ticket, "accepted", "2024-05-06 09:20")
        log.add(ticket, "citizen_contacted", "2024-05-06 09:30")
    log.add("E1", "feedback", "2024-05-06 11:00")
    log.add("E2", "feedback", "2024-05-06 13:00")      # 1 h late: a real violation
    log.unrecorded = {"test": frozenset(source_unrecorded)}
    return log


def test_without_a_declaration_a_missing_head_notification_is_an_office_violation(rules):
    result = audit(emergency_log(), rules, as_of="2024-05-07 00:00")
    assert {f.ticket_id for f in found(result, "head-notification")} == {"E1", "E2"}
    assert result.unjudged == []


def test_an_unrecorded_head_notification_is_not_checkable_once_not_per_ticket(rules):
    result = audit(emergency_log({"head_notified", "reminded"}), rules, as_of="2024-05-07 00:00")
    assert found(result, "head-notification") == []
    assert not [f for f in result.findings if f.responsible == "office"]
    by_rule = {(u.rule, u.check): u for u in result.unjudged}
    head = by_rule[("head-notification", None)]
    assert head.reason == "unrecorded" and head.missing == ["head_notified"]
    assert head.tickets == 2 and head.sources == ["test"]
    # The reminder rule concerns only the ticket that became overdue.
    assert by_rule[("reminder-sent", None)].tickets == 1
    # The unit's own late feedback is still judged.
    assert [f.ticket_id for f in found(result, "feedback-deadline")] == ["E2"]


def test_a_rule_whose_trigger_is_unrecorded_is_still_said_not_checkable(rules):
    result = audit(emergency_log({"extension_approved"}), rules, as_of="2024-05-07 00:00")
    checks = {(u.rule, u.check) for u in result.unjudged}
    assert ("extension-approval", "approved-in-time") in checks
    assert ("extension-approval", "citizen-informed") in checks


def test_a_second_log_that_records_the_step_restores_the_rule(rules):
    log = emergency_log({"head_notified"})
    log.add("E1", "head_notified", "2024-05-06 09:10")
    log.events[-1].source = "notifications.csv"
    log.unrecorded["notifications.csv"] = frozenset()
    result = audit(log, rules, as_of="2024-05-07 00:00")
    # E1 is judged (its second source records notifications, in time); E2 is not checkable.
    assert found(result, "head-notification") == []
    [head] = [u for u in result.unjudged if u.rule == "head-notification"]
    assert head.tickets == 1


def test_an_unrecorded_approver_lets_the_extension_count_and_leaves_its_check_unjudged(rules):
    log = Log()
    log.add("X1", "dispatched", "2024-05-06 09:00", unit="汉山街道", category="噪音扰民")
    log.add("X1", "accepted", "2024-05-06 09:20")
    log.add("X1", "citizen_contacted", "2024-05-06 09:30")
    log.add("X1", "extension_approved", "2024-05-06 09:00", promised_at="2024-05-20 00:00")
    log.add("X1", "feedback", "2024-05-15 10:00")      # late without the extension
    log.unrecorded = {"test": frozenset({"extension_approved.actor", "extension_approved.at",
                                         "citizen_informed"})}
    result = audit(log, rules, as_of="2024-05-21 00:00")
    assert found(result, "feedback-deadline") == []
    assert found(result, "extension-approval") == []
    [approval] = [u for u in result.unjudged if u.check == "approved-in-time"]
    assert approval.missing == ["extension_approved.actor", "extension_approved.at"]
    assert approval.tickets == 1


def test_a_long_mapping_declares_unrecorded_steps_for_json_lines_too(tmp_path):
    from checker.logs import load_mapping, read_logs
    mapping = tmp_path / "m.yaml"
    mapping.write_text("id: m\nlayout: long\nunrecorded: [head_notified, reminded]\n", encoding="utf-8")
    log = tmp_path / "log.jsonl"
    log.write_text('{"ticket_id": "T1", "event": "dispatched", "at": "2024-05-06 09:00", "unit": "汉山街道"}\n',
                   encoding="utf-8")
    data = read_logs([str(log)], load_ruleset().tz, load_mapping(str(mapping)))
    assert data.unrecorded == {str(log): frozenset({"head_notified", "reminded"})}
