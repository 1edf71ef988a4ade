"""CSV for Excel: BOM, headers in the report language, defused and masked cells."""

import csv
import io

import pytest

from checker.errors import CheckerError
from checker.output import render
from test_output_fixtures import RAW_ID, RAW_PHONE, sample_result


def rows(data: bytes, encoding="utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def test_utf8_with_bom_by_default():
    data = render(sample_result(), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert not render(sample_result(), "csv", encoding="utf-8").startswith(b"\xef\xbb\xbf")


def test_header_and_one_row_per_finding():
    table = rows(render(sample_result(), "csv"))
    assert table[0] == ["工单编号", "承办单位", "规则", "规则名称", "条款", "级别", "状态",
                        "应完成时间", "实际时间", "超时分钟数", "说明", "备注", "规则集文件"]
    assert len(table) == 1 + 5
    first = dict(zip(table[0], table[1]))
    assert first["工单编号"] == "GD20240501001" and first["承办单位"] == "区住建局"
    assert first["规则"] == "acceptance-1h" and first["规则名称"] == "1小时启动接诉"
    assert first["级别"] == "违规" and first["状态"] == "已违反"
    assert (first["应完成时间"], first["实际时间"]) == ("2024-05-11 10:30", "2024-05-11 13:02")
    assert first["超时分钟数"] == "152"
    never = dict(zip(table[0], table[2]))
    assert never["实际时间"] == "" and never["超时分钟数"] == ""
    pending = dict(zip(table[0], table[5]))
    assert (pending["级别"], pending["状态"]) == ("未到期", "进行中")    # never 违规 while running


def test_formula_cells_are_neutralised():
    table = rows(render(sample_result(), "csv"))
    row = dict(zip(table[0], table[3]))
    assert row["说明"] == "'=HYPERLINK(\"http://x\")"
    assert row["备注"] == "'@SUM(A1:A9)"
    for line in table:
        for cell in line:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_numbers_are_masked_and_multiline_notes_stay_in_one_cell():
    data = render(sample_result(), "csv")
    text = data.decode("utf-8-sig")
    assert "138****5678" in text and RAW_PHONE not in text and RAW_ID not in text
    table = rows(data)
    assert dict(zip(table[0], table[4]))["备注"] == "身份证 610721********1234\n第二行"


def test_gb18030_on_request():
    data = render(sample_result(), "csv", encoding="gb18030")
    assert rows(data, "gb18030")[0][0] == "工单编号"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_english_headers():
    table = rows(render(sample_result(), "csv", "en"))
    assert table[0][:3] == ["Ticket", "Unit", "Rule"]
    assert table[1][5:7] == ["violation", "violated"]


def test_an_encoding_that_cannot_hold_the_text_is_a_clear_error():
    with pytest.raises(CheckerError, match="ascii"):
        render(sample_result(), "csv", encoding="ascii")
    with pytest.raises(CheckerError, match="no-such-codec"):
        render(sample_result(), "csv", encoding="no-such-codec")
