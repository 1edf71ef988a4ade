"""A date outside the calendar's years is never guessed, and stops only the obligations that
need it: they are listed as not computable, naming the year; the rest is audited."""

from __future__ import annotations

import json

import pytest

from checker.cli.audit_cmd import nothing_judged
from checker.model import AuditResult, Unjudged
from checker.ruleset import load_ruleset
from support import Log, audit, found, instant


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def test_a_reminder_window_reaching_into_2027_stops_only_that_check(rules):
    log = Log()
    log.add("T1", "dispatched", "2026-12-31 09:00", unit="汉山街道", category="道路维修")
    log.add("T1", "accepted", "2026-12-31 10:30")
    log.add("T2", "dispatched", "2026-12-31 09:00", unit="汉山街道", category="道路维修")
    log.add("T2", "accepted", "2026-12-31 11:00")
    result = audit(log, rules, as_of="2026-12-31 23:59:59")
    assert {(f.ticket_id, f.rule) for f in found(result, "acceptance-1h")} == {("T1", "acceptance-1h"),
                                                                              ("T2", "acceptance-1h")}
    [unjudged] = result.unjudged
    assert (unjudged.rule, unjudged.reason, unjudged.missing, unjudged.tickets) == (
        "reminder-sent", "no_calendar", ["2027"], 2)
    assert not found(result, "reminder-sent")


def test_events_in_a_year_the_calendar_lacks(rules):
    """Acceptance within 1 hour applies on workdays: 2027-01-04 cannot be told a workday. The
    feedback limit counts natural days and needs no calendar: it is still judged."""
    log = Log()
    log.add("T1", "dispatched", "2027-01-04 09:00", unit="汉山街道", category="道路维修")
    log.add("T1", "accepted", "2027-01-04 11:00")
    log.add("T1", "citizen_contacted", "2027-01-04 11:30")
    log.add("T1", "feedback", "2027-01-12 10:00")
    result = audit(log, rules, as_of="2027-01-20 00:00")
    [late] = found(result, "feedback-deadline")
    assert late.due == instant("2027-01-10 00:00")
    assert not found(result, "acceptance-1h")
    reasons = {(u.rule, u.reason, tuple(u.missing)) for u in result.unjudged}
    assert ("acceptance-1h", "no_calendar", ("2027",)) in reasons
    # reminder-sent reads the acceptance cycles it could not compute: not judged either.
    assert ("reminder-sent", "no_calendar", ("2027",)) in reasons


def test_the_cli_lists_the_obligation_and_audits_the_rest(run_cli, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,category\n"
                    "T1,dispatched,2026-12-31 09:00,汉山街道,道路维修\n"
                    "T1,accepted,2026-12-31 10:30,,\n", encoding="utf-8")
    status, out, err = run_cli("audit", str(path), "--as-of", "2026-12-31 24:00", "--format", "json")
    assert status == 1, err
    result = json.loads(out)
    assert [f["rule"] for f in result["findings"]] == ["acceptance-1h", "citizen-contact"]
    assert result["unjudged"][0]["reason"] == "no_calendar"
    assert result["unjudged"][0]["missing"] == ["2027"]
    _, table, _ = run_cli("audit", str(path), "--as-of", "2026-12-31 24:00")
    assert "无法核查的规则" in table and "日历缺少年份：2027" in table


def test_nothing_judged_is_exit_2_and_something_judged_is_not():
    base = dict(ruleset_id="x", ruleset_source="x", timezone="Asia/Shanghai", as_of=0, rows=1,
                events=1, tickets=1, findings=[], rejected=[])
    unjudged = [Unjudged(rule="acceptance-1h", reason="no_calendar", missing=["2027"], tickets=1)]
    assert nothing_judged(AuditResult(**base, unjudged=unjudged, judged=0))
    assert not nothing_judged(AuditResult(**base, unjudged=unjudged, judged=3))
    assert not nothing_judged(AuditResult(**base, unjudged=[], judged=0))


def test_a_gb18030_export_writing_24_00(run_cli, tmp_path):
    """二、（一）三是 5 natural days from Monday 2024-11-04: due at 24:00 of 11-09, which the export
    writes as such: on time; 24:00:01 does not exist and the row is rejected, naming its line."""
    rows = ["工单编号,事件,时间,承办单位,诉求类别",
            "G1,派单,2024年11月04日 10:00,碑坝镇,城乡建设>道路维修",
            "G1,签收,2024年11月04日 10:30,,",
            "G1,联系群众,2024年11月04日 11:00,,",
            "G1,反馈,2024年11月09日 24:00,,",
            "G2,派单,2024-11-04 10:00,碑坝镇,道路维修",
            "G2,签收,2024-11-04 10:30,,",
            "G2,联系群众,2024-11-04 11:00,,",
            "G2,反馈,2024-11-09 24:00:00,,",
            "G3,反馈,2024-11-09 24:00:01,,"]
    path = tmp_path / "导出.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("gb18030"))
    status, out, err = run_cli("audit", str(path), "--format", "json", "--as-of", "2024-11-12 00:00")
    result = json.loads(out)
    assert result["findings"] == [], result["findings"]
    assert [r["line"] for r in result["rejected"]] == [10]
    assert status == 0, err
