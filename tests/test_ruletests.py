"""The rule set's own example cases, one pytest test each, and the `test` command around them.

rules/nanzheng-2024.tests.yaml holds the cases an office writes from the notice's words; here
every case is a pytest test named after it, so a yearly change of the rule set that breaks a
case fails the build with the difference.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from checker import resources
from checker.errors import CheckerError
from checker.output.ruletests_out import difference_lines
from checker.ruletests import load_suite, run_case, run_suite

SHIPPED_TESTS = resources.rules_dir() / "nanzheng-2024.tests.yaml"
SUITE = load_suite(SHIPPED_TESTS)


@pytest.mark.parametrize("case", SUITE.cases, ids=[case.name for case in SUITE.cases])
def test_shipped_case(case):
    result = run_case(SUITE, case)
    assert result.passed, "\n".join(difference_lines(result, SUITE, "en"))


# --- a copy of the shipped cases, changed the way an editor would --------------------------

@pytest.fixture
def tests_copy(tmp_path):
    """A copy of the shipped tests file beside a copy of the shipped rule set."""
    rules = resources.rules_dir()
    shutil.copy(rules / "nanzheng-2024.yaml", tmp_path / "nanzheng-2024.yaml")
    shutil.copytree(rules / "calendars", tmp_path / "calendars")
    shutil.copy(rules / "clauses.yaml", tmp_path / "clauses.yaml")
    target = tmp_path / "nanzheng-2024.tests.yaml"
    shutil.copy(SHIPPED_TESTS, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the shipped tests file no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def test_shipped_file_passes_from_the_command_line(run_cli):
    status, out, _ = run_cli("test")
    assert status == 0
    assert f"{len(SUITE.cases)} 个用例：{len(SUITE.cases)} 个通过，0 个失败" in out
    assert "✗" not in out


def test_the_file_holds_the_cases_the_office_asked_for():
    names = {case.name for case in SUITE.cases}
    assert len(names) >= 15
    for wanted in ("acceptance-exactly-1h", "acceptance-1s-late", "acceptance-make-up-saturday",
                   "feedback-p5d-ends-at-midnight", "feedback-national-day-week",
                   "extension-approved-minute-before-due", "extension-approved-minute-after-due"):
        assert wanted in names


def test_a_wrong_due_time_fails_with_the_missing_and_the_unexpected_finding(tests_copy, run_cli):
    # One second late against 10:00 — the copy wrongly expects a due time of 10:01.
    edit(tests_copy, 'due: "2024-05-06T10:00:00+08:00", actual: "2024-05-06T10:00:01+08:00"',
         'due: "2024-05-06T10:01:00+08:00", actual: "2024-05-06T10:00:01+08:00"')
    status, out, _ = run_cli("test", str(tests_copy))
    assert status == 1
    assert "✗ acceptance-1s-late" in out
    assert "✓ acceptance-exactly-1h" in out
    expected_line = line_of(tests_copy, "10:01:00+08:00") - 1
    assert re.search(r"缺少  acceptance-1h  工单 T102 .*应完成时间 2024年5月6日 10:01"
                     rf".*nanzheng-2024\.tests\.yaml:{expected_line}", out)
    assert re.search(r"多出  acceptance-1h  工单 T102 .*应完成时间 2024年5月6日 10:00  ", out)
    assert "个通过，1 个失败" in out


def test_a_finding_not_listed_fails_the_case(tests_copy):
    # The case expects nothing from the exactly-one-hour ticket; a second late makes one.
    edit(tests_copy, '{ticket_id: T101, event: accepted, at: "2024-05-06 10:00:00"}',
         '{ticket_id: T101, event: accepted, at: "2024-05-06 10:00:01"}')
    suite = load_suite(tests_copy)
    [result] = [run_case(suite, case) for case in suite.cases if case.name == "acceptance-exactly-1h"]
    assert not result.passed and result.missing == []
    [finding] = result.unexpected
    assert (finding.rule, finding.ticket_id) == ("acceptance-1h", "T101")


def test_an_expected_finding_that_never_comes_fails_the_case(tests_copy):
    edit(tests_copy, "      - {rule: reminder-sent, ticket: T117, severity: warning,\n"
                     '         due: "2024-05-09T00:00:00+08:00", actual: null}',
         "      - {rule: reminder-sent, ticket: T117, severity: warning,\n"
         '         due: "2024-05-09T00:00:00+08:00", actual: null}\n'
         "      - {rule: head-notification, ticket: T117}")
    suite = load_suite(tests_copy)
    results = {result.case.name: result for result in run_suite(suite)}
    failed = results["overdue-not-reminded"]
    assert [item.values["rule"] for item in failed.missing] == ["head-notification"]
    assert failed.unexpected == []


def test_only_the_keys_given_are_compared_but_the_count_must_match(tests_copy):
    # Two expected items for T117 without due times still pair with its two findings…
    edit(tests_copy, '''      - {rule: feedback-deadline, ticket: T117, severity: violation,
         due: "2024-05-07T17:00:00+08:00", actual: "2024-05-07T18:30:00+08:00"}''',
         "      - {rule: feedback-deadline, ticket: T117}")
    suite = load_suite(tests_copy)
    [case] = [case for case in suite.cases if case.name == "overdue-not-reminded"]
    assert run_case(suite, case).passed
    # …but one item cannot stand for two findings.
    case.expect = case.expect[:1]
    result = run_case(suite, case)
    assert not result.passed and [f.rule for f in result.unexpected] == ["reminder-sent"]


def test_pending_findings_count_only_when_the_case_asks(tests_copy):
    edit(tests_copy, "  - name: emergency-due-at-as-of-is-pending\n    pending: true\n",
         "  - name: emergency-due-at-as-of-is-pending\n")
    suite = load_suite(tests_copy)
    [case] = [case for case in suite.cases if case.name == "emergency-due-at-as-of-is-pending"]
    result = run_case(suite, case)
    assert [item.values["rule"] for item in result.missing] == ["feedback-deadline"]


def test_an_unknown_event_is_a_broken_file_with_its_line(tests_copy, run_cli):
    edit(tests_copy, '{ticket_id: T101, event: citizen_contacted, at: "2024-05-06 10:20"}',
         '{ticket_id: T101, event: 联系群总, at: "2024-05-06 10:20"}')
    status, out, err = run_cli("test", str(tests_copy))
    assert status == 2 and out == ""
    assert f"nanzheng-2024.tests.yaml:{line_of(tests_copy, '联系群总')}:" in err
    assert "未知事件“联系群总”" in err


def test_bad_yaml_is_a_broken_file_with_its_line(tests_copy, run_cli):
    edit(tests_copy, '{ticket_id: T101, event: accepted, at: "2024-05-06 10:00:00"}',
         '{ticket_id: T101, event: accepted, at: "2024-05-06 10:00:00"')
    status, _, err = run_cli("test", str(tests_copy), "--lang", "en")
    assert status == 2
    assert re.search(r"nanzheng-2024\.tests\.yaml:\d+:\d+: YAML syntax error", err)
    assert "Traceback" not in err


def test_an_expected_rule_the_rule_set_lacks_is_a_broken_file(tests_copy):
    edit(tests_copy, "{rule: acceptance-1h, ticket: T102", "{rule: acceptance-2h, ticket: T102")
    with pytest.raises(CheckerError) as raised:
        load_suite(tests_copy)
    assert raised.value.line == line_of(tests_copy, "acceptance-2h")
    assert "acceptance-2h" in raised.value.message


def test_an_impossible_timestamp_is_a_broken_file(tests_copy):
    edit(tests_copy, 'as_of: "2024-10-08 12:00"', 'as_of: "2024-02-30 12:00"')
    with pytest.raises(CheckerError) as raised:
        load_suite(tests_copy)
    assert raised.value.line == line_of(tests_copy, "2024-02-30")


def test_duplicate_case_names_are_refused(tests_copy):
    edit(tests_copy, "- name: acceptance-1s-late", "- name: acceptance-exactly-1h")
    with pytest.raises(CheckerError) as raised:
        load_suite(tests_copy)
    lines = [number for number, line in enumerate(tests_copy.read_text(encoding="utf-8").splitlines(), 1)
             if "- name: acceptance-exactly-1h" in line]
    assert raised.value.line == lines[1]
    assert f"第 {lines[0]} 行" in raised.value.message


def test_the_rule_set_finds_its_tests_file_beside_it(tests_copy, run_cli):
    status, out, _ = run_cli("test", str(tests_copy.with_name("nanzheng-2024.yaml")), "--lang", "en")
    assert status == 0 and "passed, 0 failed" in out


def test_a_rule_set_without_tests_file_is_an_error(tmp_path, run_cli):
    ruleset = tmp_path / "other.yaml"
    shutil.copy(resources.default_ruleset_path(), ruleset)
    status, _, err = run_cli("test", str(ruleset))
    assert status == 2 and "other.tests.yaml" in err


def test_json_output_lists_each_case_and_the_differences(tests_copy, run_cli):
    edit(tests_copy, 'due: "2024-05-12T23:30:00+08:00"', 'due: "2024-05-12T23:31:00+08:00"')
    status, out, _ = run_cli("test", str(tests_copy), "--format", "json")
    document = json.loads(out)
    assert status == 1
    assert document["summary"] == {"total": len(SUITE.cases), "passed": len(SUITE.cases) - 1, "failed": 1}
    [failed] = [case for case in document["cases"] if not case["passed"]]
    assert failed["name"] == "acceptance-sunday-urgent"
    assert failed["missing"][0]["due"] == "2024-05-12T23:31:00+08:00"
    assert failed["unexpected"][0]["due"] == "2024-05-12T23:30:00+08:00"


def test_github_and_junit_formats_for_ci(tests_copy, run_cli):
    edit(tests_copy, 'due: "2024-05-12T23:30:00+08:00"', 'due: "2024-05-12T23:31:00+08:00"')
    status, out, _ = run_cli("test", str(tests_copy), "--format", "github", "--lang", "en")
    case_line = line_of(tests_copy, "- name: acceptance-sunday-urgent")
    assert status == 1
    assert re.search(rf"^::error file=[^,]*nanzheng-2024\.tests\.yaml,line={case_line},"
                     r"title=case 'acceptance-sunday-urgent' failed::missing", out, re.M)
    status, out, _ = run_cli("test", str(tests_copy), "--format", "junit")
    assert status == 1
    assert 'failures="1"' in out and '<testcase classname="ruletests.nanzheng-2024" name="acceptance-sunday-urgent"' in out
