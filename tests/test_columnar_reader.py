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


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_many_blocks_checked_at_once_read_as_the_row_readers_read_them(rules, logs, monkeypatch,
                                                                       workers):
    """UTF-8 and GB18030 in blocks of 4 KiB, Parquet in batches of 97 rows, checked one, two
    or three at a time: the same events, seq and lines, and the same rejections in the same
    order, as the row readers give (the broken rows fall in one of the blocks)."""
    from checker.columnar import in_order, reader
    monkeypatch.setattr(reader, "_BLOCK", 4096)
    monkeypatch.setattr(reader, "_PARQUET_ROWS", 97)
    monkeypatch.setattr(in_order, "WORKERS", workers)
    csv, gb, parquet = logs
    for path in (csv, gb, parquet):
        rows = read_logs([str(path)], rules.tz)
        columns = read_logs_frame([str(path)], rules.tz)
        assert columns.rows == rows.rows, path.name
        assert columns.rejected == rows.rejected and len(rows.rejected) >= 8, path.name
        assert columns.frame.equals(frame_of_events(rows.events).sort("seq")), path.name


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


@pytest.mark.parametrize("block", [1, 2, 3, 5, 64, 1 << 20])
def test_a_file_read_block_by_block_reads_as_the_row_readers_read_it(rules, tmp_path, monkeypatch,
                                                                     block):
    """Blocks of whole lines, however small: the rows keep their lines and seq, a control
    character is found in whichever block it is, a cell over two lines is read column-wise
    even across two blocks, and a file with a blank line is the row readers'."""
    from checker.columnar import instant_columns, reader
    head = "ticket_id,event,at\n"
    row = "T{0},received,2024-05-0{0} 09:00\n"
    texts = {"clean": head + row.format(1) + row.format(2) + "T3,received,2024-05-03 09:00",
             "crlf": (head + row.format(1) + row.format(2)).replace("\n", "\r\n"),
             "bom": "\ufeff" + head + row.format(1),
             "nel": head + row.format(1) + "T2,受\u0085理,2024-05-02 09:00\n" + row.format(3),
             "bidi": head + "T1,\u202ereceived,2024-05-01 09:00\n" + row.format(2),
             "bell": head + row.format(1) + row.format(2) + "T3,received\x07,2024-05-03 09:00\n",
             "quoted": head + 'T1,"received",2024-05-01 09:00\n' + row.format(2),
             "blank": head + row.format(1) + "\r\n\r\n" + row.format(2),
             "blank-first": head + "\n" + row.format(1),
             "blank-last": head + row.format(1) + "\n\n",
             "blank-spaces": head + row.format(1) + " \u3000 \n" + row.format(2),
             "blank-cr": head + row.format(1) + "\r\n" + row.format(2),
             "short": head + row.format(1) + "T2,received\n" + row.format(3),
             "commas": head + row.format(1) + ",,\n" + " ,\n" + row.format(2),
             "spanning": head + row.format(1) + 'T2,received,"2024-05-02\n09:00"\n' + row.format(3)}
    monkeypatch.setattr(reader, "_BLOCK", block)
    for name, text in texts.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(text.encode("utf-8"))
        fast = reader.read_frame(str(path), rules.tz, 0)
        assert (fast is None) == name.startswith("blank"), name
        rows = read_logs([str(path)], rules.tz)
        columns = read_logs_frame([str(path)], rules.tz)
        assert columns.rows == rows.rows and columns.rejected == rows.rejected, name
        assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq")), name
    assert len(read_logs_frame([str(tmp_path / "bell.csv")], rules.tz).rejected) == 1
    assert len(read_logs_frame([str(tmp_path / "commas.csv")], rules.tz).rejected) == 2
    assert len(read_logs_frame([str(tmp_path / "short.csv")], rules.tz).rejected) == 1


