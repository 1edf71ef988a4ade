"""CSV logs: the three encodings of Excel exports, Chinese headers and values, and every
rejected row reported with its physical line."""

import csv
import io
import random
import shutil
from dataclasses import astuple
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from checker.errors import CheckerError
from checker.logs import load_mapping, localize_reason, read_logs

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "fixtures" / "logs"
LONG_ZH = ROOT / "rules" / "mappings" / "long-zh.yaml"
SHANGHAI = ZoneInfo("Asia/Shanghai")
ENCODED = ["long-utf8.csv", "long-utf8-bom.csv", "long-gb18030.csv"]


def beijing(*parts) -> int:
    return int(datetime(*parts, tzinfo=timezone(timedelta(hours=8))).timestamp())


def without_origin(event):
    """An event's content, without the file it came from."""
    event_tuple = astuple(event)
    return event_tuple[:4] + event_tuple[6:]


@pytest.fixture(scope="module")
def long_zh():
    return load_mapping(str(LONG_ZH))


@pytest.mark.parametrize("name", ENCODED)
def test_every_row_is_an_event_or_a_rejection(name, long_zh):
    data = read_logs([str(LOGS / name)], SHANGHAI, long_zh)
    assert data.rows == len(data.events) + len(data.rejected) == 29
    assert len(data.rejected) == 9
    assert data.sources == [str(LOGS / name)]


def test_the_three_encodings_read_the_same(long_zh):
    results = [read_logs([str(LOGS / name)], SHANGHAI, long_zh) for name in ENCODED]
    contents = [[without_origin(event) for event in data.events] for data in results]
    assert contents[0] == contents[1] == contents[2]
    lines = [[(item.line, item.reason) for item in data.rejected] for data in results]
    assert lines[0] == lines[1] == lines[2]


def test_chinese_headers_are_recognised_without_naming_the_mapping(long_zh):
    named = read_logs([str(LOGS / "long-gb18030.csv")], SHANGHAI, long_zh)
    guessed = read_logs([str(LOGS / "long-gb18030.csv")], SHANGHAI)
    assert [astuple(e) for e in named.events] == [astuple(e) for e in guessed.events]


def test_chinese_event_names_and_values_become_the_canonical_ones(long_zh):
    events = read_logs([str(LOGS / "long-gb18030.csv")], SHANGHAI, long_zh).events
    first = [e for e in events if e.ticket_id == "NZ240511001"]
    assert [e.event for e in first] == ["received", "dispatched", "accepted", "citizen_contacted",
                                        "feedback", "visited", "closed"]
    received, dispatched, accepted, contacted, feedback, visited, closed = first
    assert received.actor == "office" and received.channel == "phone"
    assert dispatched.unit == "区住房和城乡建设局" and dispatched.category == "住房-物业服务"
    assert dispatched.at == beijing(2024, 5, 11, 10, 0)
    assert accepted.at == beijing(2024, 5, 11, 10, 40)            # 2024/05/11 10:40
    assert contacted.at == beijing(2024, 5, 11, 11, 0)            # with +08:00
    assert contacted.note == "已电话联系\n约定次日上门"             # a cell over two lines
    assert feedback.at == beijing(2024, 5, 13, 16, 0)             # 2024年05月13日 16:00 (mapping)
    assert (visited.resolved, visited.satisfaction) == (True, "satisfied")
    assert closed.outcome == "handled"

    second = [e for e in events if e.ticket_id == "NZ240511002"]
    assert second[0].urgent is True and second[0].category == "供水-停水"
    assert second[1].at == beijing(2024, 5, 11, 22, 50, 30)
    approved = second[3]
    assert approved.event == "extension_approved" and approved.actor == "office"
    assert approved.promised_at == beijing(2024, 5, 14, 18, 0)
    assert (second[6].resolved, second[6].satisfaction) == (False, "unsatisfied")
    assert second[7].event == "returned"

    third = [e for e in events if e.ticket_id == "NZ240511003"]
    assert third[0].deadline_class == "emergency" and third[0].key_category == "work_safety"
    assert [e.event for e in third] == ["dispatched", "head_notified", "accepted", "coordinated",
                                        "feedback"]


def test_each_rejection_names_its_physical_line(long_zh):
    # Line 1 is the header; the note of line 5 runs onto line 6; line 18 is blank.
    data = read_logs([str(LOGS / "long-utf8.csv")], SHANGHAI, long_zh)
    assert [(r.line, r.reason) for r in data.rejected] == [
        (24, "missing ticket_id"),
        (25, "unknown event '打电话' (add it under values.event of the mapping)"),
        (26, "unparseable timestamp '2024-02-30 10:00'"),
        (27, "dispatched without unit"),
        (28, "visited without satisfaction"),
        (29, "satisfaction: unknown value '很好' (add it under values.satisfaction of the mapping)"),
        (30, "promised_at: unparseable timestamp '明天'"),
        (31, "unparseable timestamp '2024-05-12 25:00'"),
        (32, "urgent: unknown value '也许' (add it under values.urgent of the mapping)"),
    ]
    assert all(r.sheet is None and r.source == str(LOGS / "long-utf8.csv") for r in data.rejected)
    lines = [e.line for e in data.events]
    assert lines[:6] == [2, 3, 4, 5, 7, 8]
    assert 18 not in lines and 19 in lines


