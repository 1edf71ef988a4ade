"""The leaders' answering days of clause 2.2.2, audited against a leader-day log.

二、（二）二是: 原则上每月第三周星期二为…主要领导接听日，如遇节假日顺延. In 2024 the third
Tuesday of May is 05-21; that of September, 09-17, falls in the Mid-Autumn holiday
(09-15…09-17, 国办发明电〔2023〕7号), so the session moves to Wednesday 09-18.
"""

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from checker import resources
from checker.engine.audit import AuditOptions, run_audit
from checker.engine.tickets import group_tickets
from checker.errors import CheckerError
from checker.logs.leader_log import read_leader_log
from checker.engine.leader_day import (add_leader_day_findings, leader_day_attendance,
                                        leader_day_findings)
from checker.ruleset import load_ruleset
from support import Log, instant

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "leader-days-2024.csv"

ASSIGNMENTS = """  assignments:
    "2024-05": [汉山街道, 大河坎镇, 区供水公司]
    "2024-09": [汉山街道, 区供水公司]
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    """The shipped rule set with the office's assignments filled in (the shipped file has none)."""
    text = resources.default_ruleset_path().read_text(encoding="utf-8")
    assert "  assignments: {}\n" in text
    path = tmp_path_factory.mktemp("rules") / "nanzheng-2024.yaml"
    path.write_text(text.replace("  assignments: {}\n", ASSIGNMENTS), encoding="utf-8")
    return load_ruleset(path)


def leader_log(tmp_path, rows, header="date,unit,leader,attended", encoding="utf-8",
               name="leaders.csv"):
    path = tmp_path / name
    path.write_bytes((header + "\n" + "".join(row + "\n" for row in rows)).encode(encoding))
    return read_leader_log(str(path))


def on_site(log, ticket, at, unit="汉山街道"):
    log.add(ticket, "dispatched", at, unit=unit, channel="leader_day", category="政策咨询")
    return log


def findings(rules, leaders, log, months, as_of=None):
    tickets = group_tickets(log.events, rules)
    return [(f.check, f.unit) for f in
            leader_day_findings(rules, leaders, tickets, months, "zh",
                                as_of=instant(as_of) if as_of else None)]


SEPTEMBER_OK = ["2024-09-18,汉山街道,王某某,是", "2024-09-18,区供水公司,刘某某,是"]


def test_session_on_the_postponed_day_is_fine(rules, tmp_path):
    leaders = leader_log(tmp_path, SEPTEMBER_OK)
    log = on_site(Log(), "L1", "2024-09-18 10:00")
    assert findings(rules, leaders, log, ["2024-09"]) == []


def test_session_on_the_holiday_instead_of_the_postponed_day_is_a_finding(rules, tmp_path):
    leaders = leader_log(tmp_path, [row.replace("09-18", "09-17") for row in SEPTEMBER_OK])
    log = on_site(Log(), "L1", "2024-09-17 10:00")
    tickets = group_tickets(log.events, rules)
    [finding] = leader_day_findings(rules, leaders, tickets, ["2024-09"], "zh")
    assert (finding.rule, finding.clause, finding.severity) == ("leader-day", "2.2.2", "violation")
    assert finding.check == "scheduled-date" and finding.unit is None
    assert finding.due == instant("2024-09-19 00:00")       # 24:00 of the scheduled day
    assert finding.actual == instant("2024-09-17 00:00")
    assert "2024-09-17" in finding.message and "2024-09-18" in finding.message


def test_absent_leader_and_unit_missing_from_the_log(rules, tmp_path):
    leaders = leader_log(tmp_path, ["2024-05-21,汉山街道,王某某,是",
                                    "2024-05-21,区供水公司,刘某某,否"])
    log = on_site(Log(), "L1", "2024-05-21 09:30")
    tickets = group_tickets(log.events, rules)
    found = leader_day_findings(rules, leaders, tickets, ["2024-05"], "zh")
    assert sorted((f.check, f.unit) for f in found) == [
        ("leader-present", "区供水公司"), ("leader-present", "大河坎镇")]
    absent = next(f for f in found if f.unit == "区供水公司")
    assert "刘某某" in absent.message and "未到场" in absent.message
    assert absent.due == instant("2024-05-22 00:00") and absent.responsible == "unit"


def test_session_without_on_site_dispatch(rules, tmp_path):
    leaders = leader_log(tmp_path, SEPTEMBER_OK)
    log = Log()
    log.add("P1", "dispatched", "2024-09-18 10:00", unit="汉山街道", channel="phone")
    on_site(log, "L2", "2024-09-19 10:00")                 # the day after: not at the session
    assert findings(rules, leaders, log, ["2024-09"]) == [("on-site-dispatch", None)]


def test_month_without_any_record_is_checked_when_asked(rules, tmp_path):
    leaders = leader_log(tmp_path, [])
    assert sorted(findings(rules, leaders, Log(), ["2024-09"]), key=str) == [
        ("leader-present", "区供水公司"), ("leader-present", "汉山街道"),
        ("on-site-dispatch", None)]