@pytest.mark.parametrize("zone", ["America/New_York", "Australia/Lord_Howe", "Asia/Shanghai"])
@pytest.mark.parametrize("block", [2048, 1 << 24])
def test_wall_times_at_a_change_of_offset_read_as_the_row_readers_read_them(tmp_path, monkeypatch,
                                                                            zone, block):
    """A rule set's timezone may change its offset: the hour skipped in spring, the hour read
    twice in autumn (Lord Howe shifts by half an hour), the minutes either side, and times
    spread over many years, read in one block or in many (whose spans of hours differ)."""
    from zoneinfo import ZoneInfo

    from checker.columnar import instant_columns, reader
    monkeypatch.setattr(reader, "_BLOCK", block)
    monkeypatch.setattr(instant_columns, "_SPANS", {})
    tz = ZoneInfo(zone)
    times = [f"{year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d}:{second:02d}"
             for year in (1990, 2024) for month in (3, 4, 10, 11) for day in (1, 2, 3, 7, 8, 10)
             for hour in (0, 1, 2, 3) for minute in (0, 29, 30, 59) for second in (0, 59)]
    times += [f"{year}-06-15 12:00" for year in range(1900, 2200, 7)]
    times = times[len(times) // 2:] + times[:len(times) // 2]
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at\n" + "".join(f"T{number},received,{at}\n"
                                                     for number, at in enumerate(times)))
    rows = read_logs([str(path)], tz)
    columns = read_logs_frame([str(path)], tz)
    assert columns.rejected == rows.rejected
    assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq"))
    assert len(rows.events) > len(times) // 2


def test_instants_in_every_form_the_row_readers_accept_are_read_column_wise(tmp_path, monkeypatch):
    """DESIGN.md's `at`: ISO 8601, `YYYY-MM-DD HH:MM[:SS]` or `YYYY/MM/DD …`, no offset meaning
    the rule set's timezone. A log written in any of these forms reads as the row readers read
    it, without handing its rows to them one by one; what only they read (24:00, digits other
    than ASCII ones) or refuse (:60, 30 February, a year out of range) is still theirs."""
    from zoneinfo import ZoneInfo

    from checker.columnar import reader
    forms = ["2024-06-13 11:09:30", "2024-06-13T11:09:30+08:00", "2024-06-13T03:09:30Z",
             "2024/6/3 9:05", "2024-06-13 11:09:30.123+0800", "2024-06-13T11:09:30 -05",
             "2024-06-13T11:09:30,5", "2024-6-13T1:09:05z", "2024-06-13  11:09",
             "2199-12-31T23:59:59+00:00", "1900-01-01 00:00:00"]
    theirs = ["2024-01-01 24:00", "２０２４-06-13 11:09", "2024-01-01 10:00:60", "2024-02-30 10:00",
              "2024-06-13T11:09:30+24:00", "2200-01-01 00:00:00+08:00", "2024-06-13"]
    rebuilt = []
    row_by_row = reader._row_by_row
    monkeypatch.setattr(reader, "_row_by_row", lambda part, *rest: rebuilt.append(part.height)
                        or row_by_row(part, *rest))
    tz = ZoneInfo("Asia/Shanghai")
    def cell(text):                         # 11:09:30,5 holds the CSV's separator
        return f'"{text}"' if "," in text else text
    lines = [f"T{number},received,{cell(at)},,,,,,,,,{cell(promised)}\n" for number, (at, promised)
             in enumerate((at, promised) for at in forms + theirs for promised in ("", forms[1], theirs[2]))]
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,actor,category,deadline_class,urgent,key_category,"
                    "resolved,satisfaction,promised_at\n" + "".join(lines), encoding="utf-8")
    rows = read_logs([str(path)], tz)
    columns = read_logs_frame([str(path)], tz)
    assert columns.rejected == rows.rejected
    assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq"))
    # Read: every form, and 24:00 and the full-width digits, each with no promised time or a
    # valid one; every row with :60 or an impossible `at` refused.
    assert len(rows.events) == (len(forms) + 2) * 2 and len(rows.rejected) == len(lines) - len(rows.events)
    # Handed to the row readers: the rows with a cell of `theirs`, and no other.
    assert sum(rebuilt) == len(theirs) * 3 + len(forms)


