"""Broken and hostile logs lose nothing silently: the one bad row is rejected at its true
line and every other row is read; a file that is not text is refused as a whole, by name."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from checker.errors import CheckerError
from checker.logs import localize_reason, read_logs

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2024-05.csv"

SHANGHAI = ZoneInfo("Asia/Shanghai")
HEADER = "工单编号,事件,时间,承办单位,备注\n"


def row(ticket: str, note: str = "", at: str = "2024-05-11 10:00") -> str:
    return f"{ticket},派单,{at},区住房和城乡建设局,{note}\n"


def read(tmp_path, data: bytes | str, name: str = "log.csv"):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    result = read_logs([str(path)], SHANGHAI)
    assert result.rows == len(result.events) + len(result.rejected)
    return result


def test_an_unbalanced_quote_rejects_its_row_and_swallows_nothing(tmp_path):
    text = HEADER + row("T1") + row("T2", '"群众说门坏了') + "".join(row(f"T{i}") for i in range(3, 40))
    data = read(tmp_path, text)
    assert [r.line for r in data.rejected] == [3]
    assert "unbalanced quote" in data.rejected[0].reason
    assert "引号未闭合" in localize_reason(data.rejected[0].reason)
    assert [e.ticket_id for e in data.events] == ["T1"] + [f"T{i}" for i in range(3, 40)]


def test_an_unbalanced_quote_does_not_swallow_a_quoted_note_of_the_next_row(tmp_path):
    text = HEADER + row("T1", '"opened by mistake') + row("T2", '"第一行\n第二行"') + row("T3")
    data = read(tmp_path, text)
    assert [(e.ticket_id, e.note) for e in data.events] == [("T2", "第一行\n第二行"), ("T3", None)]
    assert [r.line for r in data.rejected] == [2]


def test_an_unbalanced_quote_on_the_last_row(tmp_path):
    data = read(tmp_path, HEADER + row("T1") + row("T2", '"never closed'))
    assert [e.ticket_id for e in data.events] == ["T1"]
    assert [(r.line, "end of the file" in r.reason) for r in data.rejected] == [(3, True)]


def test_a_quoted_note_over_several_lines_is_still_one_row(tmp_path):
    text = HEADER + row("T1", '"第一行\n第二行，含逗号\n第三行"') + row("T2")
    data = read(tmp_path, text)
    assert [e.note for e in data.events] == ["第一行\n第二行，含逗号\n第三行", None]
    assert [e.line for e in data.events] == [2, 5]


def test_a_quoted_first_column_over_several_lines_is_still_one_row(tmp_path):
    """Its last line holds the rest of the row, as many cells as a row: still the end of the
    quoted cell, not a row of its own (the quote inside its first cell closes the cell)."""
    header = "备注,工单编号,事件,时间,承办单位\n"
    text = header + '"第一行\n第二行",T1,派单,2024-05-11 10:00,区住房和城乡建设局\n' \
        + '"",T2,派单,2024-05-11 10:00,区住房和城乡建设局\n'
    data = read(tmp_path, text)
    assert data.rejected == []
    assert [(e.ticket_id, e.note, e.line) for e in data.events] == [("T1", "第一行\n第二行", 2),
                                                                    ("T2", None, 4)]


def test_a_quote_in_the_middle_of_a_cell_is_malformed_only_that_row(tmp_path):
    data = read(tmp_path, HEADER + row("T1", '"a"b') + row("T2"))
    assert [e.ticket_id for e in data.events] == ["T2"]
    assert [r.line for r in data.rejected] == [2]


def test_an_undecodable_line_is_rejected_at_its_true_line(tmp_path):
    raw = (HEADER + row("T1", "电话已联系")).encode("utf-8") + b"T2,\xff\xfe\x80,2024-05-11 10:00,x,\n" \
        + "".join(row(f"T{i}", "已办结") for i in range(3, 30)).encode("utf-8")
    data = read(tmp_path, raw)
    assert [r.line for r in data.rejected] == [3]
    assert "utf-8" in data.rejected[0].reason
    assert len(data.events) == 28 and data.events[0].note == "电话已联系"


def test_nul_and_escape_characters_are_replaced_not_fatal(tmp_path):
    data = read(tmp_path, HEADER + row("T\x1b[2J1", "a\x00b\ufffe"))
    [event] = data.events
    assert event.ticket_id == "T\ufffd[2J1" and event.note == "a\ufffdb\ufffd"


@pytest.mark.parametrize("head, what", [(b"PK\x03\x04rest", "XLSX"), (b"%PDF-1.7", "PDF"),
                                        (b"\xff\xfeT\x001\x00", "UTF-16"), (b"abc\x00\x00def", "NUL")])
def test_a_file_that_is_not_text_is_refused_by_name(tmp_path, head, what):
    path = tmp_path / "log.csv"
    path.write_bytes(head + b"\n" * 3)
    with pytest.raises(CheckerError) as raised:
        read_logs([str(path)], SHANGHAI)
    assert raised.value.file == str(path) and "不是文本文件" in raised.value.message
    assert what in raised.value.message


@pytest.mark.parametrize("at", ["9999-12-31 23:59:59-12:00", "0001-01-01 00:00+14:00", "2204-05-11 10:00",
                                "9999-12-31 24:00"])
def test_instants_outside_the_supported_range_are_rejected_per_row(tmp_path, at):
    data = read(tmp_path, HEADER + row("T1") + row("T2", at=at) + row("T3"))
    assert [e.ticket_id for e in data.events] == ["T1", "T3"]
    assert [r.line for r in data.rejected] == [3] and "supported range" in data.rejected[0].reason


def jsonl(tmp_path, lines: list[str]):
    return read(tmp_path, "\n".join(lines) + "\n", "log.jsonl")


def record(ticket: str, **extra) -> str:
    return json.dumps({"ticket_id": ticket, "event": "dispatched", "at": "2024-05-11 10:00",
                       "unit": "区住房和城乡建设局", **extra}, ensure_ascii=False)


def test_json_nested_a_thousand_deep_is_one_rejected_line(tmp_path):
    deep = '{"ticket_id": "T2", "x": ' + "[" * 1000 + "]" * 1000 + "}"
    data = jsonl(tmp_path, [record("T1"), deep, "[" * 100_000, record("T3")])
    assert [e.ticket_id for e in data.events] == ["T1", "T3"]
    assert [r.line for r in data.rejected] == [2, 3]
    assert "nested deeper" in data.rejected[0].reason


def test_lone_surrogates_in_json_lines_are_replaced_per_row(tmp_path):
    escaped = record("T1", note="NOTE").replace("NOTE", "\\ud800坏")    # the escape as written
    data = jsonl(tmp_path, [escaped, record("T2")])
    assert [e.ticket_id for e in data.events] == ["T1", "T2"]
    assert data.events[0].note == "\ufffd坏"
    data.events[0].note.encode("utf-8")


def test_a_json_line_that_is_not_utf8_is_rejected_and_the_rest_read(tmp_path):
    raw = (record("T1") + "\n").encode() + b'{"ticket_id": "\xff"}\n' + (record("T3") + "\n").encode()
    data = read(tmp_path, raw, "log.jsonl")
    assert [e.ticket_id for e in data.events] == ["T1", "T3"] and data.rejected[0].line == 2


@pytest.mark.parametrize("first_line", [b"ticket_id,event\rnote,at\n", b"\x8f\x13\r\x00\xfe,\xff\r\x81\n"])
def test_a_first_line_the_csv_module_refuses_is_reported_not_an_internal_error(run_cli, tmp_path, first_line):
    """A carriage return inside the first line (a binary file saved as .csv, a broken export):
    the audit names the file and what its header lacks, in Chinese, not an internal error."""
    path = tmp_path / "broken.csv"
    path.write_bytes(first_line + b"A,received,2024-05-06 09:00\n")
    status, _, err = run_cli("audit", str(path))
    assert status == 2 and "broken.csv" in err
    assert "内部错误" not in err and "Traceback" not in err and "new-line" not in err


def test_a_panic_in_the_native_parser_leaves_the_file_to_the_row_readers(run_cli, monkeypatch):
    """polars reports some failures as a panic, which is not an Exception: the file is then
    read by the row readers, with the same findings."""
    import polars as pl
    status, expected, _ = run_cli("audit", str(SAMPLE), "--format", "json")

    def panics(*arguments, **options):
        raise pl.exceptions.PanicException("the parser panicked")

    monkeypatch.setattr(pl, "read_csv", panics)
    again, out, err = run_cli("audit", str(SAMPLE), "--format", "json")
    assert (again, out) == (status, expected) and status == 1, err


def test_a_panic_anywhere_is_one_line_not_a_traceback(run_cli, monkeypatch):
    import polars as pl

    from checker.cli import audit_cmd

    def panics(*arguments, **options):
        raise pl.exceptions.PanicException("index out of bounds")

    monkeypatch.setattr(audit_cmd, "run_audit", panics)
    status, out, err = run_cli("audit", str(SAMPLE))
    assert status == 2 and out == ""
    assert err.strip() == "hotline-check: 内部错误：PanicException: index out of bounds"
