"""`validate` runs every check that loading for `audit` runs, so a rule file or mapping that
validates always loads, and one that does not is refused by both at the same line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from checker.cli import main

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "rules" / "nanzheng-2024.yaml"
SAMPLE = REPO / "fixtures" / "sample-2024-05.csv"


def run(capsys, *args):
    with pytest.raises(SystemExit) as done:
        main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "内部错误" not in captured.err
    return done.value.code, captured.out + captured.err


def located(output: str) -> set[tuple[str, str]]:
    """(file name, line) of every error shown."""
    return {(Path(m.group(1)).name, m.group(2)) for m in re.finditer(r"([^\s:]+\.yaml):(\d+)", output)}


def ruleset_with(tmp_path, old: str, new: str) -> Path:
    text = RULES.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "rules.yaml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    shutil.copytree(REPO / "rules" / "calendars", tmp_path / "calendars", dirs_exist_ok=True)
    return target


@pytest.mark.parametrize("old, new, words", [
    ("calendar: cn-mainland", "calendar: /etc/passwd", "不在规则集所在的文件夹"),
    ("calendar: cn-mainland", "calendar: ../../../../etc/hostname", "不在规则集所在的文件夹"),
    ("duration: PT1H", "duration: P99999999999D", "P99999999999D"),
    ("duration: PT1H", "duration: " + "9" * 5000, "整数过大"),
    ("duration: PT1H", "duration: !!binary aGVsbG8=", "!!binary"),
])
def test_a_broken_rule_set_is_refused_alike(capsys, tmp_path, old, new, words):
    rules = ruleset_with(tmp_path, old, new)
    status, validated = run(capsys, "validate", str(rules))
    assert status == 2 and words in validated
    status, audited = run(capsys, "audit", str(SAMPLE), "--rules", str(rules))
    assert status == 2 and words in audited
    assert located(validated) == located(audited) and located(audited)
    assert "root:" not in validated + audited          # nothing of the file it pointed to


MAPPING = """\
id: m
layout: long
columns: {工单编号: ticket_id, 事件: event, 时间: at}
"""


@pytest.mark.parametrize("extra, words", [
    ("encoding: rot13\n", "rot13"),
    ("encoding: gbk2000\n", "gbk2000"),
    ('timestamp_formats: ["%Y%Y"]\n', "%Y%Y"),
    ('timestamp_formats: ["%Q"]\n', "%Q"),
])
def test_a_broken_mapping_is_refused_alike(capsys, tmp_path, extra, words):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING + extra, encoding="utf-8")
    status, validated = run(capsys, "validate", str(mapping))
    assert status == 2 and words in validated
    status, audited = run(capsys, "audit", str(SAMPLE), "--mapping", str(mapping))
    assert status == 2 and words in audited
    assert located(validated) == located(audited) == {("mapping.yaml", "4")}


def test_a_wide_mapping_without_ticket_id_is_refused_by_validate_too(capsys, tmp_path):
    mapping = tmp_path / "wide.yaml"
    mapping.write_text("id: w\nlayout: wide\ncolumns: {单位: unit}\n"
                       "events: [{column: 派单时间, event: dispatched}]\n", encoding="utf-8")
    status, validated = run(capsys, "validate", str(mapping))
    assert status == 2 and "ticket_id" in validated


def test_the_shipped_rules_still_validate_and_load(capsys):
    status, out = run(capsys, "validate", str(REPO / "rules"))
    assert status == 0, out


def test_a_rule_set_past_the_bound_on_rules_is_refused_before_the_schema(capsys, monkeypatch):
    monkeypatch.setenv("HOTLINE_CHECK_LIMIT_RULES", "3")
    status, validated = run(capsys, "validate", str(RULES))
    assert status == 2 and "超过上限 3 条（HOTLINE_CHECK_LIMIT_RULES）" in validated
    status, audited = run(capsys, "audit", str(SAMPLE), "--rules", str(RULES))
    assert status == 2 and "超过上限 3 条" in audited
