"""The JSON Schemas under schemas/: each is a valid draft 2020-12 schema, and the rule set and
clause schemas accept what the shipped files say and refuse what the notice cannot mean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checker.yamlio import load_yaml_file

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_schema_folder_is_not_empty():
    assert {"ruleset.schema.json", "clauses.schema.json"} <= {path.name for path in SCHEMAS}


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda path: path.name)
def test_each_schema_is_a_valid_draft_2020_12_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_shipped_rule_set_matches_the_rule_set_schema():
    data = load_yaml_file(REPO / "rules" / "nanzheng-2024.yaml").data
    assert list(_validator("ruleset").iter_errors(data)) == []


def test_the_shipped_clause_list_matches_the_clause_schema():
    data = load_yaml_file(REPO / "rules" / "clauses.yaml").data
    assert list(_validator("clauses").iter_errors(data)) == []


def _within(duration) -> dict:
    """A one-rule rule set whose only variable part is the duration of its time limit."""
    data = load_yaml_file(REPO / "rules" / "nanzheng-2024.yaml").data
    rule = next(rule for rule in data["rules"] if rule["id"] == "acceptance-1h")
    rule["within"] = {"duration": duration, "clock": "elapsed"}
    data["rules"] = [rule]
    return data


@pytest.mark.parametrize("duration", [
    "PT1H", "PT30M", "PT24H", "PT1H30M", "PT90S", "P5D", "P1W",
    {"2024-01-01": "PT3H", "2025-07-01": "PT2H"},
])
def test_iso_durations_and_dated_durations_are_accepted(duration):
    assert list(_validator("ruleset").iter_errors(_within(duration))) == []


@pytest.mark.parametrize("duration", [
    "", "P", "PT", "3小时", "3 hours", "PT1.5H", "p5d", "P1DT2H", "P1M", "P1Y", "1H", 3,
    {}, {"2024-02-30": "PT3H"}, {"2024-01-01": "3小时"}, {"next year": "PT2H"},
])
def test_other_durations_are_refused(duration):
    assert list(_validator("ruleset").iter_errors(_within(duration))) != []


def test_a_rule_may_not_mix_one_inline_check_with_a_list_of_checks():
    data = load_yaml_file(REPO / "rules" / "nanzheng-2024.yaml").data
    rule = next(rule for rule in data["rules"] if rule["id"] == "citizen-contact")
    rule["severity"] = "violation"
    errors = list(_validator("ruleset").iter_errors(data))
    assert [error.validator for error in errors] == ["unevaluatedProperties"]


@pytest.mark.parametrize("condition,ok", [
    ({"field": "deadline_class", "in": ["emergency"]}, True),
    ({"field": "event.on_workday", "equals": True}, True),
    ({"not": {"any": [{"field": "urgent", "equals": True}, {"field": "key_ticket", "equals": True}]}}, True),
    ({"field": "urgent"}, False),                                       # compares with nothing
    ({"field": "urgent", "equals": True, "in": [True]}, False),         # two comparisons
    ({"field": "eval('1')", "equals": 1}, False),                       # not a known field
    ({"all": []}, False),
    ({"any": [{"field": "urgent", "equals": True}], "field": "urgent"}, False),
])
def test_conditions_are_data_of_a_fixed_shape(condition, ok):
    data = load_yaml_file(REPO / "rules" / "nanzheng-2024.yaml").data
    rule = next(rule for rule in data["rules"] if rule["id"] == "acceptance-1h")
    rule["applies_when"] = condition
    assert (list(_validator("ruleset").iter_errors(data)) == []) is ok


def test_clause_keys_are_section_numbers():
    assert list(_validator("clauses").iter_errors({"clauses": {"2.1.3": "落实分类限时的反馈要求"}})) == []
    assert list(_validator("clauses").iter_errors({"clauses": {"二.1": "x"}})) != []
