"""Every long command says its phases on a terminal — reading N rows, checking N tickets,
writing — and nothing when stderr is a pipe or a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import progress

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "fixtures" / "sample-2024-05.csv")
VERSIONS = ROOT / "fixtures" / "versions"

# The sample month: 2,682 data rows, 2,679 events, 320 tickets.
READ = "正在读取工单日志：已读 2,682 行…"
TICKETS = "320 张工单（2,679 个事件）"

RUNS = {
    "audit": (["audit", SAMPLE], [READ, f"正在核查 {TICKETS}…", "正在写出 120 项结果…"]),
    "report": (["report", SAMPLE, "--month", "2024-05"],
               [READ, f"正在核查 {TICKETS}，统计 2024-05 的三率和排名…", "正在写出 通报…"]),
    "report months": (["report", SAMPLE, "--month", "2024-05", "--months", "2"],
                      [READ, f"正在核查 {TICKETS}，统计 2024-05 的三率和排名…", "正在逐月统计 2 个月的三率…",
                       "正在写出 通报…"]),
    "remind": (["remind", SAMPLE, "--as-of", "2024-05-28 10:00"],
               [READ, f"正在核查 {TICKETS}在该时刻的期限…", None]),
    "explain": (["explain", SAMPLE, "NZ20240500187"],
                [READ, "正在从 2,679 个事件中查找工单 NZ20240500187…"]),
    "diff --log": (["diff", str(VERSIONS / "nanzheng-2024.yaml"), str(VERSIONS / "nanzheng-2025.yaml"),
                    "--log", SAMPLE], [READ, f"正在按新旧两个规则集核查 {TICKETS}…"]),
}


@pytest.fixture
def drawn(monkeypatch):
    """The labels the progress line shows, as if stderr were a terminal and every log long."""
    labels: list[str] = []
    monkeypatch.setattr(progress, "on_terminal", lambda: True)
    monkeypatch.setattr(progress, "SHOW_AFTER_ROWS", 1)
    monkeypatch.setattr(progress._Status, "draw", lambda self, label: labels.append(label))
    return labels


@pytest.mark.parametrize("name", RUNS)
def test_each_phase_is_named_with_its_counts(name, drawn, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args, expected = RUNS[name]
    status, _, err = run_cli(*args)
    assert status in (0, 1), err
    shown = list(dict.fromkeys(drawn))               # the reader may repeat its last count
    assert len(shown) == len(expected)
    for label, wanted in zip(shown, expected):
        if wanted is None:                            # the count is the command's own result
            assert label.startswith("正在写出 ") and label.endswith(" 项提醒…")
        else:
            assert label == wanted


def test_phases_speak_english_with_lang_en(drawn, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_cli("audit", SAMPLE, "--lang", "en")
    assert list(dict.fromkeys(drawn)) == ["reading the ticket log: 2,682 rows…",
                                          "checking 320 tickets (2,679 events)…", "writing 120 findings…"]


def test_nothing_is_drawn_off_a_terminal_or_for_a_short_log(run_cli, tmp_path, monkeypatch):
    labels: list[str] = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(progress._Status, "draw", lambda self, label: labels.append(label))
    monkeypatch.setattr(progress, "on_terminal", lambda: False)
    run_cli("report", SAMPLE, "--month", "2024-05")
    assert labels == []
    monkeypatch.setattr(progress, "on_terminal", lambda: True)     # a terminal, a short log
    run_cli("report", SAMPLE, "--month", "2024-05")
    assert labels == []
