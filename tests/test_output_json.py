"""`audit --format json`: the findings JSON of DESIGN.md and its schema."""

import json
from datetime import datetime

import pytest
from jsonschema import Draft202012Validator

from checker.output import render
from checker.resources import schema_path
from test_output_fixtures import RAW_ID, RAW_PHONE, sample_result


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(schema_path("findings").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def document():
    return json.loads(render(sample_result(), "json").decode("utf-8"))


def test_output_validates_against_the_schema(validator, document):
    assert list(validator.iter_errors(document)) == []


def test_schema_refuses_what_the_contract_forbids(validator, document):
    bad_severity = json.loads(json.dumps(document))
    bad_severity["findings"][0]["severity"] = "error"
    assert not validator.is_valid(bad_severity)
    no_offset = json.loads(json.dumps(document))
    no_offset["findings"][0]["due"] = "2024-05-11T10:30:00"
    assert not validator.is_valid(no_offset)
    missing_summary = {k: v for k, v in document.items() if k != "summary"}
    assert not validator.is_valid(missing_summary)


def test_identity_and_summary(document):
    assert document["ruleset"] == {"id": "nanzheng-2024", "source": "南政办发〔2024〕4号",
                                   "file": "", "hash": ""}
    assert document["as_of"] == "2024-06-01T00:00:00+08:00"
    assert document["summary"] == {"rows": 1234, "events": 1232, "rejected": 2, "tickets": 300,
                                   "violations": 3, "warnings": 1, "pending": 1}


def test_instants_round_trip_to_the_same_epoch(document):
    result = sample_result()
    for finding, shown in zip(result.findings, document["findings"]):
        assert int(datetime.fromisoformat(shown["due"]).timestamp()) == finding.due
        if finding.actual is None:
            assert shown["actual"] is None
        else:
            assert int(datetime.fromisoformat(shown["actual"]).timestamp()) == finding.actual
    first = document["findings"][0]
    assert (first["due"], first["actual"]) == ("2024-05-11T10:30:00+08:00",
                                               "2024-05-11T13:02:00+08:00")


def test_finding_fields(document):
    findings = document["findings"]
    assert [f["status"] for f in findings] == ["violated"] * 4 + ["pending"]
    assert findings[2]["check"] == "within-2h" and findings[0]["check"] is None
    assert findings[0]["responsible"] == "unit"
    assert findings[0]["note"] == "市民电话138****5678，要求回电"
    assert findings[3]["note"] == "身份证 610721********1234\n第二行"


def test_rejected_rows_name_the_sheet_only_for_xlsx(document):
    assert document["rejected"] == [
        {"source": "log.csv", "line": 7, "reason": "无法识别的时间“2024-13-01”"},
        {"source": "export.xlsx", "line": 12, "reason": "缺少工单编号", "sheet": "5月"},
    ]


def test_chinese_is_written_as_is_and_numbers_are_masked():
    text = render(sample_result(), "json").decode("utf-8")
    assert "区住建局" in text and "\\u" not in text
    assert RAW_PHONE not in text and RAW_ID not in text
