"""The monthly report (通报, clauses 3.3 and 3.4): its numbers, and each format as a user
opens it — Markdown, one offline HTML file, an Excel workbook, JSON against its schema."""

import io
import json
import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from checker import resources
from checker.engine.audit import AuditOptions, run_audit
from checker.logs import read_logs
from checker.reports import leader_day_section
from checker.reports.monthly import build_monthly_report
from checker.ruleset import load_ruleset
from support import render_html, render_json, render_markdown, render_xlsx, Log, instant

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv"
EVIL_UNIT = "<script>alert(1)</script>镇"
EVIL_NOTE = '群众电话13812345678 <script>steal()</script> <img src="https://x.example/a.png">'


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


@pytest.fixture(scope="module")
def sample(rules):
    return read_logs([str(SAMPLE)], rules.tz)


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.schema_path("report").read_text(encoding="utf-8"))


def handled(log, ticket, unit, dispatched, feedback, *, visit=None, resolved=True,
            satisfaction="satisfied", note=None, key_category=None, closed=None):
    log.add(ticket, "dispatched", dispatched, unit=unit, category="道路维修", note=note,
            key_category=key_category)
    log.add(ticket, "accepted", dispatched[:-2] + "20", actor=unit)
    log.add(ticket, "citizen_contacted", feedback, actor=unit)
    log.add(ticket, "feedback", feedback, actor=unit)
    if visit:
        log.add(ticket, "visited", visit, actor="office", resolved=resolved, satisfaction=satisfaction)
    if closed:
        log.add(ticket, "closed", closed, actor="office", outcome="handled")
    return log


def hostile_log() -> Log:
    """A unit name and notes that try to inject markup, formulas, and carry a phone number."""
    log = Log()
    handled(log, "T1", EVIL_UNIT, "2024-05-06 09:00", "2024-05-08 10:00")        # no visit
    log.add("T2", "dispatched", "2024-05-06 09:00", unit="=HYPERLINK(\"http://x\")",
            category="道路维修", note=EVIL_NOTE)                                   # never accepted
    log.add("T3", "dispatched", "2024-05-07 09:00", unit="汉山街道", category="道路维修",
            note="=1+1 来电 13912345678")
    return log


class Tags(HTMLParser):
    """The element and attribute names of a page, as a browser would parse them."""

    def __init__(self):
        super().__init__()
        self.names, self.attributes = set(), set()

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)


def report_of(log, rules, month="2024-05", as_of="2024-05-20 00:00", lang="zh"):
    return build_monthly_report(log, rules, month, as_of=instant(as_of), lang=lang)


# --- numbers --------------------------------------------------------------------------

def test_overdue_numbers_equal_the_audit_findings(rules, sample):
    report = build_monthly_report(sample, rules, "2024-05")
    audit = run_audit(sample, rules, AuditOptions(date_from=date(2024, 5, 1), date_to=date(2024, 5, 31)))
    overdue = [f for f in audit.findings if f.rule in ("acceptance-1h", "feedback-deadline")]
    assert overdue, "the sample month has overdue tickets"
    per_unit = Counter(unit for unit, _ in {(f.unit, f.ticket_id) for f in overdue})
    assert {row["unit"]: row["overdue_tickets"] for row in report["units"]
            if row["overdue_tickets"]} == dict(per_unit)
    listed = [(item["ticket_id"], item["rule"], group["unit"])
              for group in report["overdue"] for item in group["findings"]]
    assert sorted(listed) == sorted((f.ticket_id, f.rule, f.unit) for f in overdue)
    assert report["total"]["overdue_tickets"] == len({f.ticket_id for f in overdue})
    assert report["total"]["tickets"] == audit.tickets


def test_report_as_of_defaults_to_the_latest_timestamp(rules, sample):
    report = build_monthly_report(sample, rules, "2024-05")
    latest = max(event.at for event in sample.events)
    assert report["as_of"] == datetime_iso(latest)


def datetime_iso(epoch):
    from checker.timefmt import iso
    return iso(epoch, load_ruleset().tz)


