"""The reminder list of clause 3.2, from the notice's words and the rule set's reminders section.

三、（二）: 对未及时响应的、即将到期的、超时的以及群众表示不满意的工单 … 及时予以提醒督促.
“即将到期” (rule set): the last quarter of the window, and at least the last hour.
Due times are hand-computed from 二、（一）: acceptance 1 h on workdays (and for urgent tickets
any day), feedback 3 h / 24 h / 5 natural days (the dispatch day not counted, ends at 24:00).
"""

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from checker.reports.reminders import build_reminders
from checker.products.remind.sms import render_sms
from checker.products.remind.formats import render_reminders
from checker.ruleset import load_ruleset
from support import Log, instant


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def remind(log, rules, at, unit=None):
    return build_reminders(log.events, rules, instant(at), unit=unit)


def listed(result, kind=None, ticket=None):
    return [(r.kind, r.ticket_id, r.rule) for r in result.reminders
            if (kind is None or r.kind == kind) and (ticket is None or r.ticket_id == ticket)]


def emergency(log, ticket="E1", at="2024-05-06 09:00", unit="汉山街道"):
    log.add(ticket, "dispatched", at, unit=unit, category="突发事件")
    return log


# --- about to expire: the boundary -------------------------------------------------------

def test_emergency_window_last_hour_exactly_is_about_to_expire(rules):
    # 3 h window: a quarter is 45 min, so the threshold is the last hour (at_least PT1H).
    log = emergency(Log())
    log.add("E1", "accepted", "2024-05-06 09:10")
    result = remind(log, rules, "2024-05-06 11:00:00")        # exactly 1 h before 12:00
    assert listed(result) == [("about_to_expire", "E1", "feedback-deadline")]
    [entry] = result.reminders
    assert entry.due == instant("2024-05-06 12:00")
    assert entry.remaining == 3600


def test_emergency_window_one_second_more_than_an_hour_is_not_listed(rules):
    log = emergency(Log())
    log.add("E1", "accepted", "2024-05-06 09:10")
    assert listed(remind(log, rules, "2024-05-06 10:59:59")) == []


def test_emergency_window_at_45_minutes_is_still_listed(rules):
    # The hour wins over the quarter: 50 min before the due time is inside the last hour.
    log = emergency(Log())
    log.add("E1", "accepted", "2024-05-06 09:10")
    assert listed(remind(log, rules, "2024-05-06 11:10"), "about_to_expire") != []


def test_five_day_window_last_quarter_boundary(rules):
    # 其他类 dispatched Mon 2024-05-06 10:00: due 2024-05-12 00:00 (5 natural days after the
    # dispatch day). Window 134 h; its last quarter is 33 h 30 min: from 2024-05-10 14:30.
    log = Log()
    log.add("T5", "dispatched", "2024-05-06 10:00", unit="梁山镇", category="噪音扰民")
    log.add("T5", "accepted", "2024-05-06 10:20")
    assert listed(remind(log, rules, "2024-05-10 14:29:59")) == []
    result = remind(log, rules, "2024-05-10 14:30:00")
    assert listed(result) == [("about_to_expire", "T5", "feedback-deadline")]
    assert result.reminders[0].due == instant("2024-05-12 00:00")
    assert result.reminders[0].remaining == 33 * 3600 + 30 * 60


def test_extension_moves_the_window_end(rules):
    # 24 h basic-living ticket extended by the office to 05-09 18:00: the window is
    # 05-06 09:00 … 05-09 18:00 (81 h), so the last quarter starts 20 h 15 min before it.
    log = Log()
    log.add("W1", "dispatched", "2024-05-06 09:00", unit="区供水公司", category="停水")
    log.add("W1", "accepted", "2024-05-06 09:05")
    log.add("W1", "extension_approved", "2024-05-06 20:00", actor="office",
            promised_at="2024-05-09 18:00")
    assert listed(remind(log, rules, "2024-05-08 21:44:59")) == []
    result = remind(log, rules, "2024-05-08 21:45:00")
    assert listed(result) == [("about_to_expire", "W1", "feedback-deadline")]
    assert result.reminders[0].due == instant("2024-05-09 18:00")


