"""Rules not checkable and data-quality notes appear in every audit output, once each."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from jsonschema import Draft202012Validator

from checker.model import DataNote, Unjudged
from checker.output import render
from checker.resources import schema_path
from test_output_fixtures import RAW_PHONE, sample_result


def noted_result():
    result = sample_result()
    result.unjudged = [
        Unjudged("head-notification", "unrecorded", ["head_notified"], tickets=4,
                 sources=["export.xlsx"]),
        Unjudged("extension-approval", "unrecorded", ["extension_approved.actor"],
                 check="approved-in-time", tickets=1, sources=["export.xlsx"]),
    ]
    result.data_notes = [
        DataNote("assumed_approval", f"延期审批人未记录 {RAW_PHONE}", ticket_id="GD20240501002",
                 source="export.xlsx", line=5, rule="feedback-deadline"),
    ]
    return result


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "github", "junit"])
def test_every_text_output_names_what_it_could_not_check(fmt):
    text = render(noted_result(), fmt, console_width=400).decode("utf-8-sig")
    assert "通知承办单位负责人" in text and "导出未记录：通知负责人" in text
    assert "同意延期的操作人" in text
    assert "GD20240501002" in text and "延期审批人未记录" in text
    assert RAW_PHONE not in text


def test_table_summary_counts_them():
    text = render(noted_result(), "table").decode("utf-8")
    assert "2 项规则无法核查" in text and "数据质量提示 1 条" in text


def test_json_lists_them_and_validates():
    schema = json.loads(schema_path("findings").read_text(encoding="utf-8"))
    document = json.loads(render(noted_result(), "json"))
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    assert document["unjudged"][0] == {"rule": "head-notification", "check": None,
                                       "reason": "unrecorded", "missing": ["head_notified"],
                                       "tickets": 4, "sources": ["export.xlsx"]}
    assert document["data_notes"][0]["kind"] == "assumed_approval"
    assert RAW_PHONE not in json.dumps(document, ensure_ascii=False)


def test_xlsx_has_a_sheet_for_each():
    book = openpyxl.load_workbook(io.BytesIO(render(noted_result(), "xlsx")))
    assert "无法核查的规则" in book.sheetnames and "数据质量提示" in book.sheetnames
    rows = list(book["无法核查的规则"].values)
    assert rows[2][1] == "head-notification" and rows[2][3] == 4       # under the title and header rows


def test_junit_skips_unjudged_rules_without_failing():
    root = ET.fromstring(render(noted_result(), "junit"))
    suite = next(s for s in root.iter("testsuite") if s.get("name") == "无法核查的规则")
    assert suite.get("skipped") == "2" and suite.get("failures") == "0"


def test_csv_puts_them_below_the_findings():
    rows = list(csv.reader(io.StringIO(render(noted_result(), "csv").decode("utf-8-sig"))))
    heading = rows.index(["无法核查的规则（2 项）"])
    assert rows[heading + 2][1] == "head-notification"


def test_nothing_extra_when_all_was_judged():
    text = render(sample_result(), "table").decode("utf-8")
    assert "无法核查" not in text and "数据质量提示" not in text