def test_change_against_the_previous_month(rules):
    log = Log()
    # April: 汉山街道 on time, 梁山镇 late (feedback due 04-14 00:00 came 04-15).
    handled(log, "A1", "汉山街道", "2024-04-08 09:00", "2024-04-10 10:00")
    handled(log, "A2", "梁山镇", "2024-04-08 09:00", "2024-04-15 10:00")
    # May: the other way round.
    handled(log, "M1", "汉山街道", "2024-05-06 09:00", "2024-05-13 10:00")
    handled(log, "M2", "梁山镇", "2024-05-06 09:00", "2024-05-08 10:00")
    report = report_of(log, rules)
    assert report["previous_month"] == "2024-04"
    rows = {row["unit"]: row for row in report["units"]}
    assert rows["梁山镇"]["rank"] == 1 and rows["汉山街道"]["rank"] == 2
    assert rows["梁山镇"]["change"]["rank"] == 1 and rows["梁山镇"]["change"]["previous_rank"] == 2
    assert rows["汉山街道"]["change"]["rank"] == -1
    assert rows["梁山镇"]["change"]["reply"] == 1.0 and rows["汉山街道"]["change"]["reply"] == -1.0
    # No visit in either month: no change of the resolution rate can be stated.
    assert rows["梁山镇"]["change"]["resolution"] is None
    md = render_markdown(report)
    assert "各率的变化以百分点计" in md
    assert "↑1" in md and "↓1" in md and "| +100.0 |" in md and "| -100.0 |" in md
    book = _workbook(report)
    sheet = book["排名"]
    headers = [cell.value for cell in sheet[2]]
    column = headers.index("回复率变化（百分点）") + 1
    changes = {sheet.cell(row=r, column=2).value: sheet.cell(row=r, column=column)
               for r in range(3, sheet.max_row)}
    assert changes["梁山镇"].value == 100 and changes["汉山街道"].value == -100
    rank = sheet.cell(row=3, column=headers.index("排名变化") + 1)
    assert rank.value == 1 and "↑" in rank.number_format


def test_no_previous_month_in_the_log_means_no_change_column(rules):
    report = report_of(handled(Log(), "T1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00"), rules)
    assert report["previous_month"] is None and report["units"][0]["change"] is None
    assert "排名变化" not in render_markdown(report)
    assert "日志中没有上月（2024-04）的工单" in render_markdown(report)


def test_key_tickets_by_category_with_the_departments_they_are_passed_to(rules):
    log = Log()
    handled(log, "K1", "区人力资源和社会保障局", "2024-05-06 09:00", "2024-05-08 10:00",
            key_category="wage_arrears", closed="2024-05-09 10:00")
    handled(log, "K2", "汉山街道", "2024-05-06 09:00", "2024-05-13 10:00",      # late feedback
            key_category="wage_arrears")
    handled(log, "K3", "区应急管理局", "2024-05-06 09:00", "2024-05-08 10:00",
            key_category="work_safety")
    handled(log, "N1", "汉山街道", "2024-05-06 09:00", "2024-05-08 10:00")
    report = report_of(log, rules)
    rows = {row["category"]: row for row in report["key_tickets"]}
    categories = rules.section("key_tickets")["categories"]
    assert list(rows) == list(categories)
    wage = rows["wage_arrears"]
    assert (wage["tickets"], wage["closed"], wage["open"], wage["overdue"]) == (2, 1, 1, 1)
    assert wage["name"] == categories["wage_arrears"]["name"]
    assert wage["passed_to"] == categories["wage_arrears"]["passed_to"]
    assert wage["units"] == sorted(["区人力资源和社会保障局", "汉山街道"])
    assert rows["work_safety"]["tickets"] == 1 and rows["dispute"]["tickets"] == 0


def test_month_must_be_a_month(rules):
    from checker.errors import CheckerError
    with pytest.raises(CheckerError):
        report_of(Log(), rules, month="2024-13")


# --- Markdown -------------------------------------------------------------------------

def test_markdown_shows_a_dash_for_a_missing_rate_and_escapes(rules):
    md = render_markdown(report_of(hostile_log(), rules))
    row = next(line for line in md.splitlines() if "alert(1)" in line and line.startswith("|"))
    cells = [cell.strip() for cell in row.strip("|").split(" | ")]
    assert cells[5] == "100.0%（1/1）"
    assert cells[6] == "—" and cells[7] == "—"
    assert "0/0" not in row
    assert "<script" not in md and "&lt;script&gt;" in md
    # Markdown escapes the mask's asterisks so they print as asterisks.
    assert "13812345678" not in md and r"138\*\*\*\*5678" in md


# --- HTML -----------------------------------------------------------------------------

def test_html_is_self_contained_escaped_and_has_the_chart(rules):
    html = render_html(report_of(hostile_log(), rules))
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;镇" in html
    # The hostile texts are shown as text: no tag or attribute of theirs survives.
    tags = Tags()
    tags.feed(html)
    assert not tags.names & {"script", "img", "link", "iframe", "object", "embed", "image"}
    assert not tags.attributes & {"src", "href", "xlink:href", "onerror", "onload"}
    assert "@import" not in html and "url(" not in html
    assert "&lt;img src=&#34;https://x.example/a.png&#34;&gt;" in html
    assert '<html lang="zh-CN">' in html and '<meta charset="utf-8">' in html
    assert "Microsoft YaHei" in html and "Noto Sans CJK SC" in html
    assert "<svg" in html and html.count("<svg") == 1
    assert "13812345678" not in html and "13912345678" not in html


