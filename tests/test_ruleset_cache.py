"""The rule set loaded without validating an unchanged file again (checker/validation/cache.py):
a changed rule file or calendar is validated again (and refused when it became invalid), a
corrupt or foreign entry is ignored, the cached rule set finds what the uncached one finds,
`validate` always validates, and HOTLINE_CHECK_CACHE=off writes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker import resources
from checker.engine.audit import AuditOptions, run_audit
from checker.errors import ErrorList
from checker.logs import read_logs
import checker.ruleset
from checker.calendar import calendar as calendar_module
from checker.validation import cache, schema_check

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2024-05.csv"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """An empty cache folder of the user's own."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.VARIABLE, raising=False)
    return home / "hotline-check" / "rules"


@pytest.fixture
def validations(monkeypatch):
    """How many times the schema checks ran, by kind."""
    counted: dict[str, int] = {}
    real = schema_check.schema_errors

    def counting(loaded, kind, lang):
        counted[kind] = counted.get(kind, 0) + 1
        return real(loaded, kind, lang)
    monkeypatch.setattr(schema_check, "schema_errors", counting)
    return counted


@pytest.fixture
def own_rules(tmp_path):
    """The shipped rule set with its calendar beside it, as an office keeps them."""
    folder = tmp_path / "rules"
    folder.mkdir()
    shipped = resources.default_ruleset_path()
    text = shipped.read_text(encoding="utf-8")
    shutil.copy(resources.calendars_dir() / "cn-mainland.yaml", folder / "cn-mainland.yaml")
    text = text.replace("calendar: cn-mainland", "calendar: cn-mainland.yaml")
    assert "calendar: cn-mainland.yaml" in text
    path = folder / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def load_ruleset(path):
    """The rule set as a new run loads it (the calendars a process already read are forgotten)."""
    calendar_module._CACHE.clear()
    return checker.ruleset.load_ruleset(path)


def entries(home: Path) -> list[Path]:
    return sorted(home.glob("*.json")) if home.is_dir() else []


def test_an_unchanged_file_is_validated_once(cache_home, validations, own_rules):
    first = load_ruleset(own_rules)
    assert validations == {"ruleset": 1, "calendar": 1}
    assert len(entries(cache_home)) == 2            # the rule set's and the calendar's
    second = load_ruleset(own_rules)
    assert validations == {"ruleset": 1, "calendar": 1}
    assert second.title == first.title and second.file_hash == first.file_hash
    entry = json.loads(entries(cache_home)[0].read_text(encoding="utf-8"))
    assert entry["program"] == "hotline-check" and entry["files"]


def test_a_changed_rule_file_is_validated_again_and_refused_once_invalid(cache_home, validations, own_rules):
    load_ruleset(own_rules)
    text = own_rules.read_text(encoding="utf-8")
    own_rules.write_text(text.replace("title: ", "title: 新", 1), encoding="utf-8")
    assert load_ruleset(own_rules).title.startswith("新")
    assert validations["ruleset"] == 2
    own_rules.write_text(text.replace("timezone: Asia/Shanghai", "timezone: 42"), encoding="utf-8")
    with pytest.raises(ErrorList) as refused:
        load_ruleset(own_rules)
    assert "timezone" in str(refused.value)
    assert validations["ruleset"] == 3


def test_a_changed_calendar_invalidates_the_rule_set_that_reads_it(cache_home, validations, own_rules):
    load_ruleset(own_rules)
    calendar = own_rules.parent / "cn-mainland.yaml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + "\n# 2025 年通知已核对\n", encoding="utf-8")
    load_ruleset(own_rules)
    assert validations == {"ruleset": 2, "calendar": 2}
    calendar.write_text("years: 年份\n", encoding="utf-8")
    with pytest.raises(ErrorList):
        load_ruleset(own_rules)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "other version", "lies about files"])
def test_a_corrupt_or_foreign_entry_is_ignored(cache_home, validations, own_rules, damage):
    load_ruleset(own_rules)
    for path in entries(cache_home):
        text = path.read_text(encoding="utf-8")
        entry = json.loads(text)
        if damage == "garbage":
            path.write_bytes(b"\x00\xff not json")
        elif damage == "truncated":
            path.write_text(text[: len(text) // 2], encoding="utf-8")
        elif damage == "foreign":
            path.write_text(json.dumps({**entry, "program": "another-tool"}), encoding="utf-8")
        elif damage == "other version":
            path.write_text(json.dumps({**entry, "version": "0.0.0-old"}), encoding="utf-8")
        else:
            path.write_text(json.dumps({**entry, "files": [[p, "0" * 64] for p, _ in entry["files"]]}),
                            encoding="utf-8")
    load_ruleset(own_rules)
    assert validations == {"ruleset": 2, "calendar": 2}
    load_ruleset(own_rules)             # written again: trusted from now on
    assert validations == {"ruleset": 2, "calendar": 2}


def test_the_cached_rule_set_finds_what_the_uncached_one_finds(cache_home, monkeypatch, own_rules):
    monkeypatch.setenv(cache.VARIABLE, "off")
    uncached = load_ruleset(own_rules)
    monkeypatch.delenv(cache.VARIABLE)
    load_ruleset(own_rules)
    cached = load_ruleset(own_rules)
    log = read_logs([str(SAMPLE)], cached.tz)
    found = [run_audit(log, rules, AuditOptions(pending=True)).findings for rules in (uncached, cached)]
    assert found[0] and found[0] == found[1]


def test_off_writes_nothing_and_validates_every_time(cache_home, monkeypatch, validations, own_rules):
    monkeypatch.setenv(cache.VARIABLE, "off")
    load_ruleset(own_rules)
    load_ruleset(own_rules)
    assert validations["ruleset"] == 2 and not cache_home.exists()


def test_validate_always_validates(cache_home, validations, own_rules, run_cli):
    load_ruleset(own_rules)
    written = entries(cache_home)
    calendar_module._CACHE.clear()
    status, out, err = run_cli("validate", str(own_rules))
    assert status == 0, err
    assert validations == {"ruleset": 2, "calendar": 2}
    assert entries(cache_home) == written


def test_an_unwritable_cache_folder_costs_only_the_time(tmp_path, monkeypatch, validations, own_rules):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv(cache.VARIABLE, raising=False)
    assert load_ruleset(own_rules).title
    assert load_ruleset(own_rules).title
    assert validations["ruleset"] == 2
