"""The 通报 as a Word document: opened with python-docx, its numbers those of the other formats."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from checker.reports.chart_png import cjk_font_file

SAMPLE = str(Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv")


def _report(run_cli, tmp_path, fmt, *extra):
    target = tmp_path / f"report.{fmt}"
    status, _, err = run_cli("report", SAMPLE, "--month", "2024-05", "--format", fmt, "-o", str(target), *extra)
    assert status == 0, err
    return target


def _md_ranking(path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## 二"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 9 and not cells[1].startswith("---"):
            rows.append(cells)
    return rows


def test_docx_tables_hold_the_markdown_numbers(run_cli, tmp_path):
    document = Document(str(_report(run_cli, tmp_path, "docx", "--cc", "区委办公室、区政府办公室")))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "南郑区“5412345”热线工单办理情况通报 2024年5月" in texts
    assert texts[0] == "区热线领导小组办公室文件"                      # 红头: the rule set's office
    assert texts[-1] == "抄送：区委办公室、区政府办公室"
    # A rate is written `81.3%` over `（13/16）`: the same text with its line break.
    ranking = [[cell.text.replace("\n", "") for cell in row.cells] for row in document.tables[0].rows]
    md = _md_ranking(_report(run_cli, tmp_path, "md"))
    assert ranking == md                                            # header, 13 units, total
    assert ranking[13][1] == "高台镇" and ranking[13][5] == "81.3%（13/16）"
    assert len(document.tables) >= 6
    if cjk_font_file() is not None:
        assert len(document.inline_shapes) == 1                      # the rates chart


def test_docx_doc_number_from_the_configuration(run_cli, tmp_path, monkeypatch):
    (tmp_path / "work").mkdir()
    status, _, err = run_cli("init", str(tmp_path / "work"), "--office", "南郑区热线办", "--doc-prefix", "南热线办")
    assert status == 0, err
    monkeypatch.chdir(tmp_path / "work")
    document = Document(str(_report(run_cli, tmp_path, "docx", "--doc-number", "7")))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "南郑区热线办文件" and texts[1] == "南热线办〔2024〕7号"


def test_the_offices_own_template(run_cli, tmp_path):
    template = Document()
    template.add_paragraph("{发文机关}（红头）")
    template.add_paragraph("{文号}")
    template.add_paragraph("{正文}")
    template.add_paragraph("联系人：张三")
    path = tmp_path / "红头.docx"
    template.save(str(path))
    document = Document(str(_report(run_cli, tmp_path, "docx", "--template", str(path))))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "区热线领导小组办公室（红头）"
    assert "{正文}" not in "".join(texts) and texts[-1] == "联系人：张三"
    body = document.element.body
    order = [child.tag.rsplit("}", 1)[1] for child in body.iterchildren()]
    assert order.index("tbl") < len(order) - 2                     # tables before the closing line


def test_docx_columns_are_as_wide_as_their_figures(run_cli, tmp_path):
    """Printed or opened in WPS, a rate is `81.3%` over `（13/16）`, never broken inside a
    figure, and the rank column does not take the width a unit name needs."""
    from docx.shared import Pt
    from rich.cells import cell_len
    document = Document(str(_report(run_cli, tmp_path, "docx")))
    table = document.tables[0]
    widths = [column.width for column in table.columns]
    header = [cell.text for cell in table.rows[0].cells]
    rate = header.index("回复率")
    assert widths[rate] >= cell_len("（290/296）") * Pt(5.5)          # 9-point digits, unbroken
    assert widths[header.index("排名")] < widths[header.index("承办单位")] < 2 * widths[rate]
    section = document.sections[-1]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin
    assert [cell.width for cell in table.rows[1].cells] == widths        # Word reads the cells
    assert table.rows[13].cells[rate].text == "81.3%\n（13/16）"
