"""JSON Lines logs read into columns: the same events, rejections, reasons and lines as the row
reader gives, a line it reads differently from the columns read by its own code, and a file
the columns cannot number alike left to it whole."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polars as pl
import pytest

from checker.columnar import jsonl_columns, reader
from checker.columnar.reader import read_logs_frame
from checker.columnar.table import frame_of_events
from checker.logs import jsonl_reader, read_logs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

# Lines a JSON Lines export may hold beside plain records, each read by the row reader's code.
ODD = [
    '{"ticket_id": "J1", "event": "received", "at": "2024-05-06 09:00", "urgent": true}',
    '{"ticket_id":"J1","event":"dispatched","at":"2024-05-06 09:10","unit":"汉山街道","resolved":1}',
    '{"ticket_id":"J2","event":"received","at":"2024-05-06 09:00","note":{"text":"嵌套"}}',
    '{"Ticket_ID":"J3","Event":"received","at":"2024-05-06 09:00"}',
    '{"ticket_id" : "J4","event":"received","at":"2024-05-06 09:00"}',
    '{"ticket_id":"J5","event":"received","at":"2024-05-06 09:00","at":"2024-05-07 09:00"}',
    '{"ticket_id":"J5","event":"feedback","at":null,"at":"2024-05-07 09:00"}',
    '{"ticket_id":"J6","event":"received","at":"2024-05-06 09:00","note":"\\u5907\\u6ce8\\u0000"}',
    '{"ticket_id":"J6","event":"feedback","at":"2024-05-06 10:00","note":"\\ud800孤"}',
    '{"ticket_id":"J7","event":"received","at":"2024-05-06 09:00","note":"他说\\":\\"好"}',
    '{"ticket_id":"J7","event":"received","at":"2024-05-06 09:00","remark":"多余的键","unit":null}',
    '{"ticket_id":"J8","event":"received","at":" 2024-05-06T09:00:00+08:00 ","channel":""}',
    '{"ticket_id":"J8","event":"teleported","at":"2024-05-06 09:00"}',
    '{"ticket_id":"J9","event":"feedback","at":20240506}',
    '{"ticket_id":"J9","event":"dispatched","at":"2024-05-06 09:00","unit":"区住建局","unit":null}',
    '{"ticket_id":"J9","event":"received","at":"2024-05-06 09:00","Unit":null,"unit":"区住建局"}',
]


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """A generated log as polars writes JSON Lines: every key on every line, null where empty."""
    folder = tmp_path_factory.mktemp("jsonl")
    csv = folder / "log.csv"
    generate.generate(300, csv, first_day=generate.date(2024, 5, 1), days=31, seed=11, shuffle=True)
    jsonl = folder / "log.jsonl"
    pl.read_csv(csv, infer_schema=False).write_ndjson(jsonl)
    return csv, jsonl


def _same(path: Path, tz) -> tuple:
    rows = read_logs([str(path)], tz)
    columns = read_logs_frame([str(path)], tz)
    assert columns.rows == rows.rows, path.name
    assert columns.rejected == rows.rejected, path.name
    assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq")), path.name
    return rows, columns


def test_a_plain_log_is_read_from_the_columns_alone(shanghai, plain, monkeypatch):
    rebuilt = []
    record_of_line = jsonl_columns.record_of_line
    monkeypatch.setattr(jsonl_columns, "record_of_line",
                        lambda *arguments: rebuilt.append(arguments[0]) or record_of_line(*arguments))
    csv, jsonl = plain
    assert reader.read_frame(str(jsonl), shanghai, 0) is not None
    rows, _ = _same(jsonl, shanghai)
    assert rebuilt == [] and len(rows.events) > 2000
    # The same events as the CSV it was written from, one line higher (no header line).
    from_csv = read_logs_frame([str(csv)], shanghai).frame
    assert from_csv.drop("source", "line").equals(
        read_logs_frame([str(jsonl)], shanghai).frame.drop("source", "line"))


@pytest.mark.parametrize("block", [64, 700, 1 << 24])
def test_odd_lines_read_as_the_row_reader_reads_them(shanghai, plain, tmp_path, monkeypatch, block):
    """Numbers, objects, keys of another spelling or spacing, a key given twice, escapes,
    text holding a quote and a colon, an unknown key, a form of instant, an unknown event:
    among plain records, in blocks of a line or two or in one block, each line reads as the row
    reader reads it, and only such lines are read by its code."""
    monkeypatch.setattr(jsonl_columns, "_BLOCK", block)
    rebuilt = []
    record_of_line = jsonl_columns.record_of_line
    monkeypatch.setattr(jsonl_columns, "record_of_line",
                        lambda *arguments: rebuilt.append(arguments[0]) or record_of_line(*arguments))
    lines = plain[1].read_text(encoding="utf-8").splitlines()[:40]
    path = tmp_path / "odd.jsonl"
    path.write_bytes(("\ufeff" + "\n".join(lines[:20] + ODD + lines[20:]) + "\r\n").encode("utf-8"))
    assert reader.read_frame(str(path), shanghai, 0) is not None
    rows, _ = _same(path, shanghai)
    assert len(rows.rejected) == 3 and len(rows.events) >= 50
    odd_lines = range(21, 21 + len(ODD))
    assert set(rebuilt) <= set(odd_lines) and len(rebuilt) >= len(ODD) - 3


def test_a_key_given_twice_keeps_its_first_value(shanghai, tmp_path):
    path = tmp_path / "twice.jsonl"
    path.write_text('{"ticket_id":"J1","event":"received","at":"2024-05-06 09:00",'
                    '"at":"2024-05-09 09:00","channel":"web","channel":null}\n', encoding="utf-8")
    for log in (read_logs([str(path)], shanghai), read_logs_frame([str(path)], shanghai)):
        (event,) = log.events
        assert (event.at, event.channel) == (1714957200, "web")       # 6 May 2024, 09:00 +08:00


_RECORD = b'{"ticket_id":"J1","event":"received","at":"2024-05-06 09:00"}\n'


@pytest.mark.parametrize("data", [_RECORD + b"\n" + _RECORD, _RECORD + b'{"ticket_id":"J2",\n' + _RECORD,
                                  _RECORD + b"[1, 2]\n" + _RECORD, _RECORD + b'{"note":"\xff"}\n' + _RECORD,
                                  _RECORD + '{"note":"制\t表"}\n'.encode("utf-8") + _RECORD])
def test_a_file_the_columns_cannot_number_alike_is_the_row_readers(shanghai, tmp_path, data):
    """A blank line (skipped, so the native parser's rows and the file's lines part ways), a
    line that is not JSON, not an object, not UTF-8, a raw tab in a text: the whole file is read by the row reader,
    which rejects that line with its reason and reads the rest."""
    path = tmp_path / "odd.jsonl"
    path.write_bytes(data)
    assert reader.read_frame(str(path), shanghai, 0) is None
    rows, _ = _same(path, shanghai)
    assert len(rows.events) == 2


def test_findings_the_same_from_json_lines_as_from_csv(run_cli, plain):
    found = []
    for path in plain:
        status, out, err = run_cli("audit", str(path), "--format", "json")
        assert status == 1, err
        found.append([{key: value for key, value in finding.items() if key not in ("source", "line")}
                      for finding in json.loads(out)["findings"]])
    assert found[0] and found[0] == found[1]


def test_the_row_reader_reads_a_key_twice_as_json_lines_readers_differ_on_it():
    """JSON leaves a repeated key open; both readers keep its first value."""
    assert jsonl_reader.record_of_line(1, b'{"a": 1, "a": 2, "b": {"c": 3, "c": 4}}\n', 10) == \
        {"a": 1, "b": {"c": 3}}
    assert jsonl_reader.record_of_line(2, b"  \n", 10) is None
