"""Months side by side (`report --months N`, `--from/--to`): each unit's rates and rank per
month and over the year to date, as the table, the JSON, the workbook and the small multiples
show them. The figures are worked by hand from a log of five tickets' months."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import jsonschema
import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from checker.reports.chart_png import cjk_font_file
from checker.reports.months import months_between, months_up_to
from checker.reports.trend import trend_span, SpanError

ROOT = Path(__file__).resolve().parent.parent
ON_TIME, LATE = 1, 20           # days from dispatch to feedback: well inside / far past any due time


def _ticket(ticket: str, unit: str, day: str, feedback_days: int, resolved: str | None = None,
            satisfaction: str | None = None) -> list[str]:
    from datetime import datetime, timedelta
    start = datetime.fromisoformat(f"{day} 09:00")
    feedback = start + timedelta(days=feedback_days)
    rows = [f"{ticket},dispatched,{start:%Y-%m-%d %H:%M},{unit},道路维修,,",
            f"{ticket},accepted,{start + timedelta(minutes=30):%Y-%m-%d %H:%M},{unit},,,",
            f"{ticket},feedback,{feedback:%Y-%m-%d %H:%M},{unit},,,"]
    if resolved is not None:
        rows.append(f"{ticket},visited,{feedback + timedelta(days=1):%Y-%m-%d %H:%M},,,{resolved},{satisfaction}")
    return rows


def _log(tmp_path) -> str:
    """汉山街道, worked by hand (reply: feedback on time; resolution: last visit resolved;
    satisfaction: satisfied and basically satisfied weigh 1):
      January  J1 on time, resolved, satisfied
      March    M1 on time, resolved, basically satisfied; M2 late, resolved, unsatisfied;
               M3 on time, unresolved, unsatisfied
               → reply 2/3 = 66.7%, resolution 2/3 = 66.7%, satisfaction 1/3 = 33.3%
      April    no ticket → a gap, not 0
      May      Y1 on time, resolved, satisfied; Y2 on time, unresolved, unsatisfied;
               Y3 late, resolved, basically satisfied; Y4 on time, not visited
               → reply 3/4 = 75.0%, resolution 2/3 = 66.7%, satisfaction 2/3 = 66.7%
      Jan–May  reply 6/8 = 75.0%, resolution 5/7 = 71.4%, satisfaction 4/7 = 57.1%
    黄官镇: March H1 and April H2 on time, resolved, satisfied (100%, first); May H3 late,
    unresolved, unsatisfied (0%: second behind 汉山街道)."""
    rows = ["ticket_id,event,at,unit,category,resolved,satisfaction"]
    rows += _ticket("J1", "汉山街道", "2024-01-08", ON_TIME, "true", "satisfied")
    rows += _ticket("M1", "汉山街道", "2024-03-04", ON_TIME, "true", "basically_satisfied")
    rows += _ticket("M2", "汉山街道", "2024-03-05", LATE, "true", "unsatisfied")
    rows += _ticket("M3", "汉山街道", "2024-03-06", ON_TIME, "false", "unsatisfied")
    rows += _ticket("H1", "黄官镇", "2024-03-04", ON_TIME, "true", "satisfied")
    rows += _ticket("H2", "黄官镇", "2024-04-08", ON_TIME, "true", "satisfied")
    rows += _ticket("Y1", "汉山街道", "2024-05-06", ON_TIME, "true", "satisfied")
    rows += _ticket("Y2", "汉山街道", "2024-05-07", ON_TIME, "false", "unsatisfied")
    rows += _ticket("Y3", "汉山街道", "2024-05-08", LATE, "true", "basically_satisfied")
    rows += _ticket("Y4", "汉山街道", "2024-05-09", ON_TIME)
    rows += _ticket("H3", "黄官镇", "2024-05-06", LATE, "false", "unsatisfied")
    path = tmp_path / "三个月.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


SPAN = ("--from", "2024-03", "--to", "2024-05", "--as-of", "2024-06-30")


@pytest.fixture
def log(tmp_path):
    return _log(tmp_path)


def _report(run_cli, log, *extra) -> tuple[int, str, str]:
    return run_cli("report", log, *SPAN, *extra)


def _unit(trend: dict, name: str) -> dict:
    return next(entry for entry in trend["units"] if entry["unit"] == name)


def test_the_figures_per_month_and_year_to_date_as_worked_by_hand(log, run_cli):
    status, out, err = _report(run_cli, log, "--format", "json")
    assert status == 0, err
    report = json.loads(out)
    jsonschema.Draft202012Validator(json.loads((ROOT / "schemas" / "report.schema.json").read_text())).validate(report)
    trend = report["trend"]
    assert report["month"] == "2024-05"
    assert trend["months"] == ["2024-03", "2024-04", "2024-05"]
    assert trend["year_to_date"] == {"from": "2024-01", "to": "2024-05"}
    hanshan = _unit(trend, "汉山街道")
    march, april, may = hanshan["months"]
    assert (march["tickets"], april["tickets"], may["tickets"]) == (3, 0, 4)
    assert march["rates"]["reply"] == {"numerator": 2, "denominator": 3, "rate": 0.667}
    assert march["rates"]["satisfaction"] == {"numerator": 1, "denominator": 3, "rate": 0.333}
    assert april["rates"]["reply"]["rate"] is None and april["rank"] is None     # a gap, not 0
    assert may["rates"]["reply"] == {"numerator": 3, "denominator": 4, "rate": 0.75}
    assert may["rates"]["resolution"] == {"numerator": 2, "denominator": 3, "rate": 0.667}
    ytd = hanshan["year_to_date"]
    assert ytd["tickets"] == 8
    assert ytd["rates"]["reply"] == {"numerator": 6, "denominator": 8, "rate": 0.75}
    assert ytd["rates"]["resolution"] == {"numerator": 5, "denominator": 7, "rate": 0.714}
    assert ytd["rates"]["satisfaction"] == {"numerator": 4, "denominator": 7, "rate": 0.571}
    assert (march["rank"], may["rank"]) == (2, 1)
    assert [period["rank"] for period in _unit(trend, "黄官镇")["months"]] == [1, 1, 2]
    assert [entry["unit"] for entry in trend["units"]] == ["汉山街道", "黄官镇"]   # May's ranking order
    assert trend["total"]["months"][2]["rates"]["reply"] == {"numerator": 3, "denominator": 5, "rate": 0.6}


def test_the_table_a_clerk_reads(log, run_cli):
    status, md, err = _report(run_cli, log)
    assert status == 0, err
    section = md[md.index("## 七、近3个月对比"):]
    assert "本年累计为2024年1月至5月首次派单的工单合并计算" in section
    assert "日志中没有" not in section                          # every month has tickets
    assert "| 承办单位 | 指标 | 2024年3月 | 2024年4月 | 2024年5月 | 本年累计（2024年1-5月） |" in section
    assert "| 汉山街道 | 工单数 | 3 | 0 | 4 | 8 |" in section
    assert "|  | 回复率 | 66.7% | — | 75.0% | 75.0%（6/8） |" in section
    assert "|  | 解决率 | 66.7% | — | 66.7% | 71.4%（5/7） |" in section
    assert "|  | 满意率 | 33.3% | — | 66.7% | 57.1%（4/7） |" in section
    assert "|  | 排名 | 2 | — | 1 | " in section
    assert "| 全区合计 | 工单数 | 4 | 1 | 5 | 11 |" in section
    assert md.index("## 六、口径说明") < md.index("## 七、")        # numbered in the order shown


def test_months_and_from_to_give_the_same_trend(log, run_cli):
    _, by_span, _ = _report(run_cli, log, "--format", "json")
    status, by_count, err = run_cli("report", log, "--month", "2024-05", "--months", "3", "--as-of", "2024-06-30",
                                    "--format", "json")
    assert status == 0, err
    assert json.loads(by_span)["trend"] == json.loads(by_count)["trend"]


def test_a_month_without_any_ticket_is_named(log, run_cli):
    status, md, err = run_cli("report", log, "--from", "2024-01", "--to", "2024-05", "--as-of", "2024-06-30")
    assert status == 0, err
    assert "日志中没有2024年2月首次派单的工单，这些月份各项均为“—”（不是0）。" in md
    assert "| 汉山街道 | 工单数 | 1 | 0 | 3 | 0 | 4 | 8 |" in md


@pytest.mark.parametrize("args, message", [
    (("--month", "2024-05", "--months", "3", "--from", "2024-03"), "--months 与 --from/--to 只能任选其一"),
    (("--from", "2024-05", "--to", "2024-03"), "--from 2024-05 晚于 --to 2024-03：起始月份应在截止月份之前"),
    (("--from", "2024-05", "--to", "2024-05"), "只有一个月：对比至少需要2个月"),
    (("--from", "2022-01", "--to", "2024-05"), "共29个月：最多对比24个月"),
    (("--month", "2024-05", "--to", "2024-04", "--from", "2024-01"), "--to 2024-04 与 --month 2024-05 不同"),
    (("--to", "2024-05",), "--to 须与 --from 一起使用"),
    (("--from", "2024-5", "--to", "2024-05"), "“2024-5”不是月份，应写作 YYYY-MM（如 2024-05）"),
])
def test_a_span_that_does_not_fit_is_refused_in_chinese(log, run_cli, args, message):
    status, out, err = run_cli("report", log, *args)
    assert status == 2 and out == ""
    assert message in err


def test_the_span_functions():
    assert months_up_to("2024-02", 3) == ["2023-12", "2024-01", "2024-02"]
    assert months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert trend_span("2024-05", None, None, None) == ("2024-05", None)
    assert trend_span(None, None, "2024-04", "2024-05") == ("2024-05", ["2024-04", "2024-05"])
    with pytest.raises(SpanError):
        trend_span(None, None, None, None)


def _panels(html: str) -> dict[str, str]:
    return {re.search(r"<title>(.*?)</title>", panel).group(1): panel
            for panel in re.findall(r'<svg class="trend-panel".*?</svg>', html, flags=re.S)}


def test_the_html_small_multiples_a_panel_per_unit_with_its_months(log, run_cli):
    status, html, err = _report(run_cli, log, "--format", "html")
    assert status == 0, err
    panels = _panels(html)
    assert list(panels) == ["汉山街道", "黄官镇"]
    series = dict(re.findall(r'<g class="series" data-rate="(\w+)">(.*?)</g>', panels["汉山街道"], flags=re.S))
    assert list(series) == ["reply", "resolution", "satisfaction"]
    for drawn in series.values():                     # March and May drawn, April a gap: no line joins them
        assert drawn.count('class="point"') == 2 and "<polyline" not in drawn
    assert "2024年5月回复率：75.0%" in series["reply"] and "2024年3月满意率：33.3%" in series["satisfaction"]
    huangguan = dict(re.findall(r'<g class="series" data-rate="(\w+)">(.*?)</g>', panels["黄官镇"], flags=re.S))
    assert all(drawn.count('class="point"') == 3 and drawn.count("<polyline") == 1 for drawn in huangguan.values())
    # Self-contained and phone-ready: nothing fetched, panels wrap in a grid of the page's width.
    assert "http" not in re.sub(r'xmlns="[^"]*"', "", html[html.index('<div class="trend-chart"'):])
    assert "grid-template-columns:repeat(auto-fill,minmax(150px,1fr))" in html
    assert 'viewBox="0 0 180 124"' in panels["黄官镇"]


def test_the_same_scale_in_every_panel_from_under_the_lowest_rate(log, run_cli):
    _, html, _ = _report(run_cli, log, "--format", "html")
    # The lowest rate shown is 0% (黄官镇 in May): the scale starts at 0%.
    assert "纵轴为0%至100%" in html
    for panel in _panels(html).values():
        assert re.findall(r'text-anchor="end" style="[^"]*">(.*?)</text>', panel) == ["0%", "50%", "100%"]


needs_font = pytest.mark.skipif(cjk_font_file() is None, reason="no Chinese font on this machine")


@needs_font
def test_the_docx_holds_the_trend_picture_and_table(log, run_cli, tmp_path):
    target = tmp_path / "通报.docx"
    status, _, err = _report(run_cli, log, "--format", "docx", "-o", str(target))
    assert status == 0, err
    with zipfile.ZipFile(target) as archive:
        pictures = [archive.read(name) for name in archive.namelist() if name.startswith("word/media/")]
    assert len(pictures) == 2                           # the rates chart, the small multiples
    sizes = [Image.open(io.BytesIO(picture)).size for picture in pictures]
    assert ((4 * 180 + 3 * 10) * 2, (26 + 124) * 2) in sizes     # a row of four places, one row
    table = Document(str(target)).tables[-1]
    assert [cell.text for cell in table.rows[1].cells] == ["汉山街道", "工单数", "3", "0", "4", "8"]
    assert [cell.text for cell in table.rows[2].cells] == ["", "回复率", "66.7%", "—", "75.0%", "75.0%\n（6/8）"]


@needs_font
def test_the_workbook_trend_sheet_holds_numbers_with_the_text_rounding(log, run_cli, tmp_path):
    target = tmp_path / "通报.xlsx"
    status, _, err = _report(run_cli, log, "--format", "xlsx", "-o", str(target))
    assert status == 0, err
    _, md, _ = _report(run_cli, log)
    book = load_workbook(target)
    sheet = book["近3个月对比"]
    assert book.sheetnames[-1] == "近3个月对比"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3, max_col=8)]
    reply = rows[1]
    assert reply[:2] == [None, "回复率"]
    assert reply[2:] == [0.667, "—", 0.75, 0.75, 6, 8]
    assert sheet.cell(row=4, column=3).number_format == "0.0%"
    rank = rows[4]
    assert rank[1] == "排名" and rank[2:5] == [2, "—", 1] and all(isinstance(v, int) for v in (rank[2], rank[4]))
    # Every rate cell reads as the text does: 0.667 with 0.0% is 66.7%.
    text_cells = re.findall(r"\|  \| 满意率 \| ([\d.]+)% \| — \| ([\d.]+)% \|", md)[0]
    satisfaction = rows[3]
    assert [f"{value * 100:.1f}" for value in (satisfaction[2], satisfaction[4])] == list(text_cells)
    assert len(sheet._images) == 1


def test_no_trend_without_the_options(log, run_cli):
    status, out, err = run_cli("report", log, "--month", "2024-05", "--format", "json")
    assert status == 0, err
    assert "trend" not in json.loads(out)


def test_at_phone_width_the_panels_wrap_inside_the_page(log, run_cli, tmp_path):
    from web_live import CHROMIUM, CHROMIUM_ARGS
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    target = tmp_path / "通报.html"
    status, _, err = _report(run_cli, log, "--format", "html", "-o", str(target))
    assert status == 0, err
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, side_by_side in ((360, 2), (1280, 2)):
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.goto(target.as_uri())
            layout = page.evaluate("""() => ({
                page: document.documentElement.scrollWidth,
                panels: [...document.querySelectorAll('svg.trend-panel')].map(p => {
                    const box = p.getBoundingClientRect(); return {left: box.left, right: box.right, top: box.top,
                        width: box.width}; }),
                tick: getComputedStyle(document.querySelector('svg.trend-panel text[text-anchor=end]')).fontSize,
            })""")
            page.close()
            assert layout["page"] <= width
            panels = layout["panels"]
            assert len(panels) == 2 and all(panel["right"] <= width for panel in panels)
            assert len({round(panel["top"]) for panel in panels}) == 1         # side by side, even on a phone
            assert all(150 <= panel["width"] <= 400 for panel in panels)        # readable, not stretched
            assert layout["tick"] == "10px"
        browser.close()


def test_many_units_are_drawn_a_page_at_a_time():
    from checker.reports.trend_chart import PICTURE_COLUMNS, PICTURE_ROWS, trend_chart_pngs
    period = {"tickets": 1, "rank": 1, "rates": {"reply": {"numerator": 1, "denominator": 1, "rate": 1.0}}}
    units = [{"unit": f"单位{index}", "listed": True, "months": [{"month": m, **period} for m in ("2024-04", "2024-05")],
              "year_to_date": period} for index in range(PICTURE_COLUMNS * PICTURE_ROWS + 1)]
    report = {"lang": "zh", "rate_names": {"reply": "回复率"}, "assessment": {"indicators": [{"name": "回复率"}]},
              "trend": {"months": ["2024-04", "2024-05"], "keys": ["reply"], "units": units}}
    if cjk_font_file() is None:
        assert trend_chart_pngs(report) is None
        return
    first, second = (Image.open(io.BytesIO(picture)) for picture in trend_chart_pngs(report))
    assert first.height > second.height and first.width == second.width     # 24 panels, then the last one


def test_rules_the_earlier_months_cannot_be_judged_by_are_named(tmp_path, run_cli):
    """The calendar has no 2023: the acceptance deadline of a December 2023 ticket cannot be
    worked out, and the trend says so instead of counting it as met or broken."""
    rows = ["ticket_id,event,at,unit,category,resolved,satisfaction"]
    rows += _ticket("D1", "汉山街道", "2023-12-04", ON_TIME, "true", "satisfied")
    rows += _ticket("Y1", "汉山街道", "2024-01-08", ON_TIME, "true", "satisfied")
    path = tmp_path / "跨年.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    status, out, err = run_cli("report", str(path), "--from", "2023-12", "--to", "2024-01", "--format", "json")
    assert status == 0, err
    unjudged = json.loads(out)["trend"]["unjudged"]
    assert any("acceptance-1h" in line and "2023" in line for line in unjudged)
    _, md, _ = run_cli("report", str(path), "--from", "2023-12", "--to", "2024-01")
    assert "对比的月份中以下规则无法核查，未计为违规：" in md[md.index("## 七、"):]


def test_one_units_trend_for_its_own_page(log, run_cli):
    from checker.documents.cells import as_cell
    from checker.reports.trend import trend_table, unit_trend
    from checker.reports.trend_chart import trend_chart_svg
    _, out, _ = _report(run_cli, log, "--format", "json")
    report = json.loads(out)
    own = unit_trend(report, "黄官镇")
    table = trend_table(own, "zh")
    assert [as_cell(row[0]).text for row in table.rows if as_cell(row[0]).text] == ["黄官镇", "全区合计"]
    assert list(_panels(trend_chart_svg(own))) == ["黄官镇"]
    assert unit_trend(report, "梁山街道") is None
