"""The wide Chinese platform export (one row per ticket) read from XLSX."""

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from checker.errors import CheckerError
from checker.logs import load_mapping, read_logs

ROOT = Path(__file__).resolve().parent.parent
WIDE = ROOT / "fixtures" / "logs" / "wide-sample.xlsx"
WIDE_MAPPING = ROOT / "rules" / "mappings" / "platform-wide-zh.yaml"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def beijing(*parts) -> int:
    return int(datetime(*parts, tzinfo=timezone(timedelta(hours=8))).timestamp())


@pytest.fixture(scope="module")
def wide():
    return read_logs([str(WIDE)], SHANGHAI, load_mapping(str(WIDE_MAPPING)))


def by_ticket(data, ticket_id):
    return [e for e in data.events if e.ticket_id == ticket_id]


def test_each_time_cell_is_one_row(wide):
    # 13 spreadsheet rows; every non-empty time cell is a potential event.
    assert wide.rows == len(wide.events) + len(wide.rejected) == 69
    assert len({e.ticket_id for e in wide.events}) == 12


def test_a_complete_ticket_gives_its_seven_events(wide):
    events = by_ticket(wide, "NZ240506001")
    assert [e.event for e in events] == ["received", "dispatched", "accepted", "citizen_contacted",
                                         "feedback", "visited", "closed"]
    assert [e.at for e in events] == [beijing(2024, 5, 6, 9, 2), beijing(2024, 5, 6, 9, 5),
                                      beijing(2024, 5, 6, 9, 40), beijing(2024, 5, 6, 9, 50),
                                      beijing(2024, 5, 6, 15, 0), beijing(2024, 5, 7, 10, 0),
                                      beijing(2024, 5, 7, 10, 30)]
    assert all(e.line == 3 and e.category == "供水-停水" and e.urgent is True for e in events)
    assert all(e.channel == "phone" for e in events)
    received, dispatched, accepted, _, _, visited, closed = events
    assert dispatched.unit == accepted.unit == "区供水公司"
    assert received.actor == dispatched.actor == visited.actor == "office"
    assert (visited.satisfaction, visited.resolved) == ("satisfied", True)
    assert closed.outcome == "handled"


def test_empty_time_cells_are_steps_not_taken(wide):
    assert [e.event for e in by_ticket(wide, "NZ240509002")] == ["received", "dispatched"]
    open_ticket = by_ticket(wide, "NZ240506003")
    assert [e.event for e in open_ticket][-1] == "feedback"
    assert open_ticket[0].urgent is True and open_ticket[0].channel == "leader_day"   # 特急, 领导接线
    assert open_ticket[0].note == "夜间派单"


def test_text_time_cells_and_the_mapping_vocabulary(wide):
    typed = by_ticket(wide, "NZ240506004")
    assert typed[0].at == beijing(2024, 5, 6, 9, 40)    # 2024年05月06日 09:40 (mapping format)
    assert typed[1].at == beijing(2024, 5, 6, 10, 0)    # 2024-05-06 10:00 as text
    assert typed[0].urgent is False                     # 一般
    unhappy = by_ticket(wide, "NZ240507001")
    visit = [e for e in unhappy if e.event == "visited"][0]
    assert (visit.satisfaction, visit.resolved) == ("unsatisfied", False)
    assert by_ticket(wide, "NZ240507002")[5].satisfaction == "satisfied"       # 非常满意
    archived = by_ticket(wide, "NZ240508002")[-1]
    assert archived.event == "closed" and archived.outcome == "archived"      # 办结归档


def test_rejections_name_sheet_and_row(wide):
    assert [(r.sheet, r.line, r.reason) for r in wide.rejected] == [
        ("工单明细", 9, "missing ticket_id"),       # no 工单编号: both of its time cells
        ("工单明细", 9, "missing ticket_id"),
        ("工单明细", 11, "visited without satisfaction"),
    ]
    # The rest of the row with the unrecorded visit still counts.
    assert [e.event for e in by_ticket(wide, "NZ240508001")] == [
        "received", "dispatched", "accepted", "citizen_contacted", "feedback"]


def test_the_wide_export_is_recognised_without_naming_the_mapping(wide):
    guessed = read_logs([str(WIDE)], SHANGHAI)
    assert guessed.rows == wide.rows and len(guessed.events) == len(wide.events)


def test_a_long_xlsx_sheet_named_by_the_mapping(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表为工单事件流水"])
    sheet = book.create_sheet("流水")
    sheet.append(["工单编号", "事件", "时间", "承办单位"])
    sheet.append(["T1", "派单", datetime(2024, 5, 11, 10, 0), "汉山街道"])
    sheet.append([None, None, None, None])
    sheet.append(["T1", "签收", datetime(2024, 5, 11, 10, 30, 15, 500000), None])
    sheet.append([1002.0, "派单", datetime(2024, 5, 11, 11, 0), None])
    path = tmp_path / "long.xlsx"
    book.save(path)
    mapping = tmp_path / "m.yaml"
    mapping.write_text("id: ledger\nlayout: long\nsheet: 流水\n"
                       "columns: {工单编号: ticket_id, 事件: event, 时间: at, 承办单位: unit}\n",
                       encoding="utf-8")
    data = read_logs([str(path)], SHANGHAI, load_mapping(str(mapping)))
    assert [(e.event, e.at, e.line) for e in data.events] == [
        ("dispatched", beijing(2024, 5, 11, 10, 0), 2),
        ("accepted", beijing(2024, 5, 11, 10, 30, 15), 4)]
    assert [(r.sheet, r.line, r.reason) for r in data.rejected] == [
        ("流水", 5, "dispatched without unit")]
    assert data.rows == 3

    missing_sheet = tmp_path / "m2.yaml"
    missing_sheet.write_text(mapping.read_text(encoding="utf-8").replace("流水", "工单"),
                             encoding="utf-8")
    with pytest.raises(CheckerError, match="没有工作表“工单”"):
        read_logs([str(path)], SHANGHAI, load_mapping(str(missing_sheet)))


def test_a_file_that_is_not_a_workbook_is_named(tmp_path):
    fake = tmp_path / "export.xlsx"
    fake.write_text("工单编号,事件,时间\n", encoding="utf-8")
    with pytest.raises(CheckerError) as error:
        read_logs([str(fake)], SHANGHAI)
    assert error.value.file == str(fake) and "XLSX" in error.value.message
