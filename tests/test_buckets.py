"""A log audited in buckets (split by ticket on disk, each bucket audited on its own) gives the
output of one run, byte for byte in meaning: findings in order, data notes, rules not
checkable, rejected rows and every count; the temporary folder goes whatever happens."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from checker.buckets import audit as bucket_audit
from checker.buckets.plan import bucket_count, estimated_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "logs"


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    """A folder of parts: a generated log cut into a CSV with a broken row, a Parquet file
    and a JSON Lines file sharing tickets, and a platform's wide XLSX export (which does not
    record several steps, so some rules are not checkable for its tickets)."""
    folder = tmp_path_factory.mktemp("buckets") / "exports"
    folder.mkdir()
    whole = folder.parent / "whole.csv"
    generate.generate(400, whole, first_day=date(2024, 4, 25), days=40, seed=11, shuffle=True,
                      violation_rate=0.15)
    frame = pl.read_csv(whole, infer_schema=False)
    third = frame.height // 3
    frame.slice(0, third).write_csv(folder / "part-1.csv")
    with open(folder / "part-1.csv", "a", encoding="utf-8") as stream:
        stream.write("NZX1,dispatched,2024-05-06 09:00,,,,,,,,,,,,\n")       # dispatched without unit
    frame.slice(third, third).write_parquet(folder / "part-2.parquet")
    frame.slice(2 * third).write_ndjson(folder / "part-3.jsonl")
    shutil.copy(FIXTURES / "wide-sample.xlsx", folder / "part-4.xlsx")
    return folder


def audit_json(run_cli, *args) -> dict:
    status, out, err = run_cli("audit", *args, "--format", "json")
    assert status == 1, err
    return json.loads(out)


@pytest.mark.parametrize("buckets", [3, 5, 7])
def test_the_buckets_give_the_result_of_one_run(run_cli, parts, buckets):
    single = audit_json(run_cli, str(parts))
    assert single["data_notes"] and single["unjudged"] and single["rejected"]
    assert len({f["ticket_id"] for f in single["findings"]}) > 50
    assert audit_json(run_cli, str(parts), "--buckets", str(buckets)) == single


@pytest.mark.parametrize("options", [("--pending",), ("--unit", "汉山街道"), ("--as-of", "2024-05-20 12:00"),
                                     ("--from", "2024-05-10", "--to", "2024-05-25")],
                         ids=["pending", "unit", "as-of", "period"])
def test_the_buckets_keep_every_filter(run_cli, parts, options):
    single = audit_json(run_cli, str(parts), *options)
    assert audit_json(run_cli, str(parts), *options, "--buckets", "4") == single


def test_past_the_bound_the_log_is_split_by_itself(run_cli, parts, monkeypatch, tmp_path):
    single = audit_json(run_cli, str(parts))
    used = []
    split = bucket_audit.split_logs
    monkeypatch.setattr(bucket_audit, "split_logs",
                        lambda files, tz, count, folder, **kw: used.append((count, folder))
                        or split(files, tz, count, folder, **kw))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("HOTLINE_CHECK_LIMIT_IN_MEMORY_ROWS", "1000")
    monkeypatch.setenv("HOTLINE_CHECK_LIMIT_BUCKET_ROWS", "800")
    assert audit_json(run_cli, str(parts)) == single
    count, folder = used[0]
    rows = estimated_rows([str(path) for path in parts.iterdir()])
    assert count == -(-rows // 800) and count >= 3
    assert folder.startswith(str(tmp_path)) and not os.path.exists(folder)


def test_the_temporary_folder_goes_on_an_error_and_on_ctrl_c(run_cli, parts, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    broken = tmp_path / "broken"
    shutil.copytree(parts, broken)
    (broken / "part-9.csv").write_text("工单,事情\n1,2\n", encoding="utf-8")   # no header fits
    status, _, err = run_cli("audit", str(broken), "--buckets", "3")
    assert status == 2 and "part-9.csv" in err and "Traceback" not in err

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("checker.columnar.audit.audit_frame", interrupted)
    status, _, err = run_cli("audit", str(parts), "--buckets", "3")
    assert status == 130 and "Traceback" not in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["broken"]


def test_buckets_need_the_columnar_engine(run_cli, parts, monkeypatch):
    monkeypatch.setenv("HOTLINE_CHECK_ENGINE", "reference")
    status, _, err = run_cli("audit", str(parts), "--buckets", "3")
    assert status == 2 and "列式引擎" in err and "Traceback" not in err
    # Past the bound the reference engine reads the log whole, as it always did.
    monkeypatch.setenv("HOTLINE_CHECK_LIMIT_IN_MEMORY_ROWS", "10")
    assert bucket_count([str(parts / "part-2.parquet")], None, "reference", False) == 0


def test_rows_are_counted_from_parquet_metadata_without_reading(parts):
    rows = pl.read_parquet(parts / "part-2.parquet").height
    assert estimated_rows([str(parts / "part-2.parquet")]) == rows
    assert bucket_count([str(parts / "part-2.parquet")], None, "columnar", False) == 0
    assert bucket_count([str(parts / "part-2.parquet")], 6, "columnar", False) == 6


def test_rows_of_csv_and_json_lines_are_estimated_from_their_size(parts):
    """Within a factor of two, so that a log is split only when it holds about that many rows:
    a JSON Lines record names its keys, three times a CSV row's length."""
    for name in ("part-1.csv", "part-3.jsonl"):
        rows = (parts / name).read_bytes().count(b"\n") - name.endswith(".csv")
        assert rows / 2 <= estimated_rows([str(parts / name)]) <= rows * 2, name


