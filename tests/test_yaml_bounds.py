"""Rule files from pull requests are plain data within bounds: an alias bomb, deep nesting,
explicit tags and huge numbers stop at their line, quickly, in Chinese by default."""

from __future__ import annotations

import time

import pytest

from checker.errors import CheckerError
from checker.yamlio import load_yaml_text


def refused(text: str, lang: str = "zh") -> CheckerError:
    started = time.monotonic()
    with pytest.raises(CheckerError) as raised:
        load_yaml_text(text, "rules.yaml", lang)
    assert time.monotonic() - started < 5
    assert raised.value.file == "rules.yaml"
    return raised.value


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines.append(f"rules: *a{levels}")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_stops_at_the_alias_that_crosses_the_bound():
    error = refused(billion_laughs())
    assert "别名" in error.message and "100000" in error.message
    assert 1 < error.line <= 10


def test_a_few_aliases_of_a_shared_condition_are_fine():
    loaded = load_yaml_text("base: &c {equals: {column: category, value: 供水}}\n"
                            "rules: [{when: *c}, {when: *c}]\n", "r.yaml")
    assert loaded.data["rules"][1]["when"] == {"equals": {"column": "category", "value": "供水"}}


@pytest.mark.parametrize("text", [
    "rules: " + "[" * 1000 + "]" * 1000 + "\n",
    "rules:\n" + "".join("  " * i + "- not:\n" for i in range(400)) + "  " * 400 + "- x\n",
    "rules: " + "{a: " * 200 + "1" + "}" * 200 + "\n",
])
def test_nesting_past_the_bound_stops_at_its_line(text):
    error = refused(text)
    assert "嵌套超过 64 层" in error.message and error.line is not None


def test_deep_nesting_through_aliases_counts_too():
    deep = "[" * 40 + "x" + "]" * 40
    error = refused(f"a: &a {deep}\nb: " + "[" * 30 + "*a" + "]" * 30 + "\n")
    assert "嵌套" in error.message and error.line == 2


def test_an_alias_inside_its_own_anchor_is_refused():
    error = refused("a: &a [1, *a]\n")
    assert "*a" in error.message and error.line == 1


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!!timestamp 2024-05-01",
                                 "!!python/object:os.system {}", "!local x", "!!omap [{a: 1}]"])
def test_explicit_tags_are_refused_at_their_line(tag):
    error = refused(f"id: x\nrules:\n  - {tag}\n")
    assert "不支持 YAML 标签" in error.message and error.line == 3


def test_str_tag_is_still_allowed():
    assert load_yaml_text("year: !!str 2024\n", "r.yaml").data == {"year": "2024"}


def test_huge_integers_and_infinities_are_refused():
    error = refused("within: " + "9" * 5000 + "\n")
    assert "整数过大" in error.message and error.line == 1
    assert "有限数" in refused("x: 1\ny: .inf\n").message


def test_english_on_request():
    assert "nested deeper than 64" in refused("x: " + "[" * 100 + "]" * 100, "en").message


def test_bounds_can_be_raised(monkeypatch):
    monkeypatch.setenv("HOTLINE_CHECK_LIMIT_YAML_DEPTH", "200")
    text = "rules: " + "[" * 100 + "]" * 100 + "\n"
    assert load_yaml_text(text, "r.yaml").data["rules"] is not None


def test_a_big_file_of_comments_is_parsed_once_and_quickly():
    text = ("# " + "注释" * 40 + "\n") * 200_000 + "rules: []\n"
    started = time.monotonic()
    loaded = load_yaml_text(text, "r.yaml")
    assert loaded.data == {"rules": []}
    assert loaded.position(["rules"]) == (200_001, 8)
    assert time.monotonic() - started < 5


def test_duplicate_keys_and_dates_as_before():
    assert load_yaml_text("from: 2024-01-01\n", "r.yaml").data == {"from": "2024-01-01"}
    assert "重复的键" in refused("a: 1\na: 2\n").message
    assert refused("a: [1\n").message.startswith("YAML 语法错误")
    assert "several YAML documents" in refused("a: 1\n---\nb: 2\n", "en").message