def test_html_of_the_sample_month_references_nothing_outside_the_file(rules, sample):
    html = render_html(build_monthly_report(sample, rules, "2024-05"))
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html, re.IGNORECASE)
    assert "<script" not in html.lower() and "<svg" in html


def test_html_chart_draws_a_bar_per_rate_and_none_for_a_missing_rate(rules):
    report = report_of(hostile_log(), rules)
    html = render_html(report)
    svg = html[html.index("<svg"):html.index("</svg>")]
    # Legend: the three rates by their rule-set names.
    for name in ("回复率", "解决率", "满意率"):
        assert f">{name}</text>" in svg
    # Axis 0–100 %.
    assert ">0%</text>" in svg and ">100%</text>" in svg
    bars = re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height', svg)
    # Legend squares are 14 wide; the data bars: reply rates of the units that have one.
    data_bars = [float(width) for width in bars if width != "14"]
    with_reply = [row for row in report["units"] if row["reply"]["rate"] is not None]
    expected = sum(1 for row in report["units"] for key in ("reply", "resolution", "satisfaction")
                   if row[key]["rate"] is not None)
    assert len(data_bars) == expected and len(with_reply) >= 1
    assert svg.count(">—</text>") == 3 * len(report["units"]) - expected


def test_html_in_english(rules):
    html = render_html(report_of(hostile_log(), rules, lang="en"))
    assert '<html lang="en">' in html and "Reply rate" in html


def test_html_writes_the_notice_quote_in_the_report_language(rules):
    [reply] = [item for item in rules.section("rates")["indicators"] if item["id"] == "reply"]
    quote = reply["quote"]
    english = render_html(report_of(hostile_log(), rules, lang="en"))
    assert f" (“{quote}”)" in english and "（“" not in english
    assert f"（“{quote}”）" in render_html(report_of(hostile_log(), rules))


# --- XLSX -----------------------------------------------------------------------------

def _workbook(report):
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))


def test_xlsx_has_a_sheet_per_section_with_percentage_cells(rules):
    book = _workbook(report_of(hostile_log(), rules))
    assert book.sheetnames == ["排名", "重点工单", "超期清单", "领导接听日", "反映集中的问题", "口径说明"]
    ranking = book["排名"]
    assert ranking.freeze_panes == "A3"                 # below the title row and the header
    assert ranking["A1"].value.endswith("· 排名") and ranking.print_title_rows.replace("$", "") == "1:2"
    assert ranking.page_setup.orientation == "landscape" and ranking.page_setup.fitToWidth == 1
    headers = [cell.value for cell in ranking[2]]
    assert all(cell.font.bold for cell in ranking[2])
    reply = headers.index("回复率") + 1
    resolution = headers.index("解决率") + 1
    rows = {ranking.cell(row=r, column=2).value: r for r in range(3, ranking.max_row + 1)}
    evil = rows[f"{EVIL_UNIT}（名单外单位）"]
    assert ranking.cell(row=evil, column=reply).value == 1
    assert "%" in ranking.cell(row=evil, column=reply).number_format
    # A missing rate is the text "—", not a number.
    assert ranking.cell(row=evil, column=resolution).value == "—"


def test_xlsx_neutralises_formulas_and_masks_notes(rules):
    book = _workbook(report_of(hostile_log(), rules))
    values = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row
              if isinstance(cell.value, str)]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in values)
    assert "'=HYPERLINK(\"http://x\")" in values
    assert not any("13812345678" in value or "13912345678" in value for value in values)
    overdue = book["超期清单"]
    notes = [row[-1].value for row in overdue.iter_rows(min_row=3)]
    assert any(note and "139****5678" in note and note.startswith("'=") for note in notes)