def test_rejection_reasons_read_in_chinese():
    assert localize_reason("dispatched without unit") == "“派单”缺少承办单位（unit）"
    assert localize_reason("promised_at: unparseable timestamp '明天'") == \
        "承诺时间（promised_at）：无法识别的时间“明天”"
    assert localize_reason("satisfaction: unknown value '很好' (add it under values.satisfaction of the mapping)") == "满意度：未知取值“很好”（请在映射文件的 values.satisfaction 下添加）"
    assert localize_reason("missing ticket_id", "en") == "missing ticket_id"


def test_shuffled_rows_give_the_same_events(tmp_path, long_zh):
    text = (LOGS / "long-utf8.csv").read_bytes().decode("utf-8")
    header, body = text.split("\r\n", 1)
    # Shuffle whole records (the quoted two-line note stays one record).

    records = [row for row in csv.reader(io.StringIO(body, newline="")) if row]
    random.Random(7).shuffle(records)
    out = io.StringIO(newline="")
    out.write(header + "\r\n")
    csv.writer(out, lineterminator="\r\n").writerows(records)
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text(out.getvalue(), encoding="utf-8")

    def content(data):
        return sorted((e.ticket_id, e.at, e.event, e.unit, e.satisfaction, e.promised_at, e.note)
                      for e in data.events)
    original = read_logs([str(LOGS / "long-utf8.csv")], SHANGHAI, long_zh)
    again = read_logs([str(shuffled)], SHANGHAI, long_zh)
    assert content(again) == content(original)
    assert sorted(r.reason for r in again.rejected) == sorted(r.reason for r in original.rejected)


def test_seq_runs_across_files_and_rows_add_up(long_zh):
    paths = [str(LOGS / "long-utf8.csv"), str(LOGS / "long-utf8-bom.csv")]
    data = read_logs(paths, SHANGHAI, long_zh)
    assert data.rows == 58 == len(data.events) + len(data.rejected)
    seqs = [e.seq for e in data.events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert {e.source for e in data.events} == set(paths)
    assert data.sources == paths


def test_canonical_english_headers_need_no_mapping(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("Ticket_ID,event,at,unit,Extra\n"
                   "T1,dispatched,2024-05-11 10:00,汉山街道,ignored\n"
                   "T1,accepted, 2024-05-11 10:30 ,,\n"
                   "\n"
                   "T1,feedback,,,\n", encoding="utf-8")
    data = read_logs([str(log)], SHANGHAI)
    assert [(e.event, e.line) for e in data.events] == [("dispatched", 2), ("accepted", 3)]
    assert data.events[1].at == beijing(2024, 5, 11, 10, 30)
    assert data.events[1].unit is None                      # an empty cell is absent
    assert [(r.line, r.reason) for r in data.rejected] == [(5, "missing timestamp (at)")]
    assert data.rows == 3


def test_progress_is_reported(tmp_path):
    log = tmp_path / "big.csv"
    lines = ["ticket_id,event,at"] + [f"T{i},received,2024-05-11 10:00" for i in range(25_000)]
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = []
    data = read_logs([str(log)], SHANGHAI, progress=seen.append)
    assert seen[:2] == [10_000, 20_000] and seen[-1] == 25_000 == data.rows


def test_a_missing_file_is_named(tmp_path):
    missing = str(tmp_path / "nowhere.csv")
    with pytest.raises(CheckerError) as error:
        read_logs([missing], SHANGHAI)
    assert error.value.file == missing and "找不到该文件" in str(error.value)


def test_an_unsupported_extension_is_named(tmp_path):
    log = tmp_path / "log.xls"
    log.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CheckerError) as error:
        read_logs([str(log)], SHANGHAI)
    assert error.value.file == str(log) and ".xls" in error.value.message


def test_a_header_without_the_required_columns_is_refused(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("工单号,动作\nT1,派单\n", encoding="utf-8")
    with pytest.raises(CheckerError) as error:
        read_logs([str(log)], SHANGHAI)
    assert error.value.file == str(log)
    assert "ticket_id" in error.value.message and "event" in error.value.message


def test_an_empty_file_is_refused(tmp_path):
    log = tmp_path / "empty.csv"
    log.write_text("", encoding="utf-8")
    with pytest.raises(CheckerError, match="empty"):
        read_logs([str(log)], SHANGHAI)


def test_a_mapping_encoding_overrides_detection(tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("id: forced\nlayout: long\nencoding: gb18030\n"
                       "columns: {工单编号: ticket_id, 事件: event, 时间: at}\n", encoding="utf-8")
    log = tmp_path / "log.csv"
    shutil.copy(LOGS / "long-gb18030.csv", log)
    data = read_logs([str(log)], SHANGHAI, load_mapping(str(mapping)))
    assert data.events[0].event == "received" and data.rows == 29


def test_a_line_in_no_known_encoding_is_rejected_at_its_line_and_the_rest_read(tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes("ticket_id,event,at\nT1,received,2024-05-11 10:00\n".encode("utf-8")
                    + b"T2,received,2024-05-11 10:00,\x80\x20\n"
                    + "T3,received,2024-05-11 11:00\n".encode("utf-8"))
    data = read_logs([str(log)], SHANGHAI)
    assert data.rows == 3 and [e.ticket_id for e in data.events] == ["T1", "T3"]
    [rejected] = data.rejected
    assert rejected.line == 3 and "gb18030" in rejected.reason


def test_gb18030_is_chosen_only_when_utf8_fails(tmp_path):
    from checker.logs.encoding import detect_encoding
    text = "工单编号,事件,时间\n"
    (tmp_path / "a.csv").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.csv").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "c.csv").write_bytes(text.encode("gb18030"))
    assert [detect_encoding(str(tmp_path / n)) for n in ("a.csv", "b.csv", "c.csv")] == \
        ["utf-8", "utf-8-sig", "gb18030"]
