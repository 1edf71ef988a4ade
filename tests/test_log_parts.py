"""A log in parts: several files, a folder of parts in any of the formats, Parquet parts and
partition folders. A ticket's rows spread over the parts give exactly the findings of the
one concatenated file; rejected rows name their part; what a folder holds besides logs is
skipped and said."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from checker.logs.inputs import log_files, name_order

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    """A generated, shuffled log (every ticket's rows scattered through it), as text columns."""
    path = tmp_path_factory.mktemp("whole") / "log.csv"
    generate.generate(300, path, first_day=date(2024, 4, 25), days=30, seed=7, shuffle=True,
                      violation_rate=0.1)
    return pl.read_csv(path, infer_schema=False)


def comparable(out: str) -> dict:
    """What must not depend on how the log was cut: findings, notes (but the file and line
    they point at), unjudged, the counts."""
    result = json.loads(out)
    summary = result["summary"]
    notes = [{key: value for key, value in note.items() if key not in ("source", "line")}
             for note in result["data_notes"]]
    assert notes, "the log must carry data notes for the test to mean anything"
    return {"findings": result["findings"], "summary": summary, "notes": notes,
            "unjudged": result.get("unjudged")}


def write_part(frame: pl.DataFrame, path: Path) -> None:
    if path.suffix == ".csv":
        frame.write_csv(path)
    elif path.suffix == ".jsonl":
        frame.write_ndjson(path)
    elif path.suffix == ".parquet":
        frame.write_parquet(path)
    else:
        from openpyxl import Workbook
        book = Workbook()
        sheet = book.active
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(list(row))
        book.save(path)


def cut(frame: pl.DataFrame, sizes: list[int]) -> list[pl.DataFrame]:
    parts, start = [], 0
    for size in sizes:
        parts.append(frame.slice(start, size))
        start += size
    parts.append(frame.slice(start))
    return parts


def test_the_parts_of_a_folder_in_four_formats_give_the_findings_of_the_whole(run_cli, whole, tmp_path):
    whole_path = tmp_path / "whole.csv"
    whole.write_csv(whole_path)
    folder = tmp_path / "exports"
    folder.mkdir()
    # Name order with numbers as numbers: part-2 before part-10; every format once.
    names = ["part-1.csv", "part-2.jsonl", "part-3.xlsx", "part-10.parquet"]
    for name, part in zip(names, cut(whole, [whole.height // 3, 200, whole.height // 3])):
        write_part(part, folder / name)
    tickets = [set(part.get_column("ticket_id")) for part in
               cut(whole, [whole.height // 3, 200, whole.height // 3])]
    assert tickets[0] & tickets[3], "the parts must share tickets for the test to mean anything"

    status_whole, out_whole, _ = run_cli("audit", str(whole_path), "--format", "json")
    status_parts, out_parts, err = run_cli("audit", str(folder), "--format", "json")
    assert status_whole == status_parts == 1
    assert comparable(out_parts) == comparable(out_whole)
    assert "跳过" not in err

    # The same parts named one by one, in that order, read the same.
    status, out, _ = run_cli("audit", *(str(folder / name) for name in names), "--format", "json")
    assert comparable(out) == comparable(out_whole)


def test_the_reference_engine_reads_the_parts_the_same(run_cli, whole, tmp_path, monkeypatch):
    folder = tmp_path / "parts"
    folder.mkdir()
    for number, part in enumerate(cut(whole, [whole.height // 2])):
        write_part(part, folder / f"part-{number}.parquet")
    _, columnar, _ = run_cli("audit", str(folder), "--format", "json")
    monkeypatch.setenv("HOTLINE_CHECK_ENGINE", "reference")
    _, reference, _ = run_cli("audit", str(folder), "--format", "json")
    assert comparable(columnar) == comparable(reference)


def test_a_rejected_row_names_its_part_and_its_line_there(run_cli, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "part-2.csv").write_text("ticket_id,event,at,unit\nT1,dispatched,2024-05-06 09:00,汉山街道\n"
                                       "T2,dispatched,2024-05-06 09:00,\n", encoding="utf-8")
    (folder / "part-10.csv").write_text("ticket_id,event,at,unit\nT1,accepted,2024-05-06 09:30,\n"
                                  "T1,feedback,2024-13-01 09:00,\n", encoding="utf-8")
    pl.DataFrame({"ticket_id": ["T1"], "event": ["签收了"], "at": ["2024-05-06 09:40"]}) \
        .write_parquet(folder / "part-11.parquet")
    _, out, _ = run_cli("audit", str(folder), "--format", "json")
    rejected = json.loads(out)["rejected"]
    # Name order with numbers as numbers: part-2 before part-10.
    assert [(item["source"], item["line"]) for item in rejected] == [
        (str(folder / "part-2.csv"), 3), (str(folder / "part-10.csv"), 3), (str(folder / "part-11.parquet"), 1)]
    assert "未知事件“签收了”" in rejected[2]["reason"]


def test_what_a_folder_holds_besides_logs_is_skipped_and_said(run_cli, tmp_path):
    folder = tmp_path / "exports"
    (folder / "_temporary").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "log.csv").write_text("ticket_id,event,at,unit\nT1,dispatched,2024-05-06 09:00,汉山街道\n"
                                    "T1,accepted,2024-05-06 09:30,\n", encoding="utf-8")
    for name in (".DS_Store", "~$工单.xlsx", "说明.pdf", "_SUCCESS", "old.xls", "log.csv~"):
        (folder / name).write_bytes(b"\x00not a log")
    (folder / "_temporary" / "part-0.parquet").write_bytes(b"half written")
    status, out, err = run_cli("audit", str(folder), "--format", "json")
    assert status in (0, 1) and "Traceback" not in err
    assert json.loads(out)["summary"]["events"] == 2
    for name, why in ((".DS_Store", "隐藏文件"), ("~$工单.xlsx", "临时文件"), ("说明.pdf", "不是日志格式"),
                      ("_SUCCESS", "数据平台"), ("old.xls", "另存为 .xlsx"), ("log.csv~", "临时文件"),
                      ("_temporary", "数据平台"), (".git", "隐藏文件")):
        line = next(line for line in err.splitlines() if str(folder / name) + "：" in line)
        assert "跳过" in line and why in line, line


def test_a_file_named_twice_is_read_once(run_cli, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit\nT1,dispatched,2024-05-06 09:00,汉山街道\n", encoding="utf-8")
    _, out, err = run_cli("audit", str(path), str(tmp_path), "--format", "json")
    assert json.loads(out)["summary"]["events"] == 1
    assert "已作为输入读取过" in err


def test_a_folder_without_a_log_stops_naming_it(run_cli, tmp_path):
    (tmp_path / "readme.pdf").write_bytes(b"%PDF")
    status, _, err = run_cli("audit", str(tmp_path))
    assert status == 2 and str(tmp_path) in err and "没有日志文件" in err and "Traceback" not in err


def test_partition_folders_are_read_in_order(run_cli, whole, tmp_path):
    folder = tmp_path / "events"
    parts = cut(whole, [whole.height // 2])
    for number, part in enumerate(parts):
        (folder / f"month=2024-0{number + 5}").mkdir(parents=True)
        write_part(part, folder / f"month=2024-0{number + 5}" / "part-00000.parquet")
    whole_path = tmp_path / "whole.csv"
    whole.write_csv(whole_path)
    _, out_parts, _ = run_cli("audit", str(folder), "--format", "json")
    _, out_whole, _ = run_cli("audit", str(whole_path), "--format", "json")
    assert comparable(out_parts) == comparable(out_whole)


def test_typed_parquet_columns_read_as_the_text_a_csv_holds(run_cli, tmp_path):
    text = tmp_path / "text.csv"
    text.write_text("ticket_id,event,at,unit,urgent\nT1,dispatched,2024-05-06 09:00:00,汉山街道,false\n"
                    "T1,accepted,2024-05-06 10:30:00,,\n", encoding="utf-8")
    wall = pl.Series(["2024-05-06 09:00:00", "2024-05-06 10:30:00"]).str.to_datetime()
    base = {"ticket_id": ["T1", "T1"], "event": ["dispatched", "accepted"],
            "unit": ["汉山街道", None], "urgent": [False, None]}
    naive = tmp_path / "naive.parquet"
    pl.DataFrame({**base, "at": wall}).write_parquet(naive)
    zoned = tmp_path / "zoned.parquet"      # the same instants written in UTC
    pl.DataFrame({**base, "at": wall.dt.replace_time_zone("Asia/Shanghai")
                  .dt.convert_time_zone("UTC")}).write_parquet(zoned)
    epoch = tmp_path / "epoch.parquet"      # the Arrow layout of the partition function
    pl.DataFrame({**base, "at": wall.dt.replace_time_zone("Asia/Shanghai").dt.epoch("s")}) \
        .write_parquet(epoch)
    _, expected, _ = run_cli("audit", str(text), "--format", "json")
    findings = json.loads(expected)["findings"]
    assert any(f["rule"] == "acceptance-1h" for f in findings)
    for path in (naive, zoned, epoch):
        status, out, err = run_cli("audit", str(path), "--format", "json")
        assert json.loads(out)["findings"] == findings, (path.name, err)


def test_a_parquet_export_with_chinese_columns_is_read_through_its_mapping(run_cli, tmp_path):
    path = tmp_path / "平台导出.parquet"
    pl.DataFrame({"工单编号": ["T1", "T1"], "事件": ["派单", "签收"],
                  "时间": ["2024-05-06 09:00", "2024-05-06 10:30"], "承办单位": ["汉山街道", None]}) \
        .write_parquet(path)
    status, out, err = run_cli("audit", str(path), "--format", "json")
    assert status == 1, err
    assert [f["rule"] for f in json.loads(out)["findings"]].count("acceptance-1h") == 1


def test_a_file_that_is_not_parquet_stops_naming_it(run_cli, tmp_path):
    path = tmp_path / "log.parquet"
    path.write_text("ticket_id,event,at\n", encoding="utf-8")
    status, _, err = run_cli("audit", str(path))
    assert status == 2 and str(path) in err and "Parquet" in err and "Traceback" not in err


def test_name_order_compares_numbers_as_numbers():
    names = ["part-10.csv", "part-2.csv", "Part-1.csv", "2024-12.csv", "2024-9.csv"]
    assert sorted(names, key=name_order) == ["2024-9.csv", "2024-12.csv", "Part-1.csv",
                                             "part-2.csv", "part-10.csv"]


def test_a_missing_path_stops():
    from checker.errors import CheckerError
    with pytest.raises(CheckerError):
        log_files(["/nonexistent/exports"])


@pytest.mark.parametrize("command", [("remind", "--as-of", "2024-05-20 10:00"), ("report", "--month", "2024-05")],
                         ids=["remind", "report"])
def test_report_and_remind_take_a_folder_of_parts(run_cli, tmp_path, command):
    folder = tmp_path / "exports"
    folder.mkdir()
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "logs"
    (folder / "1-long.csv").write_bytes((fixtures / "long-utf8.csv").read_bytes())
    (folder / "2-wide.xlsx").write_bytes((fixtures / "wide-sample.xlsx").read_bytes())
    (folder / "~$2-wide.xlsx").write_bytes(b"lock")
    status_files, by_files, _ = run_cli(*command, str(folder / "1-long.csv"), str(folder / "2-wide.xlsx"),
                                        "--format", "json")
    status_folder, by_folder, err = run_cli(*command, str(folder), "--format", "json")
    assert status_folder == status_files and by_folder == by_files
    assert json.loads(by_folder) and "临时文件" in err