def test_random_instants_read_column_wise_are_the_row_readers_own():
    """Thousands of texts near the accepted forms (any part out of its range, one digit or
    three, every separator and offset): where the column-wise reading gives an instant it is
    the one the row readers give; where they refuse the text it gives none."""
    import random
    from zoneinfo import ZoneInfo

    from checker.columnar.instant_columns import CANONICAL, InstantForm, epoch_seconds, form_seconds
    from checker.logs.timestamps import parse_instant
    tz = ZoneInfo("Australia/Lord_Howe")          # half-hour shifts: wall hours matter
    pick = random.Random(20241201)

    def number(low, high, width):
        return str(pick.randint(low, high)).zfill(pick.choice((1, width, width)))

    texts = []
    for _ in range(4000):
        date = pick.choice("-/").join((number(1895, 2205, 4), number(0, 13, 2), number(0, 32, 2)))
        time = f"{number(0, 25, 2)}:{number(0, 61, 2)}" + pick.choice(
            ("", f":{number(0, 61, 2)}", f":{number(0, 59, 2)}.{pick.randint(0, 999)}"))
        zone = pick.choice(("", "", "Z", "z", "+08:00", "-0530", "+08", " +14:00", "+24:00", "-12:60"))
        texts.append(date + pick.choice((" ", "T", "  ", "t")) + time + zone)
    raw = pl.DataFrame({"at": pl.Series(texts, dtype=pl.String)})
    expected = []
    for text in texts:
        try:
            expected.append(parse_instant(text, tz))
        except ValueError:
            expected.append(None)
    # Whichever form a block's first cell gives the fixed format, the other cells included.
    for form in (CANONICAL, InstantForm("/", "T", None), InstantForm("-", "T", "Z"),
                 InstantForm("-", "T", "offset"), InstantForm("/", " ", "offset")):
        stripped = raw.select(pl.col("at").str.strip_chars().replace("", None))
        found = epoch_seconds(stripped.select(form_seconds("at", form)).get_column("at"),
                              raw.get_column("at"), tz, form).to_list()
        for text, instant, wanted in zip(texts, found, expected):
            assert instant is None or instant == wanted, (form, text)
        assert sum(instant is not None for instant in found) > 1000     # most valid ones read


@pytest.mark.parametrize("written", ["2024-06-13 11:09:30", "2024-06-13T11:09:30",
                                     "2024/06/13 11:09:30", "2024-06-13T03:09:30Z",
                                     "2024-06-13T11:09:30+08:00", "2024-06-12T22:09:30-05:00",
                                     "2024-06-13 11:09"])
def test_a_log_in_one_form_of_instants_is_parsed_by_its_fixed_format(tmp_path, monkeypatch,
                                                                       written):
    """ISO 8601 as most systems write it (`T`, `Z`, `+08:00`), or `/` between the date's parts:
    a log written throughout in one such form reads as the row readers read it, every cell by
    the fixed format of the form, none by the pattern of every form (several times slower);
    a cell in another form among them is still read, by the pattern."""
    from zoneinfo import ZoneInfo

    from checker.columnar import instant_columns
    patterned = []
    other_forms = instant_columns._other_forms
    monkeypatch.setattr(instant_columns, "_other_forms",
                        lambda cells: patterned.append(cells.len()) or other_forms(cells))
    tz = ZoneInfo("Asia/Shanghai")
    minutes = [f"{minute:02d}" for minute in range(0, 60, 7)]
    lines = [f"T{number},received,{written[:14]}{minute}{written[16:]}\n"
             for number, minute in enumerate(minutes)]
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at\n" + "".join(lines) + "T99,received,2024-6-3 9:05\n",
                    encoding="utf-8")
    rows = read_logs([str(path)], tz)
    columns = read_logs_frame([str(path)], tz)
    assert columns.rejected == rows.rejected == []
    assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq"))
    assert patterned == [1]                         # the one cell of another form
    # The same instant, however it is written: 13 June 2024, 11:00(:30) in Shanghai.
    first = columns.frame.sort("seq").get_column("at")[0]
    assert first == 1718247600 + (30 if written.count(":") > 1 else 0)


def test_vocabulary_in_capitals_is_read_column_wise_as_the_row_readers_read_it(tmp_path, monkeypatch):
    """TRUE, False, Received, Satisfied: the row readers take a value of a vocabulary in lower
    case when it is not found as written, and so does the column-wise reading, without
    handing such rows to them one by one."""
    from zoneinfo import ZoneInfo

    from checker.columnar import reader
    rebuilt = []
    row_by_row = reader._row_by_row
    monkeypatch.setattr(reader, "_row_by_row", lambda part, *rest: rebuilt.append(part.height)
                        or row_by_row(part, *rest))
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,urgent,resolved,satisfaction\n"
                    "A,Received,2024-05-06 09:00,,TRUE,,\n"
                    "A,DISPATCHED,2024-05-06 09:10,区住建局,,,\n"
                    "A,Visited,2024-05-07 09:10,,,False,Satisfied\n"
                    "B,received,2024-05-06 09:00,,Yes,,\n"
                    "B,visited,2024-05-07 09:10,,,N,UNSATISFIED\n"
                    "C,Received,2024-05-06 09:00,,maybe,,\n", encoding="utf-8")
    tz = ZoneInfo("Asia/Shanghai")
    rows = read_logs([str(path)], tz)
    columns = read_logs_frame([str(path)], tz)
    assert columns.rejected == rows.rejected and len(rows.rejected) == 1      # maybe
    assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq"))
    assert [event.urgent for event in rows.events if event.event == "received"] == [True, True]
    assert sum(rebuilt) == 1


