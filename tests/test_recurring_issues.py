"""Section 5 of the monthly report (clause 2.2.3): “对反映比较集中的问题，要举一反三…做到未诉先办”.
Per unit, the request categories that recur in the month — at least the rule set's
`recurring_issues.min_tickets` tickets of one category, a sub-category counted under its
category — with how many are key tickets and which tickets they are."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from checker import resources
from checker.reports.monthly import build_monthly_report
from checker.ruleset import load_ruleset
from support import render_html, render_json, render_markdown, render_xlsx, Log, instant

SHIPPED = resources.default_ruleset_path()


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def dispatched(log: Log, ticket: str, unit: str, category: str, at: str, **fields) -> Log:
    return log.add(ticket, "dispatched", at, unit=unit, category=category, **fields)


def month_log() -> Log:
    log = Log()
    # 汉山街道: three noise complaints in May (one a key ticket, as a dispute) — recurring.
    dispatched(log, "N3", "汉山街道", "噪音扰民", "2024-05-20 09:00")
    dispatched(log, "N1", "汉山街道", "噪音扰民", "2024-05-06 09:00")
    dispatched(log, "N2", "汉山街道", "噪音扰民", "2024-05-13 09:00", key_category="dispute")
    # 汉山街道: water — two sub-categories and the category itself make three of 供水.
    dispatched(log, "W1", "汉山街道", "供水-水压不足", "2024-05-07 09:00")
    dispatched(log, "W2", "汉山街道", "供水-停水", "2024-05-08 09:00")
    dispatched(log, "W3", "汉山街道", "供水", "2024-05-09 09:00")
    # 梁山镇: two noise complaints in May, and one at the end of April — not three in a month.
    dispatched(log, "L0", "梁山镇", "噪音扰民", "2024-04-30 23:30")
    dispatched(log, "L1", "梁山镇", "噪音扰民", "2024-05-06 09:00")
    dispatched(log, "L2", "梁山镇", "噪音扰民", "2024-05-15 09:00")
    # A ticket without a category is not counted under any.
    dispatched(log, "X1", "梁山镇", None, "2024-05-16 09:00")
    return log


def report_of(log, rules, lang="zh"):
    return build_monthly_report(log, rules, "2024-05", as_of=instant("2024-05-31 23:00"), lang=lang)


def rows_of(report) -> dict:
    return {(row["unit"], row["category"]): row for row in report["recurring_issues"]["rows"]}


def copy_of_rules(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped rule set with one edit, beside its calendars and clause list."""
    shutil.copytree(resources.rules_dir() / "calendars", tmp_path / "calendars")
    shutil.copy(resources.rules_dir() / "clauses.yaml", tmp_path / "clauses.yaml")
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, f"the shipped rule set no longer contains {old!r}"
    target = tmp_path / "rules.yaml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_three_of_a_category_recur_two_do_not(rules):
    report = report_of(month_log(), rules)
    assert report["recurring_issues"]["min_tickets"] == 3
    rows = rows_of(report)
    noise = rows[("汉山街道", "噪音扰民")]
    assert (noise["tickets"], noise["key_tickets"]) == (3, 1)
    assert noise["ticket_ids"] == ["N1", "N2", "N3"]          # in dispatch order
    assert ("梁山镇", "噪音扰民") not in rows                 # two in May; April's is another month
    assert set(rows) == {("汉山街道", "噪音扰民"), ("汉山街道", "供水")}


def test_sub_categories_count_under_their_category(rules):
    water = rows_of(report_of(month_log(), rules))[("汉山街道", "供水")]
    assert (water["tickets"], water["key_tickets"]) == (3, 0)
    assert water["ticket_ids"] == ["W1", "W2", "W3"]


def test_the_threshold_comes_from_the_rule_file(tmp_path):
    edited = load_ruleset(copy_of_rules(tmp_path, "  min_tickets: 3\n", "  min_tickets: 2\n"))
    report = report_of(month_log(), edited)
    assert report["recurring_issues"]["min_tickets"] == 2
    pair = rows_of(report)[("梁山镇", "噪音扰民")]
    assert (pair["tickets"], pair["ticket_ids"]) == (2, ["L1", "L2"])
    assert "同类诉求达到 2 件及以上" in render_markdown(report)


def test_a_rule_set_without_the_section_lists_nothing_and_says_so(tmp_path):
    edited = load_ruleset(_without_section(tmp_path))
    report = report_of(month_log(), edited)
    assert report["recurring_issues"] == {"min_tickets": None, "rows": []}
    assert r"规则集未设定 recurring\_issues（反映集中的问题），本节从略。" in render_markdown(report)


