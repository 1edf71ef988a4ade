"""Logs read into columns: the same events and the same rejected rows, with the same reasons
and lines, as the row readers give; Parquet and GB18030 read alike; findings the same
whatever the file format."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polars as pl
import pytest

from checker.columnar.reader import read_logs_frame
from checker.columnar.table import frame_of_events
from checker.logs import read_logs
from checker.ruleset import load_ruleset

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

BROKEN = [
    "X1,派单,2024-05-06 09:00,汉山街道,office,,,,,,,,,,",           # Chinese event name
    "X1,Accepted,2024-05-06 09:10,,汉山街道,,,,,,,,,,",            # not the vocabulary's case
    "X1,teleported,2024-05-06 09:20,,,,,,,,,,,,",                  # unknown event
    "X1,feedback,2024-13-06 09:20,,,,,,,,,,,,",                    # impossible date
    "X1,feedback,2300-01-06 09:20,,,,,,,,,,,,",                    # outside the accepted years
    "X2,dispatched,2024-05-06 09:00,,office,,,,,,,,,,",            # dispatch without unit
    "X2,visited,2024-05-07 09:00,,,,,,,,,,,,",                     # visit without answers
    "X2,visited,2024-05-07 09:00,,,,,,,否,不满意,,,,",                # answers in Chinese
    ",feedback,2024-05-07 09:00,,,,,,,,,,,,",                      # no ticket
    "X3,feedback,2024/05/07 09:00,,,,,,,,,,,,",                    # another accepted form
    "X3,feedback,2024-05-07 09:00,,,,,maybe,,,,,,,",               # unknown value
    "X3,extension_approved,2024-05-07 09:00,,office,,,,,,,soon,,,",  # bad promised time
    "X3,feedback,2024-05-07 09:00,,,,,,,,,,,,备注\x07响铃",          # a control character
    "  X4 , dispatched ,2024-05-06 09:00 , 区住建局 ,,,,,,,,,,,",      # spaces around cells
]


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reader")
    csv = folder / "log.csv"
    generate.generate(400, csv, first_day=generate.date(2024, 5, 1), days=31, seed=7, shuffle=True)
    text = csv.read_text(encoding="utf-8").rstrip("\n").split("\n")
    text[5:5] = BROKEN
    csv.write_text("\n".join(text) + "\n", encoding="utf-8")
    gb = folder / "log-gb.csv"
    gb.write_bytes(csv.read_text(encoding="utf-8").encode("gb18030"))
    parquet = folder / "log.parquet"
    pl.read_csv(csv, infer_schema=False).write_parquet(parquet)
    return csv, gb, parquet


def test_the_same_events_and_rejections_as_the_row_readers(rules, logs):
    csv, gb, _ = logs
    for path in (csv, gb):
        rows = read_logs([str(path)], rules.tz)
        columns = read_logs_frame([str(path)], rules.tz)
        assert columns.rows == rows.rows
        assert columns.rejected == rows.rejected and len(rows.rejected) >= 8
        assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq"))


def test_a_utf8_file_with_one_gb18030_line_reads_as_the_row_readers_read_it(rules, tmp_path):
    mixed = tmp_path / "mixed.csv"
    lines = "ticket_id,event,at,unit\n" + "".join(
        f"T{number},received,2024-05-0{1 + number % 9} 10:00,南郑区住建局\n" for number in range(30))
    mixed.write_bytes(lines.encode("utf-8") + "T99,received,2024-05-01 10:00,汉山街道\n".encode("gb18030"))
    rows = read_logs([str(mixed)], rules.tz)
    columns = read_logs_frame([str(mixed)], rules.tz)
    assert len(rows.rejected) == 1 and columns.rejected == rows.rejected
    assert columns.frame.get_column("unit").unique().to_list() == ["南郑区住建局"]
    assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq"))


def test_a_file_with_a_title_line_is_left_to_the_row_readers(rules, logs, tmp_path):
    csv, _, _ = logs
    titled = tmp_path / "titled.csv"
    titled.write_text("南郑区热线工单导出\n" + csv.read_text(encoding="utf-8"), encoding="utf-8")
    rows = read_logs([str(titled)], rules.tz)
    columns = read_logs_frame([str(titled)], rules.tz)
    assert columns.rejected == rows.rejected
    assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq"))


def test_findings_the_same_whatever_the_format(run_cli, logs, monkeypatch):
    outputs = []
    for path in logs:
        status, out, err = run_cli("audit", str(path), "--format", "json")
        assert status == 1, err
        outputs.append(json.loads(out))
    monkeypatch.setenv("HOTLINE_CHECK_ENGINE", "reference")
    status, out, _ = run_cli("audit", str(logs[0]), "--format", "json")
    outputs.append(json.loads(out))

    def comparable(result):
        return [{k: v for k, v in f.items() if k not in ("source", "line")} for f in result["findings"]]

    assert all(comparable(o) == comparable(outputs[0]) for o in outputs)
    assert outputs[0]["findings"] and outputs[2]["summary"]["events"] == outputs[0]["summary"]["events"]


def test_the_scan_of_the_bytes_finds_every_character_the_cells_are_checked_for():
    """A file is taken as clean, without a check per cell, only when no character the cell
    checks look for is in it: every code point of the ranges that hold such characters, and
    a sample of the rest, is tried in the middle of Chinese text."""
    import re
    from checker.columnar.reader import _CONTROL, has_unsafe_bytes
    from checker.output.sanitize import _UNSAFE_INPUT
    cell_check = re.compile(f"{_CONTROL}|{_UNSAFE_INPUT.pattern}")
    for code in [*range(0x3000), *range(0xd700, 0x10000), *range(0x3000, 0x110000, 97)]:
        if code in (0x09, 0x0a, 0x0d):             # the row separators are not in a cell
            continue
        character = chr(code)
        try:
            data = f"工单，{character}中".encode("utf-8")
        except UnicodeEncodeError:                 # a lone surrogate is never in UTF-8 text
            continue
        assert has_unsafe_bytes(data) == bool(cell_check.search(character)), hex(code)


@pytest.mark.parametrize("block", [1, 2, 3, 5, 64])
def test_the_file_read_block_by_block_says_what_the_whole_file_says(tmp_path, monkeypatch, block):
    """Line count, a blank line and a control character found even across two blocks."""
    from checker.columnar import reader
    texts = {"clean": "ticket_id,event\nT1,受理\nT2,派单", "blank": "ticket_id,event\nT1,受理\r\n\r\nT2,x\n",
             "nel": "ticket_id,event\nT1,受\u0085理\n", "bidi": "ticket_id,event\nT1,\u202e理\n",
             "bom": "\ufeffticket_id,event\nT1,受理\n", "bell": "ticket_id,event\nT1,受理\x07\n"}
    monkeypatch.setattr(reader, "_BLOCK", block)
    for name, text in texts.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(text.encode("utf-8"))
        data = text.encode("utf-8").removeprefix(b"\xef\xbb\xbf")
        facts = reader._scan(str(path))
        assert facts.header == "ticket_id,event" and facts.bom == (name == "bom")
        assert facts.lines == data.count(b"\n") + (0 if data.endswith(b"\n") else 1), name
        assert facts.blank_line == (name == "blank")
        assert facts.unsafe == (name in ("nel", "bidi", "bell")), name