def test_an_export_that_quotes_every_cell_is_read_column_wise(tmp_path):
    """Many systems quote every cell, the header's too, and end lines with CR LF: still the
    canonical layout, read column-wise (not left to the row readers whole) and read alike."""
    from zoneinfo import ZoneInfo

    from checker.columnar import reader
    path = tmp_path / "log.csv"
    path.write_bytes(b'"ticket_id","event","at","unit","note"\r\n'
                     b'"A","received","2024-05-06 09:00","",""\r\n'
                     b'"A","dispatched","2024-05-06 09:10","\xe5\x8c\xba\xe4\xbd\x8f\xe5\xbb\xba\xe5\xb1\x80","a, b"\r\n'
                     b'"B","received"," 2024-05-06 10:00 ","",""\r\n')
    tz = ZoneInfo("Asia/Shanghai")
    assert reader.read_frame(str(path), tz, 0) is not None
    rows = read_logs([str(path)], tz)
    columns = read_logs_frame([str(path)], tz)
    assert columns.rejected == rows.rejected == []
    assert columns.frame.sort("seq").equals(frame_of_events(rows.events).sort("seq"))
    assert [event.note for event in rows.events] == [None, "a, b", None]


@pytest.mark.parametrize("header, cells", [
    ("remark,Ticket_ID, EVENT ,at,unit,note,地址", ["r1", "{ticket}", "{event}", "{at}", "{unit}", "", "汉山路1号"]),
    ("ticket_id,event,at,,unit,note", ["{ticket}", "{event}", "{at}", "x", "{unit}", ""]),
])
def test_a_header_with_other_columns_or_in_capitals_is_read_column_wise(tmp_path, header, cells):
    """An export that adds its own columns, or writes the canonical names in capitals or with
    spaces, is still the canonical layout: read column-wise, the other columns left out as
    the row readers leave them, the rows the same."""
    from zoneinfo import ZoneInfo

    from checker.columnar import reader
    rows = [("A", "received", "2024-05-06 09:00", ""), ("A", "dispatched", "2024-05-06 09:10", "区住建局"),
            ("B", "received", "2024-05-06 10:00", ""), ("B", "teleported", "2024-05-06 10:00", "")]
    lines = [header] + [",".join(cell.format(ticket=t, event=e, at=a, unit=u) for cell in cells)
                        for t, e, a, u in rows]
    # One more row, its other column holding a control character (left out with the column).
    lines.append(",".join(cell.format(ticket="C", event="received", at="2024-05-06 11:00", unit="")
                          .replace("r1", "r\x07") for cell in cells))
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tz = ZoneInfo("Asia/Shanghai")
    assert reader.read_frame(str(path), tz, 0) is not None
    by_rows = read_logs([str(path)], tz)
    columns = read_logs_frame([str(path)], tz)
    assert columns.rejected == by_rows.rejected and len(by_rows.rejected) == 1        # teleported
    assert columns.frame.sort("seq").equals(frame_of_events(by_rows.events).sort("seq"))
    assert [event.ticket_id for event in by_rows.events] == ["A", "A", "B", "C"]


def test_a_header_naming_a_column_twice_is_left_to_the_row_readers(tmp_path):
    from zoneinfo import ZoneInfo

    from checker.columnar import reader
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,Unit\nA,dispatched,2024-05-06 09:10,区住建局,汉山街道\n",
                    encoding="utf-8")
    assert reader.read_frame(str(path), ZoneInfo("Asia/Shanghai"), 0) is None


HEAD = "ticket_id,event,at,unit,actor,note\n"
GOOD = ["T{0},dispatched,2024-05-06 09:0{1},汉山街道,office,\n",
        'T{0},accepted,2024-05-06 09:1{1},,汉山街道,"签收，\n已联系"\n',
        'T{0},feedback,2024-05-07 10:0{1},,汉山街道,"办理情况：\n1. 已到现场, 测量\n2. 已""回复""群众"\n',
        'T{0},visited,2024-05-08 10:0{1},,office,"满意\n\n（第二次回访）"\n']
