"""Workbooks as exports really are: Excel serial times read as meant, a stray cell in column
XFD costs nothing, a damaged part is one error naming the file."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from checker.errors import CheckerError
from checker.logs import read_logs

SHANGHAI = ZoneInfo("Asia/Shanghai")
HEADER = ["工单编号", "事件", "时间", "承办单位"]


def workbook(tmp_path, rows, name="log.xlsx"):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("工单")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def local(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, SHANGHAI).replace(tzinfo=None)


def test_excel_serial_times_are_read_as_the_export_meant_them(tmp_path):
    path = workbook(tmp_path, [["T1", "派单", 45423.4375, "区住房和城乡建设局"],
                               ["T2", "派单", "45423.75", "区住房和城乡建设局"]])
    data = read_logs([str(path)], SHANGHAI)
    assert [local(e.at) for e in data.events] == [datetime(2024, 5, 11, 10, 30), datetime(2024, 5, 11, 18, 0)]
    assert not data.rejected


def test_excel_serials_in_csv_too_and_a_whole_serial_lacks_its_time(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(",".join(HEADER) + "\nT1,派单,45423.4375,区住房和城乡建设局\nT2,派单,45423,区住房和城乡建设局\n",
                    encoding="utf-8")
    data = read_logs([str(path)], SHANGHAI)
    assert [local(e.at) for e in data.events] == [datetime(2024, 5, 11, 10, 30)]
    assert [r.line for r in data.rejected] == [3] and "no time of day" in data.rejected[0].reason


def test_a_stray_cell_in_column_xfd_is_not_read_and_costs_nothing(tmp_path):
    rows = [["T%d" % i, "派单", 45423.4375, "区住房和城乡建设局"] for i in range(3000)]
    rows.insert(1500, [None] * 16383 + ["x"])
    path = workbook(tmp_path, rows)
    started = time.monotonic()
    data = read_logs([str(path)], SHANGHAI)
    assert time.monotonic() - started < 10
    assert len(data.events) == 3000 and not data.rejected


def test_a_header_wider_than_the_bound_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("HOTLINE_CHECK_LIMIT_XLSX_COLUMNS", "3")
    path = workbook(tmp_path, [["T1", "派单", 45423.4375, "区住房和城乡建设局"]])
    with pytest.raises(CheckerError) as raised:
        read_logs([str(path)], SHANGHAI)
    assert "表头超过 3 列" in raised.value.message and raised.value.file == str(path)


@pytest.mark.parametrize("damage", ["truncate_sheet", "garbage_sheet", "drop_styles", "garbage_workbook"])
def test_a_damaged_part_is_one_error_naming_the_file(tmp_path, damage):
    good = workbook(tmp_path, [["T1", "派单", 45423.4375, "区住房和城乡建设局"]] * 50)
    source = zipfile.ZipFile(good)
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                if damage == "truncate_sheet":
                    content = content[: len(content) // 2]
                elif damage == "garbage_sheet":
                    content = b"<worksheet><sheetData><row r='x'><c r='??' t='n'><v>zz</v></c>"
            if damage == "drop_styles" and item.filename == "xl/styles.xml":
                content = b"<styleSheet"
            if damage == "garbage_workbook" and item.filename == "xl/workbook.xml":
                content = b"\x00\x01not xml"
            target.writestr(item, content)
    path = tmp_path / "broken.xlsx"
    path.write_bytes(broken.getvalue())
    try:
        data = read_logs([str(path)], SHANGHAI)
    except CheckerError as error:
        assert error.file == str(path) and ("损坏" in error.message or "XLSX" in error.message)
    else:
        assert data.rows == len(data.events) + len(data.rejected)
