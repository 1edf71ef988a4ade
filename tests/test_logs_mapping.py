"""Mapping files: validated with their line numbers, and enough to adapt an export."""

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from checker.errors import CheckerError
from checker.logs import load_mapping, read_logs

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = ZoneInfo("Asia/Shanghai")


def write(tmp_path, text, name="mapping.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("path", sorted((ROOT / "rules" / "mappings").glob("*.yaml")))
def test_shipped_mappings_are_valid(path):
    mapping = load_mapping(str(path))
    assert mapping.id == path.stem


def test_an_unknown_event_is_reported_at_its_line(tmp_path):
    path = write(tmp_path, "id: broken\n"
                           "layout: wide\n"
                           "columns: {工单编号: ticket_id}\n"
                           "events:\n"
                           "  - column: 派单时间\n"
                           "    event: dispatch\n")
    with pytest.raises(CheckerError) as error:
        load_mapping(path)
    assert (error.value.file, error.value.line) == (path, 6)
    assert "dispatch" in error.value.message


def test_an_unknown_canonical_column_is_reported_at_its_line(tmp_path):
    path = write(tmp_path, "id: broken\nlayout: long\ncolumns:\n  工单编号: ticket_id\n  单位: department\n")
    with pytest.raises(CheckerError) as error:
        load_mapping(path)
    assert error.value.line == 5 and "department" in error.value.message


def test_a_vocabulary_value_must_be_canonical(tmp_path):
    path = write(tmp_path, "id: broken\nlayout: long\nvalues:\n  satisfaction:\n    很好: happy\n")
    with pytest.raises(CheckerError) as error:
        load_mapping(path)
    assert error.value.line == 5


def test_yaml_mistakes_and_duplicate_keys_carry_their_line(tmp_path):
    with pytest.raises(CheckerError) as error:
        load_mapping(write(tmp_path, "id: x\nlayout: long\ncolumns:\n  事件: event\n  事件: at\n"))
    assert error.value.line == 5 and "重复的键“事件”" in error.value.message
    with pytest.raises(CheckerError) as error:
        load_mapping(write(tmp_path, "id: x\nlayout: [long\n", "syntax.yaml"))
    assert error.value.line is not None


def test_wide_needs_events_and_a_ticket_column(tmp_path):
    with pytest.raises(CheckerError, match="events"):
        load_mapping(write(tmp_path, "id: x\nlayout: wide\ncolumns: {编号: ticket_id}\n"))
    with pytest.raises(CheckerError, match="ticket_id") as error:
        load_mapping(write(tmp_path, "id: x\nlayout: wide\ncolumns: {单位: unit}\n"
                                     "events: [{column: 派单时间, event: dispatched}]\n", "b.yaml"))
    assert error.value.line == 3


def test_an_unknown_encoding_is_refused(tmp_path):
    with pytest.raises(CheckerError, match="encoding") as error:
        load_mapping(write(tmp_path, "id: x\nlayout: long\nencoding: gbk2000\n"))
    assert error.value.line == 3


def test_a_missing_mapping_file_is_named(tmp_path):
    missing = str(tmp_path / "none.yaml")
    with pytest.raises(CheckerError) as error:
        load_mapping(missing)
    assert error.value.file == missing


def test_a_new_platform_is_adapted_by_a_mapping_alone(tmp_path):
    """A wide CSV export with other headers, its own words and date form: no Python."""
    mapping = load_mapping(write(tmp_path, """\
id: other-platform
layout: wide
columns: {单号: ticket_id, 类别: category}
values:
  satisfaction:
    很满意: satisfied
    还行: {value: basically_satisfied, reason: 本平台回访只有很满意、还行、不满意三档}
  resolved: {解决: true, 未解决: false}
timestamp_formats: ["%Y.%m.%d %H:%M"]
events:
  - {column: 转办时间, event: dispatched, fields: {unit: 单位}}
  - {column: 回访日期, event: visited, fields: {satisfaction: 评价, resolved: 结果}}
  - {column: 归档时间, event: closed, set: {outcome: archived, actor: office}}
"""))
    log = tmp_path / "export.csv"
    log.write_text("单号,类别,单位,转办时间,回访日期,评价,结果,归档时间\n"
                   "A1,供水,区供水公司,2024.05.06 09:05,2024.05.07 10:00,还行,解决,\n"
                   ",供电,,2024.05.06 10:00,,,,\n"
                   "A3,供水,区供水公司,2024.05.06 09:05,2024.05.07 10:00,很好,解决,2024.05.08 09:00\n",
                   encoding="utf-8")
    data = read_logs([str(log)], SHANGHAI, mapping)
    assert [(e.ticket_id, e.event, e.line) for e in data.events] == [
        ("A1", "dispatched", 2), ("A1", "visited", 2), ("A3", "dispatched", 4), ("A3", "closed", 4)]
    assert data.events[1].satisfaction == "basically_satisfied" and data.events[1].resolved is True
    assert data.events[3].outcome == "archived" and data.events[3].actor == "office"
    assert all(e.category == "供水" for e in data.events)
    assert [(r.line, r.reason) for r in data.rejected] == [
        (3, "missing ticket_id"), (4, "satisfaction: unknown value '很好' (add it under values.satisfaction of the mapping)")]
    assert data.rows == 6


def test_a_wide_export_missing_a_time_column_is_refused(tmp_path):
    mapping = load_mapping(str(ROOT / "rules" / "mappings" / "platform-wide-zh.yaml"))
    log = tmp_path / "export.csv"
    log.write_text("工单编号,诉求类别,紧急程度,受理时间,派单时间,承办单位\n"
                   "A1,供水,一般,2024-05-06 09:00,2024-05-06 09:05,区水利局\n", encoding="utf-8")
    with pytest.raises(CheckerError) as error:
        read_logs([str(log)], SHANGHAI, mapping)
    assert error.value.file == str(log) and "签收时间" in error.value.message


def test_wide_mappings_do_not_apply_to_json_lines(tmp_path):
    mapping = load_mapping(str(ROOT / "rules" / "mappings" / "platform-wide-zh.yaml"))
    log = tmp_path / "log.jsonl"
    log.write_text("{}\n", encoding="utf-8")
    with pytest.raises(CheckerError, match="wide"):
        read_logs([str(log)], SHANGHAI, mapping)


def test_an_unexpected_key_is_reported_at_that_key(tmp_path):
    with pytest.raises(CheckerError) as error:
        load_mapping(write(tmp_path, "id: x\nlayout: long\nsheets: 工单\n"))
    assert error.value.line == 3 and "sheets" in error.value.message