# Each a file of GOOD rows with one row of its own in the middle.
SPANNING = {
    "notes": "",
    "crlf-inside": 'T9,progress,2024-05-06 12:00,,汉山街道,"第一行\n第二行"\n',      # CR LF throughout
    "control-inside": 'T9,progress,2024-05-06 12:00,,汉山街道,"响铃\x07\n第二行"\n',
    "in-the-time": 'T9,progress,"2024-05-06\n12:00",,汉山街道,\n',
    "in-the-first-column": '"T9\n",progress,2024-05-06 12:00,,汉山街道,x\n',
    "a-line-like-a-row": 'T9,progress,2024-05-06 12:00,,汉山街道,"开头\nT8,received,2024-05-06 12:00,,,x"\n',
    "quote-never-closed": 'T9,progress,2024-05-06 12:00,,汉山街道,"开头\n',
    "too-few-cells": 'T9,progress,2024-05-06 12:00,"汉山\n街道"\n',
    "short-rows-too": "T9,progress,2024-05-06 12:00\nT9,progress,2024-05-06 12:01\n",
    # Most rows before of three cells: the row reader takes three for the table's width, and
    # a row over lines of six for a quote left open.
    "mostly-short-rows": "".join(f"S{k},progress,2024-05-06 12:{k:02d}\n" for k in range(40)),
    "a-cell-past-the-limit": 'T9,progress,2024-05-06 12:00,,汉山街道,"' + "行\n" * 1001 + '"\n',
}
# Those the row reader cuts as they are written: read column-wise.
COLUMN_WISE = {"notes", "crlf-inside", "control-inside", "in-the-time", "in-the-first-column"}


@pytest.mark.parametrize("block", [7, 64, 300, 1 << 24])
@pytest.mark.parametrize("name", SPANNING)
def test_rows_spanning_lines_read_as_the_row_readers_read_them(rules, tmp_path, monkeypatch, block, name):
    """A quoted note over several lines (a comma, a quote, an empty line, a CR LF in it),
    rows cut across blocks of any size: the same events and rejections, at the same lines,
    read column-wise; a file the row reader cuts otherwise (a quote never closed, a line in
    the cell that reads as a row, too few cells, a cell over 1,000 lines, rows of other
    widths before) is the row readers'."""
    from checker.columnar import reader
    monkeypatch.setattr(reader, "_BLOCK", block)
    rows = [GOOD[k % 4].format(k, k % 10) for k in range(24)]
    text = HEAD + "".join(rows[:1]) + SPANNING[name] + "".join(rows[1:]) if name == "mostly-short-rows" \
        else HEAD + "".join(rows[:13]) + SPANNING[name] + "".join(rows[13:])
    for encoding in ("utf-8", "gb18030"):
        path = tmp_path / f"{name}-{encoding}.csv"
        data = text.encode(encoding)
        path.write_bytes(data.replace(b"\n", b"\r\n") if name == "crlf-inside" else data)
        fast = reader.read_frame(str(path), rules.tz, 0)
        assert (fast is not None) == (name in COLUMN_WISE), (name, encoding)
        by_rows = read_logs([str(path)], rules.tz)
        by_columns = read_logs_frame([str(path)], rules.tz)
        assert by_columns.rows == by_rows.rows and by_columns.rejected == by_rows.rejected, name
        assert by_columns.frame.sort("seq").equals(frame_of_events(by_rows.events).sort("seq")), name
        notes = [event.note.replace("\r\n", "\n") for event in by_rows.events if event.note]
        assert name not in COLUMN_WISE or "办理情况：\n1. 已到现场, 测量\n2. 已\"回复\"群众" in notes