# --- not accepted in time ----------------------------------------------------------------

def test_not_accepted_on_a_make_up_saturday(rules):
    # 2024-05-11 is a make-up workday (调休上班): every ticket must be accepted within 1 h.
    log = Log()
    log.add("S1", "dispatched", "2024-05-11 09:00", unit="协税镇", category="噪音扰民")
    assert listed(remind(log, rules, "2024-05-11 10:00:01")) == [
        ("not_accepted", "S1", "acceptance-1h")]
    # At 10:00 exactly the hour has not passed: the acceptance is about to expire.
    assert listed(remind(log, rules, "2024-05-11 10:00:00")) == [
        ("about_to_expire", "S1", "acceptance-1h")]


def test_ordinary_saturday_non_urgent_ticket_is_not_chased_for_acceptance(rules):
    log = Log()
    log.add("S2", "dispatched", "2024-05-18 09:00", unit="协税镇", category="噪音扰民")
    assert listed(remind(log, rules, "2024-05-18 12:00"), "not_accepted") == []


def test_not_accepted_is_listed_once_not_again_as_overdue(rules):
    log = Log()
    log.add("N1", "dispatched", "2024-05-06 09:00", unit="梁山镇", category="噪音扰民")
    result = remind(log, rules, "2024-05-07 09:00")
    assert listed(result, ticket="N1") == [("not_accepted", "N1", "acceptance-1h")]


def test_accepted_after_the_hour_is_no_longer_a_reminder(rules):
    log = Log()
    log.add("N2", "dispatched", "2024-05-06 09:00", unit="梁山镇", category="噪音扰民")
    log.add("N2", "accepted", "2024-05-06 11:00")
    assert listed(remind(log, rules, "2024-05-06 12:00"), "not_accepted") == []


def test_redispatched_ticket_is_chased_at_its_new_unit(rules):
    log = Log()
    log.add("R1", "dispatched", "2024-05-06 09:00", unit="梁山镇", category="噪音扰民")
    log.add("R1", "redispatched", "2024-05-06 09:30", unit="汉山街道")
    result = remind(log, rules, "2024-05-06 10:31")
    assert [(r.kind, r.unit, r.due) for r in result.reminders] == [
        ("not_accepted", "汉山街道", instant("2024-05-06 10:30"))]


# --- overdue ---------------------------------------------------------------------------

def test_overdue_feedback(rules):
    log = Log()
    log.add("O1", "dispatched", "2024-05-06 10:00", unit="梁山镇", category="噪音扰民")
    log.add("O1", "accepted", "2024-05-06 10:30")
    assert listed(remind(log, rules, "2024-05-12 00:00:00")) == [
        ("about_to_expire", "O1", "feedback-deadline")]
    result = remind(log, rules, "2024-05-13 09:30")
    assert listed(result) == [("overdue", "O1", "feedback-deadline")]
    assert result.reminders[0].remaining == -(33 * 3600 + 30 * 60)


def test_closed_ticket_is_not_chased(rules):
    log = Log()
    log.add("C1", "dispatched", "2024-05-06 10:00", unit="梁山镇", category="噪音扰民")
    log.add("C1", "accepted", "2024-05-06 10:30")
    log.add("C1", "closed", "2024-05-13 09:00", outcome="handled")
    assert listed(remind(log, rules, "2024-05-13 09:30")) == []


def test_events_after_as_of_are_ignored(rules):
    log = emergency(Log())
    log.add("E1", "accepted", "2024-05-06 09:05")
    log.add("E1", "feedback", "2024-05-06 12:30")       # after the as-of below
    assert listed(remind(log, rules, "2024-05-06 12:10")) == [
        ("overdue", "E1", "feedback-deadline")]
    assert listed(remind(log, rules, "2024-05-06 12:31")) == []


