"""The Excel workbook: three sheets, real datetimes, defused and masked text."""

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from checker.output import render
from test_output_fixtures import RAW_ID, RAW_PHONE, sample_result


@pytest.fixture(scope="module")
def workbook():
    return load_workbook(io.BytesIO(render(sample_result(), "xlsx")))


def header(sheet) -> list:
    return [cell.value for cell in sheet[2]]          # under the title row


def records(sheet) -> list[dict]:
    names = header(sheet)
    return [dict(zip(names, row)) for row in sheet.iter_rows(min_row=3, values_only=True)]


def test_sheet_names(workbook):
    assert workbook.sheetnames == ["违规清单", "被拒行", "汇总"]


def test_findings_sheet(workbook):
    sheet = workbook["违规清单"]
    assert header(sheet)[:3] == ["工单编号", "承办单位", "规则"]
    assert sheet["A1"].value.endswith("· 违规清单") and sheet["A2"].font.bold
    assert sheet.freeze_panes == "A3" and sheet.print_title_rows.replace("$", "") == "1:2"
    assert sheet.page_setup.orientation == "landscape" and "截至" in sheet.oddHeader.center.text
    assert sheet.column_dimensions["A"].width >= len("GD20240501001")
    found = records(sheet)
    assert len(found) == 5
    assert found[0]["应完成时间"] == datetime(2024, 5, 11, 10, 30)   # naive, Beijing time
    assert found[0]["实际时间"] == datetime(2024, 5, 11, 13, 2)
    assert found[1]["实际时间"] is None
    assert found[0]["超时分钟数"] == 152
    due_cell = sheet.cell(row=3, column=header(sheet).index("应完成时间") + 1)
    assert due_cell.is_date and "yy" in due_cell.number_format


def test_text_cells_are_neutralised_and_masked(workbook):
    found = records(workbook["违规清单"])
    assert found[2]["说明"] == "'=HYPERLINK(\"http://x\")"
    assert found[2]["备注"] == "'@SUM(A1:A9)"
    assert found[0]["备注"] == "市民电话138****5678，要求回电"
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and value.startswith(("=", "@", "+", "-")))
                assert RAW_PHONE not in str(value) and RAW_ID not in str(value)


def test_rejected_sheet(workbook):
    assert records(workbook["被拒行"]) == [
        {"来源": "log.csv", "工作表": None, "行": 7, "原因": "无法识别的时间“2024-13-01”"},
        {"来源": "export.xlsx", "工作表": "5月", "行": 12, "原因": "缺少工单编号"},
    ]


def test_summary_sheet(workbook):
    rows = [row for row in workbook["汇总"].iter_rows(values_only=True)]
    values = {row[0]: row[1] for row in rows if row[0] is not None}
    assert values["规则集"] == "nanzheng-2024"
    # As of 2024-06-01 00:00, the end of 31 May: the cell writes 2024年5月31日24时 (its value
    # the last second of that day, as the workbook cannot write the day before's 24时).
    assert values["截至"] == datetime(2024, 5, 31, 23, 59, 59)
    as_of = next(row[1] for row in workbook["汇总"].iter_rows() if row[0].value == "截至")
    assert as_of.number_format == 'yyyy"年"m"月"d"日24时"'
    assert (values["行数"], values["事件数"], values["被拒行数"], values["工单数"]) == (1234, 1232, 2, 300)
    assert (values["违规"], values["提示"], values["未到期"]) == (3, 1, 1)
    per_unit = {row[0]: row[1:4] for row in rows if row[0] in ("区住建局", "区水利局")}
    assert per_unit == {"区住建局": (2, 1, 0), "区水利局": (1, 0, 1)}


def test_english_sheet_names():
    workbook = load_workbook(io.BytesIO(render(sample_result(), "xlsx", "en")))
    assert workbook.sheetnames == ["Findings", "Rejected rows", "Summary"]
    assert workbook["Findings"]["A2"].value == "Ticket"


def test_written_to_a_file_object(tmp_path):
    path = tmp_path / "findings.xlsx"
    with path.open("wb") as out:
        assert render(sample_result(), "xlsx", out=out) is None
    assert load_workbook(path).sheetnames == ["违规清单", "被拒行", "汇总"]
