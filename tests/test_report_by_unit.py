"""report --by-unit: the 整改通知单, a page (sheet) per unit, worked by hand on the sample month.

高台镇 in May 2024 (fixtures/sample-2024-05.csv), from its rows: 17 tickets dispatched to it, one
(NZ20240500110) redispatched to 梁山镇 25 minutes later, so 16 are its own. May 1–5 are the 劳动节
holiday, so acceptance within 1 hour applies to the tickets dispatched from May 6 on a workday
(not Saturday 18 May); feedback is due at 24:00 of the fifth natural day after the dispatch day.
  NZ20240500082  dispatched Mon 6 May 15:11, accepted 16:35: due 16:11, 24 minutes late
  NZ20240500172  dispatched Sat 18 May 11:19, feedback 24 May 14:58: due 23 May 24:00, 14 h 58 min late
  NZ20240500274  dispatched Mon 27 May 15:36, no feedback by the log's end (9 June): due 1 June 24:00
  NZ20240500165  dispatched Tue 28 May 10:00, feedback 3 June 18:39: due 2 June 24:00, 18 h 39 min late
Every other ticket was accepted and fed back in time (NZ20240500001 and NZ20240500123 twice,
after their returns). Replies in time: 16 − 3 = 13 of 16. Visited: 14 (NZ20240500274 and
NZ20240500300 never were); the last visit of NZ20240500294 (2 June 09:15) found the citizen
unsatisfied and the problem unresolved, and it was closed without a return; NZ20240500001 and
NZ20240500123 were unsatisfied once, returned, and satisfied at their last visit.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
from docx import Document

SAMPLE = str(Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv")
UNIT = "高台镇"
OVERDUE = [("NZ20240500082", "1小时启动接诉", "2024年5月6日 16:11", "2024年5月6日 16:35", "24分"),
           ("NZ20240500172", "限时反馈", "2024年5月23日24时", "2024年5月24日 14:58", "14小时58分"),
           ("NZ20240500274", "限时反馈", "2024年6月1日24时", "", "未办理"),
           ("NZ20240500165", "限时反馈", "2024年6月2日24时", "2024年6月3日 18:39", "18小时39分")]


def _by_unit(run_cli, tmp_path, fmt, *extra):
    target = tmp_path / f"notices.{fmt}"
    status, _, err = run_cli("report", SAMPLE, "--month", "2024-05", "--by-unit", "--format", fmt,
                             "-o", str(target), *extra)
    assert status == 0, err
    return target


def _page(markdown: str, unit: str) -> str:
    start = markdown.index(f"## {unit}整改通知单")
    end = markdown.find("\n---\n", start)
    return markdown[start:end if end > 0 else None]


def _table(page: str, heading: str) -> list[list[str]]:
    lines = page[page.index(heading):].splitlines()[2:]
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def test_the_page_of_a_unit_lists_the_tickets_worked_out_by_hand(run_cli, tmp_path):
    markdown = _by_unit(run_cli, tmp_path, "md").read_text(encoding="utf-8")
    page = _page(markdown, UNIT)
    assert [tuple(row[:5]) for row in _table(page, "### 超期工单（4 张）")] == OVERDUE
    assert _table(page, "### 回访不满意工单（1 张）") == [["NZ20240500294", "企业开办", "2024年6月2日 09:15", "否", "否", ""]]
    figures = {row[0]: row[1] for row in _table(page, "### 考核情况")}
    assert figures["回复率"] == "81.3%（13/16）" and figures["满意率"] == "92.9%（13/14）"
    assert figures["排名"] == "第13名（共13个单位参与排名）"
    # Only its own tickets: the one redispatched away and the ones satisfied at last are not there.
    mentioned = set(re.findall(r"NZ\d{11}", page))
    assert mentioned == {ticket for ticket, *_ in OVERDUE} | {"NZ20240500294"}
    # Every unit of the ranking has its page, each starting a new one.
    assert len(re.findall(r"^## .+整改通知单$", markdown, re.M)) == 13 and markdown.count("\n---\n") == 12


def test_a_sheet_per_unit_with_the_same_tickets(run_cli, tmp_path):
    book = openpyxl.load_workbook(_by_unit(run_cli, tmp_path, "xlsx"))
    assert len(book.sheetnames) == 13 and UNIT in book.sheetnames
    sheet = book[UNIT]
    assert sheet["A1"].value.endswith(f"· {UNIT}")
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    tickets = [row[0] for row in values if isinstance(row[0], str) and row[0].startswith("NZ")]
    assert tickets == [ticket for ticket, *_ in OVERDUE] + ["NZ20240500294"]
    reply = next(row for row in values if row[0] == "回复率")
    assert reply[1] == 0.813
    assert sheet.page_setup.orientation == "landscape" and "统计截至" in sheet.oddHeader.center.text


def test_word_and_html_start_a_page_per_unit(run_cli, tmp_path):
    document = Document(str(_by_unit(run_cli, tmp_path, "docx")))
    breaks = document.element.body.xml.count('w:type="page"')
    assert breaks == 12
    assert f"{UNIT}整改通知单" in [paragraph.text for paragraph in document.paragraphs]
    html = _by_unit(run_cli, tmp_path, "html").read_text(encoding="utf-8")
    assert html.count('class="new-page"') == 12 and "break-before: page" in html     # the first follows the title


def test_with_months_the_page_shows_the_units_trend(run_cli, tmp_path):
    markdown = _by_unit(run_cli, tmp_path, "md", "--months", "2").read_text(encoding="utf-8")
    page = _page(markdown, UNIT)
    assert "### 近2个月对比" in page
    trend = page[page.index("### 近2个月对比"):]
    units = {row.split(" | ")[0].strip("| ") for row in trend.splitlines() if row.startswith("| ") and " | " in row}
    assert UNIT in units and not units & {"黄官镇", "汉山街道"}


def test_an_unsatisfied_visit_returned_in_time_says_so(run_cli, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,actor,resolved,satisfaction\n"
                    "A,dispatched,2024-05-06 09:00,汉山街道,office,,\n"
                    "A,visited,2024-05-08 09:00,,office,false,unsatisfied\n"
                    "A,returned,2024-05-08 10:00,,office,,\n"
                    "B,dispatched,2024-05-06 09:00,汉山街道,office,,\n"
                    "B,visited,2024-05-08 09:00,,office,false,unsatisfied\n"
                    "B,visited,2024-05-09 09:00,,office,true,satisfied\n", encoding="utf-8")
    status, out, err = run_cli("report", str(path), "--month", "2024-05", "--by-unit", "--as-of", "2024-05-10")
    assert status == 0, err
    rows = _table(_page(out, "汉山街道"), "### 回访不满意工单（1 张）")
    assert rows == [["A", "", "2024年5月8日 09:00", "否", "是", ""]]
