"""`validate` names the shown texts lacking a language an output needs, each at its line."""

from __future__ import annotations

import json
import shutil

import pytest

from checker import resources
from checker.validation.languages import is_chinese, text_languages

ACCEPTANCE = ("    interpretation:\n      zh: >-\n        “工作日内所有工单”按派单（或改派）当日认定")


def _copy_with(tmp_path, edit) -> tuple[str, str]:
    """The shipped rule set beside its clause list and calendar, edited; (path, edited text)."""
    rules = resources.rules_dir()
    shutil.copy(rules / "clauses.yaml", tmp_path / "clauses.yaml")
    shutil.copytree(rules / "calendars", tmp_path / "calendars")
    text = edit((rules / "nanzheng-2024.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "nanzheng-2024.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path), text


def _english_only_acceptance(text: str) -> str:
    """acceptance-1h's interpretation as it was once written: one English paragraph."""
    start = text.index(ACCEPTANCE)
    end = text.index("\n\n", start)
    return (text[:start] + "    interpretation: >-\n      Read by the day of the dispatch: a ticket "
            "dispatched on a workday, at any hour, has one hour." + text[end:])


def _line_of(text: str, needle: str, after: str) -> int:
    return text[:text.index(needle, text.index(after))].count("\n") + 1


def test_an_english_only_interpretation_is_named_at_its_line(run_cli, tmp_path):
    path, text = _copy_with(tmp_path, _english_only_acceptance)
    line = _line_of(text, "interpretation:", "id: acceptance-1h")
    status, out, err = run_cli("validate", path)
    assert status == 0, out + err              # a warning: the rule set still loads and runs
    assert f"nanzheng-2024.yaml:{line}:5: 警告：rules[1].interpretation（acceptance-1h） 缺少中文文本" in out
    assert "1 个警告" in out
    status, out, _ = run_cli("validate", "--strict", path)
    assert status == 2


def test_a_chinese_only_text_lacks_english_when_english_is_needed(run_cli, tmp_path):
    def chinese_only(text: str) -> str:
        text = text.replace("languages: [zh, en]\n", "")
        start = text.index("  en: >-", text.index(ACCEPTANCE))
        return text[:start] + text[text.index("\n\n", start):].lstrip(" ")
    path, text = _copy_with(tmp_path, chinese_only)
    line = _line_of(text, "interpretation:", "id: acceptance-1h")
    status, out, err = run_cli("validate", path)
    assert status == 0 and "警告" not in out, out + err     # Chinese is all a Chinese run needs
    status, out, _ = run_cli("validate", "--lang", "en", path)
    assert status == 0
    assert (f"nanzheng-2024.yaml:{line}:5: warning: rules[1].interpretation（acceptance-1h） "
            "has no English text") in out
    # Declared languages are needed whatever the run's language.
    (tmp_path / "nanzheng-2024.yaml").write_text(text.replace("calendar: cn-mainland\n",
                                                              "calendar: cn-mainland\nlanguages: [zh, en]\n"),
                                                 encoding="utf-8")
    status, out, _ = run_cli("validate", path)
    assert f"nanzheng-2024.yaml:{line + 1}:5: 警告：rules[1].interpretation（acceptance-1h） 缺少英文文本" in out


def test_warnings_reach_every_validate_format(run_cli, tmp_path):
    path, text = _copy_with(tmp_path, _english_only_acceptance)
    line = _line_of(text, "interpretation:", "id: acceptance-1h")
    status, out, _ = run_cli("validate", "--format", "json", path)
    document = json.loads(out)
    assert document["valid"] is True
    assert [w["line"] for w in document["files"][0]["warnings"]] == [line]
    status, out, _ = run_cli("validate", "--format", "github", path)
    assert f"::warning file={path},line={line},col=5::警告：rules[1].interpretation" in out
    status, out, _ = run_cli("validate", "--format", "junit", path)
    assert "<system-err>" in out and "缺少中文文本" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_shipped_rule_sets_have_every_text_in_both_languages(run_cli, lang):
    status, out, err = run_cli("validate", "--strict", "--lang", lang)
    assert status == 0, out + err
    assert "警告" not in out and "warning" not in out


def test_a_plain_string_is_chinese_when_its_chinese_outnumbers_its_latin_letters():
    assert is_chinese("“及时”理解为工单超时后第一个工作日24时前")
    assert is_chinese("见领导接听日（leader_days）一节的说明。")        # an identifier is no English
    assert is_chinese("月度通报由日志生成（hotline-check report）")
    assert not is_chinese("及时 is read as within 24 hours of the approval")
    assert not is_chinese("满意率 weighs 基本满意 at 0.8 and earns 40 points")
    assert text_languages({"zh": "回复率", "en": "Reply rate"}) == {"zh", "en"}
    assert text_languages("Reply rate") == {"en"}


def test_a_test_case_described_in_english_only_is_named(run_cli, tmp_path):
    path, _ = _copy_with(tmp_path, lambda text: text)
    tests = (resources.rules_dir() / "nanzheng-2024.tests.yaml").read_text(encoding="utf-8")
    start = tests.index("    description:\n      zh: >-")
    end = tests.index("    as_of:", start)
    tests = tests[:start] + "    description: Monday is a workday; exactly one hour is within the hour.\n" + tests[end:]
    (tmp_path / "nanzheng-2024.tests.yaml").write_text(tests, encoding="utf-8")
    line = tests[:start].count("\n") + 1
    status, out, _ = run_cli("validate", str(tmp_path / "nanzheng-2024.tests.yaml"))
    assert status == 0
    assert (f"nanzheng-2024.tests.yaml:{line}:5: 警告：cases[0].description（acceptance-exactly-1h） "
            "缺少中文文本") in out
