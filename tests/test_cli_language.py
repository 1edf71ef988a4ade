"""The command line speaks Chinese by default: help, click's usage errors, file and YAML errors."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from checker.cli import cli

SAMPLE = str(Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv")


def _commands(command=cli, path=()):
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(None):
            yield from _commands(command.get_command(None, name), path + (name,))


ALL_COMMANDS = [path for path, _ in _commands()]


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda p: " ".join(p) or "hotline-check")
def test_help_is_chinese_without_english_sentences(run_cli, path):
    status, out, _ = run_cli(*path, "--help")
    assert status == 0 and "用法" in out and "显示本说明并退出" in out
    prose = re.sub(r"[\w./*$-]*[A-Za-z][\w./*$-]*", "", out.split("\n", 1)[1])   # drop identifiers
    english = re.findall(r"\b[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}\b", out.split("\n", 1)[1])
    assert english == [], f"{english}: add the Chinese help to checker/cli/texts.py"
    assert "Show this message" not in out and "Options" not in out


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=lambda p: " ".join(p) or "hotline-check")
def test_help_in_english_on_request(run_cli, monkeypatch, path):
    monkeypatch.setenv("HOTLINE_CHECK_LANG", "en")
    status, out, _ = run_cli(*path, "--help")
    assert status == 0 and "Usage:" in out and "Show this message and exit." in out


def test_lang_option_wins_over_nothing(run_cli):
    _, out, _ = run_cli("report", "--help", "--lang", "en")
    assert "Usage:" in out and "The month reported" in out


def test_a_mistyped_option_is_answered_in_chinese_with_a_suggestion(run_cli):
    status, out, err = run_cli("report", SAMPLE, "--mnth", "2024-05")
    assert status == 2 and out == ""
    assert "没有选项 '--mnth'" in err and "'--month'" in err and "错误" in err
    assert "No such option" not in err and "Did you mean" not in err


def test_missing_option_and_invalid_value_in_chinese(run_cli):
    status, _, err = run_cli("report", SAMPLE)
    assert status == 2 and "缺少 --month：请给出通报月份" in err and "Missing" not in err
    status, _, err = run_cli("report", SAMPLE, "--month", "2024-05", "--format", "pdf")
    assert status == 2 and "'--format' 的值无效" in err and "'pdf'" in err and "Invalid" not in err
    status, _, err = run_cli("reprot", SAMPLE)
    assert status == 2 and "没有命令 'reprot'" in err and "'report'" in err


def test_english_usage_errors_on_request(run_cli):
    status, _, err = run_cli("report", SAMPLE, "--mnth", "2024-05", "--lang", "en")
    assert status == 2 and "No such option" in err


def test_a_missing_file_in_chinese(run_cli, tmp_path):
    missing = str(tmp_path / "nothere.csv")
    status, _, err = run_cli("audit", missing)
    assert status == 2 and f"{missing}: 找不到该文件" in err
    status, _, err = run_cli("audit", missing, "--lang", "en")
    assert status == 2 and "file not found" in err


def test_a_yaml_syntax_error_in_chinese_with_line_and_column(run_cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nrules:\n  - id: a\n   kind: deadline\n", encoding="utf-8")
    status, out, err = run_cli("validate", str(broken))
    text = out + err
    assert status == 2 and f"{broken}:4:4: YAML 语法错误" in text
    assert "第 3 行开始" in text and "did not find" not in text
    colon = tmp_path / "colon.yaml"
    colon.write_text("id: x\ntitle: 时限: 3小时\n", encoding="utf-8")
    status, out, err = run_cli("validate", str(colon))
    assert status == 2 and "colon.yaml:2:" in out + err and "请加引号" in out + err


def test_validate_names_a_report_text_without_chinese(run_cli, tmp_path):
    from checker import resources
    shipped = (resources.rules_dir() / "nanzheng-2024.yaml").read_text(encoding="utf-8")
    start = shipped.index("recurring_issues:\n  min_tickets: 3")
    english = shipped.index("\n\n", shipped.index("    en: >-", start))
    edited = (shipped[:start] + "recurring_issues:\n  min_tickets: 3\n"
              "  interpretation: Three tickets of one category make a recurring problem." + shipped[english:])
    for name in ("clauses.yaml",):
        (tmp_path / name).write_text((resources.rules_dir() / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "calendars").mkdir()
    for calendar in (resources.rules_dir() / "calendars").glob("*.yaml"):
        (tmp_path / "calendars" / calendar.name).write_text(calendar.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "nanzheng-2024.yaml"
    path.write_text(edited, encoding="utf-8")
    status, out, err = run_cli("validate", "--strict", str(path))
    assert status == 2
    assert "recurring_issues.interpretation 缺少中文文本：中文输出会显示这段外文" in out + err