# --- unsatisfied -------------------------------------------------------------------------

def _visited(log, ticket, *, satisfaction, resolved, returned=False, closed=False):
    log.add(ticket, "dispatched", "2024-05-06 09:00", unit="大河坎镇", category="噪音扰民")
    log.add(ticket, "accepted", "2024-05-06 09:20")
    log.add(ticket, "feedback", "2024-05-07 15:00")
    log.add(ticket, "visited", "2024-05-08 10:00", satisfaction=satisfaction, resolved=resolved)
    if returned:
        log.add(ticket, "returned", "2024-05-08 10:30", actor="office")
    if closed:
        log.add(ticket, "closed", "2024-05-08 11:00")
    return log


def test_unsatisfied_visit_not_returned_is_listed(rules):
    log = _visited(Log(), "U1", satisfaction="unsatisfied", resolved=True)
    result = remind(log, rules, "2024-05-08 12:00")
    assert listed(result) == [("unsatisfied", "U1", None)]
    assert result.reminders[0].unit == "大河坎镇"


def test_unresolved_visit_not_returned_is_listed_even_if_satisfied(rules):
    log = _visited(Log(), "U2", satisfaction="basically_satisfied", resolved=False)
    assert listed(remind(log, rules, "2024-05-08 12:00")) == [("unsatisfied", "U2", None)]


def test_returned_after_the_visit_is_not_listed_as_unsatisfied(rules):
    log = _visited(Log(), "U3", satisfaction="unsatisfied", resolved=False, returned=True)
    result = remind(log, rules, "2024-05-08 12:00")
    assert listed(result, "unsatisfied") == []
    # … but the returned ticket's feedback clock runs again (5 natural days from the return).
    assert listed(remind(log, rules, "2024-05-14 12:00")) == [
        ("overdue", "U3", "feedback-deadline")]


def test_satisfied_visit_and_closed_ticket_are_not_listed(rules):
    log = _visited(Log(), "U4", satisfaction="satisfied", resolved=True)
    _visited(log, "U5", satisfaction="unsatisfied", resolved=False, closed=True)
    assert listed(remind(log, rules, "2024-05-08 12:00")) == []


def test_return_after_as_of_is_ignored(rules):
    log = _visited(Log(), "U6", satisfaction="unsatisfied", resolved=False, returned=True)
    assert listed(remind(log, rules, "2024-05-08 10:15")) == [("unsatisfied", "U6", None)]


# --- by unit ----------------------------------------------------------------------------

def test_unit_filter_keeps_only_that_unit(rules):
    log = Log()
    log.add("A1", "dispatched", "2024-05-06 09:00", unit="梁山镇", category="噪音扰民")
    log.add("B1", "dispatched", "2024-05-06 09:00", unit="汉山街道", category="噪音扰民")
    result = remind(log, rules, "2024-05-06 11:00", unit="汉山街道")
    assert [(r.ticket_id, r.unit) for r in result.reminders] == [("B1", "汉山街道")]


# --- the text messages ------------------------------------------------------------------

def _two_units_log():
    log = Log()
    # 汉山街道: GD001 and GD002 overdue (3 h emergencies of 05-28 06:00 and 06:30),
    # GD005 due at 10:40 (emergency dispatched 07:40): 40 minutes left at 10:00.
    for ticket, dispatched, accepted in (("GD001", "06:00", "06:10"), ("GD002", "06:30", "06:40"),
                                         ("GD005", "07:40", "07:45")):
        log.add(ticket, "dispatched", f"2024-05-28 {dispatched}", unit="汉山街道",
                category="突发事件", note="来电人13812345678，身份证610721199001011234")
        log.add(ticket, "accepted", f"2024-05-28 {accepted}")
    # 梁山镇: an unsatisfied visit, not returned.
    log.add("GD009", "dispatched", "2024-05-20 09:00", unit="梁山镇", category="噪音扰民")
    log.add("GD009", "accepted", "2024-05-20 09:10")
    log.add("GD009", "feedback", "2024-05-22 09:00")
    log.add("GD009", "visited", "2024-05-27 09:00", satisfaction="unsatisfied", resolved=False)
    return log