def test_a_bucket_count_out_of_range_stops(run_cli, parts):
    status, _, err = run_cli("audit", str(parts), "--buckets", "0")
    assert status == 2 and "--buckets" in err


@pytest.mark.parametrize("encoding,newline,variant", [("utf-8", "\n", None), ("gb18030", "\r\n", None),
                                                      ("utf-8-sig", "\n", None), ("utf-8", "\r\n", "quoted"),
                                                      ("utf-8", "\n", "other columns")])
def test_a_large_csv_is_read_block_by_block_with_its_lines(run_cli, tmp_path, monkeypatch, encoding, newline,
                                                           variant):
    from checker.buckets import csv_blocks
    whole = tmp_path / "generated.csv"
    generate.generate(150, whole, first_day=date(2024, 5, 1), days=20, seed=5, shuffle=True)
    lines = whole.read_text(encoding="utf-8").splitlines()
    # What sends a block to the row readers: a note over two lines, a blank line, a broken row.
    noted = next(number for number in range(40, 80) if lines[number].endswith(","))
    lines[noted] = lines[noted][:-1] + ',"来电人反映：\n楼道噪音"'       # the note column, over two lines
    lines[90:90] = ["", "NZX,dispatched,2024-05-06 09:00,,,,,,,,,,,,"]
    lines[300] = lines[300].replace("2024-", "2024年", 1)
    if variant == "quoted":             # an export that quotes every cell, its header's too
        lines[0] = ",".join(f'"{name}"' for name in lines[0].split(","))
    if variant == "other columns":      # its own column first, the canonical names in capitals
        lines = ["REMARK," + lines[0].upper()] + [f"r{number}," + line if line else line
                                                    for number, line in enumerate(lines[1:])]
    path = tmp_path / f"log-{encoding}.csv"
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    monkeypatch.setattr(csv_blocks, "BLOCK_BYTES", 4000)
    assert csv_blocks.canonical_csv(str(path)) is not None
    from zoneinfo import ZoneInfo

    from checker.columnar.reader import events_of_block
    csv = csv_blocks.canonical_csv(str(path))
    native = [block.text is not None and events_of_block(
        block.text, csv.header, csv.path, ZoneInfo("Asia/Shanghai"), 0, block.first_line) is not None
        for block in csv_blocks.blocks(csv, 4000)]
    assert not all(native) and sum(native) > 5
    single = audit_json(run_cli, str(path))
    assert len(single["rejected"]) == 2
    assert audit_json(run_cli, str(path), "--buckets", "3") == single


def test_a_terminated_run_removes_its_folder(parts, tmp_path):
    """A job stopped by its scheduler (SIGTERM) in the middle of the buckets."""
    import signal
    import subprocess
    import time
    env = dict(os.environ, TMPDIR=str(tmp_path), HOTLINE_CHECK_LIMIT_BUCKET_ROWS="1")
    process = subprocess.Popen([sys.executable, "-m", "checker", "audit", str(parts), "--buckets", "9000",
                                "--format", "json"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(tmp_path.glob("hotline-check-buckets-*/b*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and b"Traceback" not in err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("rows, buckets, limit, expected", [
    (82_000_000, 14, None, 2),           # the default buckets: two fit in IN_MEMORY_ROWS
    (14_000_000, 2, None, 1),            # just past the bound: the two halves would be it all
    (82_000_000, 11, None, 1),           # buckets of 7.5 million: two would exceed 12 million
    (82_000_000, 11, "16000000", 2),     # unless the office allows that much in memory
])
def test_buckets_are_audited_two_at_a_time_only_when_two_fit_in_memory(monkeypatch, rows, buckets,
                                                                        limit, expected):
    from checker.buckets.audit import at_once
    from checker.buckets.split import SplitLog
    if limit is not None:
        monkeypatch.setenv("HOTLINE_CHECK_LIMIT_IN_MEMORY_ROWS", limit)
    assert at_once(SplitLog(event_count=rows, buckets=buckets)) == expected