def test_xlsx_of_the_sample_month_opens(rules, sample):
    book = _workbook(build_monthly_report(sample, rules, "2024-05"))
    ranking = book["排名"]
    headers = [cell.value for cell in ranking[2]]
    rows = {ranking.cell(row=r, column=2).value: r for r in range(3, ranking.max_row + 1)}
    # The rate is a number the office can sort; its format writes the counts beside it, as
    # every other format does: 81.3%（13/16）.
    cell = ranking.cell(row=rows["高台镇"], column=headers.index("回复率") + 1)
    assert cell.value == 0.813 and cell.number_format == '0.0%"（13/16）"'
    for name in ("回复率", "解决率", "满意率"):
        cell = ranking.cell(row=3, column=headers.index(name) + 1)
        assert 0 <= cell.value <= 1 and cell.number_format.startswith('0.0%"（')
    # Wide enough for the text its format writes: a narrower column prints as ###.
    from openpyxl.utils import get_column_letter
    from rich.cells import cell_len
    for name in ("回复率", "解决率", "满意率"):
        letter = get_column_letter(headers.index(name) + 1)
        assert ranking.column_dimensions[letter].width >= cell_len("100.0%（290/296）")


# --- JSON -----------------------------------------------------------------------------

def test_json_validates_against_its_schema(rules, sample, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for report in (build_monthly_report(sample, rules, "2024-05"),
                   report_of(hostile_log(), rules, lang="en")):
        validator.validate(json.loads(render_json(report)))


def test_json_keeps_null_for_a_missing_rate(rules):
    data = json.loads(render_json(report_of(hostile_log(), rules)))
    row = next(row for row in data["units"] if row["unit"] == EVIL_UNIT)
    assert row["resolution"] == {"numerator": 0, "denominator": 0, "rate": None}
    assert row["satisfaction"]["rate"] is None and row["composite"] == 1.0


def test_schema_rejects_a_rate_above_one(rules, schema):
    data = json.loads(render_json(report_of(hostile_log(), rules)))
    data["units"][0]["reply"]["rate"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


# --- the command ----------------------------------------------------------------------

def test_report_command_writes_every_format(run_cli, tmp_path):
    for fmt in ("md", "html", "xlsx", "json"):
        target = tmp_path / f"report.{fmt}"
        status, _, err = run_cli("report", str(SAMPLE), "--month", "2024-05", "--format", fmt,
                                 "-o", str(target))
        assert status == 0, err
        assert target.stat().st_size > 0
    assert "南政办发〔2024〕4号" in (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "领导接听日" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_report_command_to_stdout_defaults_to_markdown(run_cli):
    status, out, _ = run_cli("report", str(SAMPLE), "--month", "2024-05",
                             "--as-of", "2024-06-01 00:00")
    assert status == 0
    assert out.startswith("# ") and "2024年5月" in out and "统计截至：2024年5月31日24时" in out
    assert "未提供领导接听日记录" in out


@pytest.mark.parametrize("args", [("--month", "2024-5"), ("--month", "May")])
def test_report_command_rejects_a_bad_month(run_cli, args):
    status, _, err = run_cli("report", str(SAMPLE), *args)
    assert status == 2 and "YYYY-MM" in err


def test_report_command_names_a_missing_log(run_cli, tmp_path):
    missing = tmp_path / "nope.csv"
    status, _, err = run_cli("report", str(missing), "--month", "2024-05")
    assert status == 2 and "nope.csv" in err and "Traceback" not in err


# --- leader day -----------------------------------------------------------------------

def test_leader_day_section_without_a_log(rules):
    report = report_of(hostile_log(), rules)
    assert report["leader_day"] == {"log": None, "rows": []}
    assert "未提供领导接听日记录" in render_markdown(report)


def test_leader_day_rows_come_from_the_leader_day_module(rules, monkeypatch, tmp_path):
    calls = []

    def attendance(ruleset, path, month, lang):
        calls.append((path, month, lang))
        return [{"date": date(2024, 5, 21), "scheduled": date(2024, 5, 21), "postponed_from": None,
                 "unit": "汉山街道", "leader": "<b>张三</b>", "attended": False, "status": "absent",
                 "status_text": "未到场"}]

    monkeypatch.setattr(leader_day_section, "leader_day_attendance", attendance)
    log_path = str(tmp_path / "leaders.csv")
    report = build_monthly_report(hostile_log(), rules, "2024-05", as_of=instant("2024-05-20 00:00"),
                                  leader_log=log_path)
    assert calls == [(log_path, "2024-05", "zh")]
    [row] = report["leader_day"]["rows"]
    assert row["date"] == "2024-05-21" and row["attended"] is False
    md = render_markdown(report)
    # The status in the report's words, not its key.
    assert "| 2024-05-21 | 2024-05-21 |  | 汉山街道 | &lt;b&gt;张三&lt;/b&gt; | 否 | 未到场 |" in md
    assert "absent" not in md
    assert "&lt;b&gt;张三&lt;/b&gt;" in render_html(report)
    assert _workbook(report)["领导接听日"].cell(row=3, column=6).value == "否"