def test_session_after_as_of_is_not_checked(rules, tmp_path):
    leaders = leader_log(tmp_path, [])
    assert findings(rules, leaders, Log(), ["2024-09"], as_of="2024-09-17 23:59") == []
    assert findings(rules, leaders, Log(), ["2024-09"], as_of="2024-09-18 12:00") != []


def test_gb18030_log_with_chinese_headers(rules, tmp_path):
    leaders = leader_log(tmp_path, ["2024/9/18,汉山街道,王某某,是", "2024年9月18日,区供水公司,刘某某,否"],
                         header="日期,单位,领导,是否到场", encoding="gb18030")
    assert leaders.rejected == []
    assert [(str(e.date), e.unit, e.leader, e.attended) for e in leaders.entries] == [
        ("2024-09-18", "汉山街道", "王某某", True), ("2024-09-18", "区供水公司", "刘某某", False)]


def test_bad_rows_are_rejected_with_their_line(tmp_path):
    leaders = leader_log(tmp_path, ["2024-09-18,汉山街道,王某某,是",
                                    "2024-13-01,梁山镇,李某某,是",
                                    "2024-09-18,大河坎镇,赵某某,也许",
                                    "2024-09-18,,钱某某,是"])
    assert [(r.line, r.reason) for r in leaders.rejected] == [
        (3, "unparseable date '2024-13-01'"),
        (4, "attended: unknown value '也许' (use 是/否)"),
        (5, "missing unit")]
    assert leaders.rows == 4 and len(leaders.entries) == 1


def test_log_without_the_required_columns_stops_naming_the_file(tmp_path):
    with pytest.raises(CheckerError) as error:
        leader_log(tmp_path, ["2024-09-18,汉山街道"], header="日期,单位")
    assert error.value.file.endswith("leaders.csv") and "attended" in error.value.message


def test_xlsx_leader_log(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["领导接听日到场情况"])                      # a title row above the header
    sheet.append(["日期", "单位", "领导", "是否到场"])
    sheet.append([datetime(2024, 5, 21), "汉山街道", "王某某", "是"])
    sheet.append(["not a date", "梁山镇", "李某某", "否"])
    path = tmp_path / "leaders.xlsx"
    workbook.save(path)
    leaders = read_leader_log(str(path))
    assert [(str(e.date), e.unit) for e in leaders.entries] == [("2024-05-21", "汉山街道")]
    assert [(r.line, r.reason) for r in leaders.rejected] == [(4, "unparseable date 'not a date'")]


def test_shipped_sample_leader_log(rules):
    leaders = read_leader_log(str(FIXTURE))
    assert leaders.rejected == [] and leaders.months() == ["2024-05"]
    assert {e.date.isoformat() for e in leaders.entries} == {"2024-05-21"}
    rows = leader_day_attendance(rules, leaders, "2024-05")
    assigned = [(r["unit"], r["status"]) for r in rows if r["assigned"]]
    assert assigned == [("汉山街道", "present"), ("大河坎镇", "present"), ("区供水公司", "absent")]
    assert all(r["scheduled"] == "2024-05-21" and r["postponed_from"] is None for r in rows)


def test_attendance_rows_for_the_report(rules, tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("date,unit,leader,attended\n2024-09-17,汉山街道,王某某,是\n", encoding="utf-8")
    rows = leader_day_attendance(rules, str(path), "2024-09", "zh")
    assert rows == [
        {"date": "2024-09-17", "scheduled": "2024-09-18", "postponed_from": "2024-09-17",
         "unit": "汉山街道", "leader": "王某某", "attended": True, "status": "wrong_date",
         "status_text": "未按期举行", "assigned": True},
        {"date": None, "scheduled": "2024-09-18", "postponed_from": "2024-09-17",
         "unit": "区供水公司", "leader": None, "attended": None, "status": "missing",
         "status_text": "无记录", "assigned": True},
    ]


def test_audit_with_a_leader_log(rules, tmp_path):
    log = Log()
    log.add("T1", "dispatched", "2024-05-06 09:00", unit="汉山街道", category="噪音扰民")
    log.add("T1", "accepted", "2024-05-06 09:10")
    log.add("T1", "feedback", "2024-05-07 09:10")
    on_site(log, "L1", "2024-05-21 09:30")
    log.add("L1", "accepted", "2024-05-21 09:35")
    log.add("L1", "citizen_contacted", "2024-05-21 09:40")
    log.add("L1", "feedback", "2024-05-22 09:40")
    path = tmp_path / "leaders.csv"
    path.write_text("日期,单位,领导,是否到场\n2024-05-21,汉山街道,王某某,是\n"
                    "2024-05-21,区供水公司,刘某某,否\n2024-05-21,大河坎镇,赵某某,是\n"
                    "2024-05-32,梁山镇,李某某,是\n", encoding="utf-8")
    result = run_audit(log, rules, AuditOptions(as_of=instant("2024-05-31 12:00")))
    before = result.violations
    add_leader_day_findings(result, rules, str(path), log, "zh")
    added = [(f.rule, f.check, f.unit) for f in result.findings if f.rule == "leader-day"]
    assert added == [("leader-day", "leader-present", "区供水公司")]
    assert result.violations == before + 1
    assert [(r.line, r.reason) for r in result.rejected] == [(5, "unparseable date '2024-05-32'")]
    assert result.rows == result.events + len(result.rejected)