def _without_section(tmp_path: Path) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index("recurring_issues:\n")
    end = text.index("\n\n", start)
    path = copy_of_rules(tmp_path, text[start:end + 1], "")
    assert "recurring_issues" not in path.read_text(encoding="utf-8")
    return path


def test_only_the_first_five_tickets_are_named(rules):
    log = Log()
    for day in range(6, 13):                                   # seven tickets, 05-06 … 05-12
        dispatched(log, f"R{day}", "汉山街道", "道路-路灯不亮", f"2024-05-{day:02d} 09:00")
    report = report_of(log, rules)
    [row] = report["recurring_issues"]["rows"]
    assert (row["category"], row["tickets"]) == ("道路", 7)
    assert row["ticket_ids"] == ["R6", "R7", "R8", "R9", "R10"]
    assert "| 汉山街道 | 道路 | 7 | 0 | R6、R7、R8、R9、R10等 |" in render_markdown(report)


def test_units_with_most_recurring_tickets_come_first(rules):
    log = month_log()
    for index in range(4):
        dispatched(log, f"G{index}", "梁山镇", "道路维修", f"2024-05-2{index} 10:00")
    rows = report_of(log, rules)["recurring_issues"]["rows"]
    # 汉山街道 has 6 recurring tickets, 梁山镇 4: 汉山街道 first, its categories by count then name.
    assert [(row["unit"], row["category"]) for row in rows] == [
        ("汉山街道", "供水"), ("汉山街道", "噪音扰民"), ("梁山镇", "道路维修")]


def test_every_format_shows_the_section(rules):
    report = report_of(month_log(), rules)
    md = render_markdown(report)
    assert "## 五、反映集中的问题（举一反三）" in md
    assert "| 汉山街道 | 噪音扰民 | 3 | 1 | N1、N2、N3 |" in md
    assert md.index("反映集中的问题") < md.index("六、口径说明")
    html = render_html(report)
    section = html[html.index('<section id="recurring-issues">'):html.index('<section id="notes">')]
    assert "反映集中的问题（举一反三）" in section and ">N1、N2、N3</td>" in section
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = book["反映集中的问题"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0] == ["承办单位", "诉求类别", "工单数", "其中重点工单", "工单编号"]
    assert ["汉山街道", "噪音扰民", 3, 1, "N1、N2、N3"] in values
    schema = json.loads(resources.schema_path("report").read_text(encoding="utf-8"))
    data = json.loads(render_json(report))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["recurring_issues"]["rows"][0]["ticket_ids"] == ["W1", "W2", "W3"]


def test_english_and_an_empty_month(rules):
    english = report_of(month_log(), rules, lang="en")
    md = render_markdown(english)
    assert "## 5. Recurring issues" in md and "| 汉山街道 | 噪音扰民 | 3 | 1 | N1, N2, N3 |" in md
    quiet = render_markdown(report_of(Log().add("Q1", "dispatched", "2024-05-06 09:00",
                                                unit="汉山街道", category="噪音扰民"), rules))
    assert "本月没有同一承办单位同类诉求达到 3 件的情况。" in quiet


def test_the_rule_set_note_quotes_the_notice(rules):
    md = render_markdown(report_of(month_log(), rules))
    note = next(line for line in md.splitlines() if "规则集说明（反映集中的问题）" in line)
    assert "举一反三、系统谋划、综合施策" in note


def test_diff_shows_a_changed_threshold(tmp_path, run_cli):
    edited = copy_of_rules(tmp_path, "  min_tickets: 3\n", "  min_tickets: 2\n")
    status, out, err = run_cli("diff", str(SHIPPED), str(edited))
    assert status == 1, err
    assert "反映集中的问题\n  修改 recurring_issues.min_tickets：3 → 2" in out
    status, out, err = run_cli("diff", str(_without_section(tmp_path / "old")), str(SHIPPED))
    assert status == 1, err
    assert "新增 recurring_issues：" in out


def test_the_shipped_rules_validate_with_the_section(run_cli, tmp_path):
    status, out, _ = run_cli("validate", str(SHIPPED))
    assert status == 0, out
    bad = copy_of_rules(tmp_path, "  min_tickets: 3\n", "  min_tickets: 1\n")
    status, out, err = run_cli("validate", str(bad))
    assert status == 2 and "recurring_issues.min_tickets" in out + err
