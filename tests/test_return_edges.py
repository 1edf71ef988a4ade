"""及时退回重办 as a number, and one meaning for a returned ticket whose redone feedback is late:
overdue on the negative list, and not a feedback on time in the reply rate."""

from __future__ import annotations

import json

from checker.ruleset import load_ruleset
from support import Log, audit, found, instant


def visited_unsatisfied(log: Log, ticket: str, visit: str) -> Log:
    log.add(ticket, "dispatched", "2024-05-06 09:00", unit="濂水镇", category="道路维修")
    log.add(ticket, "accepted", "2024-05-06 09:30")
    log.add(ticket, "citizen_contacted", "2024-05-06 10:00")
    log.add(ticket, "feedback", "2024-05-08 10:00")
    log.add(ticket, "visited", visit, actor="office", resolved=False, satisfaction="unsatisfied")
    return log


def test_returned_by_the_end_of_the_next_workday_is_in_time():
    rules = load_ruleset()
    log = visited_unsatisfied(Log(), "T1", "2024-05-09 10:00")
    log.add("T1", "returned", "2024-05-10 23:59", actor="office")
    log.add("T1", "feedback", "2024-05-11 10:00")
    assert not found(audit(log, rules, as_of="2024-05-20 00:00"), "return-in-time")
    late = visited_unsatisfied(Log(), "T2", "2024-05-09 10:00")
    late.add("T2", "returned", "2024-05-11 00:00:01", actor="office")
    [warning] = found(audit(late, rules, as_of="2024-05-20 00:00"), "return-in-time")
    assert warning.severity == "warning" and warning.due == instant("2024-05-11 00:00")
    assert warning.responsible == "office"


def test_closing_without_return_is_the_violation_not_a_second_warning():
    rules = load_ruleset()
    log = visited_unsatisfied(Log(), "T1", "2024-05-09 10:00")
    log.add("T1", "closed", "2024-05-09 15:00")
    result = audit(log, rules, as_of="2024-05-20 00:00")
    assert [f.rule for f in result.findings] == ["return-after-visit"]


def test_a_late_redone_feedback_is_overdue_and_not_on_time(run_cli, tmp_path):
    rows = ["ticket_id,event,at,unit,category,resolved,satisfaction,actor"]
    for ticket, redone in (("R1", "2024-05-16 10:00"), ("R2", "2024-05-12 10:00")):
        rows += [f"{ticket},dispatched,2024-05-06 09:00,濂水镇,道路维修,,,office",
                 f"{ticket},accepted,2024-05-06 09:30,,,,,",
                 f"{ticket},citizen_contacted,2024-05-06 10:00,,,,,",
                 f"{ticket},feedback,2024-05-08 10:00,,,,,",
                 f"{ticket},visited,2024-05-09 10:00,,,false,unsatisfied,office",
                 f"{ticket},returned,2024-05-09 15:00,,,,,office",
                 f"{ticket},reminded,2024-05-15 09:00,,,,,office",
                 f"{ticket},feedback,{redone},,,,,"]
    path = tmp_path / "log.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    status, out, err = run_cli("report", str(path), "--month", "2024-05", "--format", "json",
                               "--as-of", "2024-05-20 00:00")
    assert status == 0, err
    report = json.loads(out)
    [row] = report["units"]
    assert row["unit"] == "濂水镇"
    # R1's redone feedback (due 05-15 00:00) came 05-16: overdue, and not on time.
    assert row["overdue_tickets"] == 1
    assert row["on_time_feedbacks"] == 1
    assert (row["reply"]["numerator"], row["reply"]["denominator"]) == (1, 2)
    assert [(item["ticket_id"], item["due"]) for group in report["overdue"] for item in group["findings"]] == [
        ("R1", "2024-05-15T00:00:00+08:00")]