def test_a_large_log_with_notes_over_lines_is_read_column_wise(rules, tmp_path, monkeypatch):
    """Blocks of a few kilobytes, every one with rows over lines, checked two at a time: the
    same events as the row readers', and no block left to them."""
    from checker.columnar import reader
    monkeypatch.setattr(reader, "_BLOCK", 4096)
    path = tmp_path / "log.csv"
    generate.generate(300, path, first_day=generate.date(2024, 5, 1), days=31, seed=3, shuffle=True)
    frame = pl.read_csv(path, infer_schema=False)
    frame = frame.with_columns(pl.when(pl.int_range(pl.len()) % 7 == 0)
                               .then(pl.lit('第一行，\n第二行 "引号"\n')).otherwise(pl.col("note")).alias("note"))
    frame.write_csv(path)
    assert reader.read_frame(str(path), rules.tz, 0) is not None
    by_rows = read_logs([str(path)], rules.tz)
    by_columns = read_logs_frame([str(path)], rules.tz)
    assert by_columns.rows == by_rows.rows == frame.height and by_columns.rejected == by_rows.rejected
    assert by_columns.frame.sort("seq").equals(frame_of_events(by_rows.events).sort("seq"))


S = 'T1,feedback,2024-05-07 10:00,,汉山街道,"第一行\n第二行"\n'
GOOD_HEAD = "ticket_id,event,at,unit,actor,note\n"
# Files the row reader cuts or decodes otherwise than the native parser would: each read
# alike, whether a row over lines comes before or not.
ODD_FILES = {
    "undecodable-gb18030-line": b"ticket_id,event,at\n\x80",
    "undecodable-line-after-gb18030": ("ticket_id,event,at,unit,actor,note\nT1,dispatched,2024-05-06 09:00,"
                                       "汉山街道,office,\n").encode("gb18030") + b"T1,feedback,2024-05-07 10:00,,office,\x80\n",
    "lone-carriage-return": GOOD_HEAD + "T2,accepted,2024-05-06 09:10,,汉山街道,x\ry\n",
    "lone-carriage-return-in-time": GOOD_HEAD + "T2,accepted,2024-05-06 09:10\r,,汉山街道,x\n",
    "text-after-a-closing-quote": GOOD_HEAD + 'T2,accepted,2024-05-06 09:10,,汉山街道,""x""\n',
    "quote-open-at-the-end": GOOD_HEAD + 'T2,accepted,2024-05-06 09:10,,"汉山街道,x',
    "quote-open-at-the-end-cut-character": GOOD_HEAD + 'T2,accepted,2024-05-06 09:10,,"汉山街道',
    "quote-open-at-the-end-alone": b'ticket_id,event,at\n,"\xd7\xd6',
    "quote-inside-a-cell": b'\xef\xbb\xbfticket_id,event,at\n"4",bu"s,"2024-05-12 04:51",,\xe6\xb1\x89,"x\r\n'
                           b'T7,dispatched,20\n',
    "header-quote-left-open": 'ticket_id,event,at,unit,actor,"note\n',
    "header-not-utf8": b"ticket_id,event,at,unit,actor,note\xe6\n",
    "header-gb18030-rows-utf8": "ticket_id,event,at,unit,actor,note,".encode() + "备".encode("gb18030") + b"\n",
    "two-faults-in-a-row": "ticket_id,outcome,event,at,actor,deadline_class,note\n"
                           "T2,zzz,feedback,2024-05-08 06:37,汉山街道,qqq,x\n",
}


@pytest.mark.parametrize("spanning", [False, True], ids=["alone", "after-a-row-over-lines"])
@pytest.mark.parametrize("name", ODD_FILES)
def test_files_the_row_reader_cuts_otherwise_are_read_as_it_reads_them(rules, tmp_path, monkeypatch,
                                                                      name, spanning):
    from checker.columnar import reader
    from checker.errors import CheckerError
    data = ODD_FILES[name]
    data = data if isinstance(data, bytes) else data.encode("utf-8")
    if spanning:
        head, _, rest = data.partition(b"\n")
        columns = head.decode("utf-8", "replace").lstrip("\ufeff").split(",")
        row = dict(zip(GOOD_HEAD.strip().split(","), S.rstrip("\n").split(",", 5)))
        cells = [row.get(column, "") for column in columns]
        data = head + b"\n" + ",".join(cells).encode("utf-8") + b"\n" + rest
    path = tmp_path / "odd.csv"
    path.write_bytes(data)
    for block in (7, 1 << 24):
        monkeypatch.setattr(reader, "_BLOCK", block)
        outcomes = []
        for read in (read_logs, read_logs_frame):
            try:
                log = read([str(path)], rules.tz)
            except CheckerError as error:
                outcomes.append(("refused", str(error)))
                continue
            frame = log.frame if hasattr(log, "frame") else frame_of_events(log.events)
            outcomes.append((log.rows, log.rejected, frame.sort("seq").rows()))
        assert outcomes[0] == outcomes[1], (name, block)
