"""JUnit XML for CI."""

import xml.etree.ElementTree as ET

from checker.model import AuditResult, Finding
from checker.output import render
from test_output_fixtures import RAW_ID, RAW_PHONE, at, sample_result


def parse(result=None, lang="zh", **options) -> ET.Element:
    return ET.fromstring(render(result or sample_result(), "junit", lang, **options))


def test_suites_per_unit_and_failures_for_violations():
    root = parse()
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == ["区住建局", "区水利局", "被拒行"]
    assert len(root.findall(".//failure")) == 3 == int(root.get("failures"))
    housing = suites["区住建局"]
    assert (housing.get("tests"), housing.get("failures")) == ("3", "2")
    assert len(housing.findall("testcase")) == 3
    water = suites["区水利局"]
    assert water.get("skipped") == "1" and water.find(".//skipped") is not None


def test_warning_does_not_fail_and_rejected_rows_are_errors():
    root = parse()
    warned = next(case for case in root.iter("testcase") if "citizen-contact" in case.get("name"))
    assert warned.find("failure") is None
    assert warned.findtext("system-out").startswith("=HYPERLINK")  # no spreadsheet defusing in XML
    assert root.get("errors") == "2"
    assert [case.get("name") for case in root.find("testsuite[@name='被拒行']")] == [
        "log.csv:7", "export.xlsx [5月]:12"]


def test_one_testcase_per_ticket_and_rule():
    findings = [Finding("T1", "feedback-deadline", "2.1.3", "violation", "U",
                        at("2024-05-0%d 00:00" % day), None, "第%d轮未反馈" % day)
                for day in (2, 5)]
    result = AuditResult("r", "s", "Asia/Shanghai", at("2024-06-01 00:00"), 4, 4, 1, findings, [])
    root = parse(result)
    cases = root.findall(".//testcase")
    assert len(cases) == 1
    assert "第2轮未反馈" in cases[0].findtext("failure") and "第5轮未反馈" in cases[0].findtext("failure")


def test_escaped_and_masked():
    result = sample_result()
    result.findings[0].message = "<b>&\"'\x01</b>"
    data = render(result, "junit")
    root = ET.fromstring(data)       # well-formed despite markup and a control character
    assert root.find(".//failure").get("message") == "<b>&\"'</b>"
    text = data.decode("utf-8")
    assert RAW_PHONE not in text and RAW_ID not in text


def test_always_utf8_as_declared():
    # CI parsers (expat among them) read UTF-8 only, so a requested encoding is ignored.
    data = render(sample_result(), "junit", encoding="gb18030")
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert ET.fromstring(data).find("testsuite").get("name") == "区住建局"