def test_sms_one_text_per_unit_with_counts_and_ids(rules):
    result = remind(_two_units_log(), rules, "2024-05-28 10:00")
    texts = render_sms(result).strip().split("\n\n")
    assert len(texts) == 2
    hanshan, liangshan = sorted(texts, key=lambda t: "梁山镇" in t)
    assert "汉山街道" in hanshan and "截至5月28日10:00" in hanshan
    assert "超时工单2件（GD001、GD002）" in hanshan
    assert "即将到期1件（GD005，剩余40分钟）" in hanshan
    assert "梁山镇" not in hanshan and "GD009" not in hanshan
    assert "梁山镇" in liangshan and "群众不满意未退回重办1件（GD009）" in liangshan
    assert "超时" not in liangshan


def test_sms_carries_no_citizen_data(rules):
    text = render_sms(remind(_two_units_log(), rules, "2024-05-28 10:00"))
    for secret in ("13812345678", "138****5678", "610721", "来电人", "身份证"):
        assert secret not in text


def test_sms_truncates_beyond_five_tickets(rules):
    log = Log()
    for n in range(1, 8):
        log.add(f"GD00{n}", "dispatched", f"2024-05-06 0{n}:00", unit="汉山街道",
                category="噪音扰民")
    text = render_sms(remind(log, rules, "2024-05-06 11:00"))
    assert "未及时签收工单7件（GD001、GD002、GD003、GD004、GD005等7件）" in text
    assert "GD006" not in text and "GD007" not in text


def test_sms_in_english(rules):
    text = render_sms(remind(_two_units_log(), rules, "2024-05-28 10:00"), lang="en")
    assert "2 overdue ticket(s) (GD001, GD002)" in text
    assert "GD005, 40 min left" in text


# --- the desk formats -------------------------------------------------------------------

