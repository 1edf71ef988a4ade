"""The command behaves as a Unix tool: Ctrl-C prints one line and exits 130, a full disk is
one line and status 2, -o is atomic and never overwrites an input, and an input that could
not be judged exits 2 with the count."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "fixtures" / "sample-2024-05.csv"
HEADER = "工单编号,事件,时间,承办单位,操作人,诉求类别,时限类别,紧急,重点类别,是否解决,满意度,承诺时间,办结方式,渠道,备注\n"


def program(*args: str) -> list[str]:
    return [sys.executable, "-c", "from checker.entry import main; main()", *args]


@pytest.mark.parametrize("delay", [0.01, 0.1, 0.2, 0.4])
def test_ctrl_c_at_any_moment_is_one_line_and_130(delay):
    started = subprocess.Popen(program("audit", str(SAMPLE), "--format", "json"), cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    started.send_signal(signal.SIGINT)
    _, err = started.communicate(timeout=30)
    if started.returncode == 1:            # the audit finished first: nothing to interrupt
        return
    if started.returncode == -signal.SIGINT and not err:
        return      # the signal came before the interpreter itself was up: nothing ran, nothing shown
    if b"KeyboardInterrupt" in err and b"checker" not in err:
        return      # the interpreter's own start-up (site), before any line of the program ran
    assert started.returncode == 130, err
    assert err.decode("utf-8").strip() == "hotline-check: 已中断（Ctrl-C）"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line_and_status_2():
    with open("/dev/full", "wb") as full:
        done = subprocess.run(program("audit", str(SAMPLE), "--format", "json"), cwd=REPO,
                              stdout=full, stderr=subprocess.PIPE, timeout=60)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "Traceback" not in err
    assert err.strip().splitlines() == ["hotline-check: 无法写入标准输出：磁盘空间已满"]


def test_output_onto_an_input_is_refused(run_cli, tmp_path):
    log = tmp_path / "log.csv"
    shutil.copy(SAMPLE, log)
    before = log.read_bytes()
    status, _, err = run_cli("audit", str(log), "-o", str(log))
    assert status == 2 and "不会覆盖输入" in err
    assert log.read_bytes() == before


def test_output_is_written_whole_and_leaves_no_temporary_file(run_cli, tmp_path):
    target = tmp_path / "findings.json"
    target.write_text("old", encoding="utf-8")
    status, _, _ = run_cli("audit", str(SAMPLE), "--format", "json", "-o", str(target))
    assert status == 1 and target.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.json"]


def test_a_failed_write_leaves_the_old_file(run_cli, tmp_path, monkeypatch):
    from checker.cli import output_target
    target = tmp_path / "findings.json"
    target.write_text("old", encoding="utf-8")

    def no_space(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_target.os, "fsync", no_space)
    status, _, err = run_cli("audit", str(SAMPLE), "--format", "json", "-o", str(target))
    assert status == 2 and "磁盘空间已满" in err and "findings.json" in err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.json"]


def test_every_row_rejected_exits_2_with_the_count(run_cli, tmp_path):
    log = tmp_path / "serials.csv"
    log.write_text(HEADER + "".join(f"T{i},派单,notatime,区住房和城乡建设局,,,,,,,,,,,\n" for i in range(5)),
                   encoding="utf-8")
    status, out, err = run_cli("audit", str(log))
    assert status == 2
    assert "没有读到任何事件（共 5 行数据，拒收 5 行）" in err
    assert "notatime" in out            # the rejected rows are still listed


def test_more_than_the_share_rejected_exits_2(run_cli, tmp_path, monkeypatch):
    log = tmp_path / "half.csv"
    good = "T1,派单,2024-05-11 10:00,区住房和城乡建设局,,,,,,,,,,,\n"
    bad = "T2,派单,never,区住房和城乡建设局,,,,,,,,,,,\n"
    log.write_text(HEADER + good + bad * 3, encoding="utf-8")
    status, _, err = run_cli("audit", str(log))
    assert status == 2 and "拒收 3 行，占全部 4 行数据的 75%，超过上限 50%" in err
    monkeypatch.setenv("HOTLINE_CHECK_LIMIT_REJECTED_SHARE", "0.8")
    status, _, err = run_cli("audit", str(log))
    assert status in (0, 1) and "拒收" not in err
    # Under the raised limit the good row is still judged. Worked by hand: Saturday 2024-05-11 is a
    # make-up workday (国办发明电〔2023〕7号), so acceptance is due within 1 hour, by 11:00
    # (二、（一）二是); unaccepted at 12:00 it is violated, and the three bad rows are still listed.
    status, out, err = run_cli("audit", str(log), "--format", "json", "--as-of", "2024-05-11 12:00")
    assert status == 1, err
    result = json.loads(out)
    assert [(f["ticket_id"], f["rule"], f["due"], f["status"]) for f in result["findings"]] == [
        ("T1", "acceptance-1h", "2024-05-11T11:00:00+08:00", "violated")]
    assert [r["line"] for r in result["rejected"]] == [3, 4, 5]


@pytest.mark.parametrize("as_of", ["9999-12-31", "9999-12-31 23:59:59-12:00", "0001-01-01 00:00+14:00"])
def test_an_instant_past_the_calendar_on_the_command_line_is_a_usage_error(run_cli, as_of):
    status, _, err = run_cli("audit", str(SAMPLE), "--as-of", as_of)
    assert status == 2 and "--as-of" in err and "内部错误" not in err