def test_csv_is_masked_and_neutralised(rules):
    log = Log()
    log.add("X1", "dispatched", "2024-05-06 09:00", unit="汉山街道",
            category="=HYPERLINK(\"http://x\")")
    log.add("X2", "dispatched", "2024-05-06 09:00", unit="汉山街道",
            category="@电话13812345678反映")
    data = render_reminders(remind(log, rules, "2024-05-06 11:00"), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["类型", "工单编号", "承办单位"]
    categories = {row[1]: row[3] for row in rows[1:]}
    assert categories["X1"] == "'=HYPERLINK(\"http://x\")"
    assert categories["X2"].startswith("'@") and "13812345678" not in categories["X2"]
    assert "138****5678" in categories["X2"]


def test_json_lists_by_unit_with_iso_instants(rules):
    result = remind(_two_units_log(), rules, "2024-05-28 10:00")
    document = json.loads(render_reminders(result, "json"))
    assert document["as_of"] == "2024-05-28T10:00:00+08:00"
    assert document["summary"]["overdue"] == 2 and document["summary"]["about_to_expire"] == 1
    hanshan = next(u for u in document["units"] if u["unit"] == "汉山街道")
    soon = next(r for r in hanshan["reminders"] if r["kind"] == "about_to_expire")
    assert soon == {**soon, "ticket_id": "GD005", "due": "2024-05-28T10:40:00+08:00",
                    "remaining_seconds": 2400, "overdue_seconds": None}
    late = next(r for r in hanshan["reminders"] if r["ticket_id"] == "GD001")
    assert late["overdue_seconds"] == 3600 and late["kind"] == "overdue"


def test_xlsx_has_a_type_column_and_real_dates(rules, tmp_path):
    result = remind(_two_units_log(), rules, "2024-05-28 10:00")
    path = tmp_path / "r.xlsx"
    path.write_bytes(render_reminders(result, "xlsx"))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["提醒清单"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("提醒督促清单：") and "截至 2024年5月28日 10:00" in rows[0][0]   # the title row
    assert rows[1][0] == "类型"
    kinds = sorted(row[0] for row in rows[2:])
    assert kinds == ["即将到期", "群众不满意", "超时", "超时"]
    due = next(row[7] for row in rows[2:] if row[1] == "GD005")
    assert (due.hour, due.minute) == (10, 40)
    summary = list(workbook["按单位汇总"].iter_rows(values_only=True))
    assert summary[1] == ("承办单位", "未及时响应", "即将到期", "超时", "群众不满意")
    # Ready to print: landscape A4, one page wide, title and header repeated, as-of on every page.
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows.replace("$", "") == "1:2" and "2024年5月28日 10:00" in sheet.oddHeader.center.text
    assert sheet.cell(row=3, column=1).border.left.style == "thin"


def test_table_groups_by_unit_with_counts(rules):
    text = render_reminders(remind(_two_units_log(), rules, "2024-05-28 10:00"), "table",
                            console_width=200).decode()
    assert "汉山街道：即将到期 1 件，超时 2 件" in text
    assert "梁山镇：群众不满意 1 件" in text
    assert "剩余40分钟" in text and "超时1小时" in text
    assert "13812345678" not in text


# --- the command -----------------------------------------------------------------------

def _write_log(tmp_path, rows):
    path = tmp_path / "log.csv"
    header = "ticket_id,event,at,unit,category,note\n"
    path.write_text(header + "".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def test_cli_exit_status_and_sms(tmp_path, run_cli):
    log = _write_log(tmp_path, [("GD001", "dispatched", "2024-05-28 06:00", "汉山街道", "突发事件",
                                 "电话13812345678")])
    status, out, err = run_cli("remind", log, "--as-of", "2024-05-28 10:00", "--format", "sms")
    assert status == 1, err
    assert "汉山街道" in out and "GD001" in out and "13812345678" not in out
    status, out, _ = run_cli("remind", log, "--as-of", "2024-05-28 05:00")
    assert status == 0 and "没有需要提醒督促的工单" in out


def test_cli_requires_as_of_and_reports_bad_input(tmp_path, run_cli):
    log = _write_log(tmp_path, [("GD001", "dispatched", "2024-05-28 06:00", "汉山街道", "", "")])
    status, _, err = run_cli("remind", log)
    assert status == 2 and "--as-of" in err
    status, _, err = run_cli("remind", log, "--as-of", "2024-13-01 10:00")
    assert status == 2 and "2024-13-01" in err
    status, _, err = run_cli("remind", str(tmp_path / "missing.csv"), "--as-of", "2024-05-28 10:00")
    assert status == 2 and "missing.csv" in err and "Traceback" not in err


def test_xlsx_writes_an_end_of_day_due_time_as_24时(run_cli, tmp_path):
    """The feedback of NZ20240500128 was due by the end of 10 May: the workbook, like the
    table, writes 2024年5月10日24时, never 2024-05-11 00:00, a time a clerk reads as the 11th."""
    sample = Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv"
    target = tmp_path / "提醒.xlsx"
    status, _, err = run_cli("remind", str(sample), "--as-of", "2024-05-20 10:00", "--format", "xlsx",
                             "-o", str(target))
    assert status == 1, err                                       # something to chase
    sheet = openpyxl.load_workbook(target)["提醒清单"]
    headers = [cell.value for cell in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[headers.index("工单编号")].value == "NZ20240500128")
    due = row[headers.index("应完成时间")]
    assert due.number_format == 'yyyy"年"m"月"d"日24时"'
    assert due.value == datetime(2024, 5, 10, 23, 59, 59)        # sorts before the 11th's first minute
