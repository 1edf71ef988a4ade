"""`hotline-check validate`: every broken rule file is reported at the line to fix, with a
message naming the mistake; the shipped rules pass; the CI formats carry the same errors."""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import ErrorList
from checker.validation import load_valid, validate_paths
from checker.yamlio import load_yaml_file

REPO = Path(__file__).resolve().parent.parent
INVALID = REPO / "fixtures" / "invalid"
EXPECTED = load_yaml_file(INVALID / "EXPECTED.yaml").data

# A minimal valid rule set; each test below changes one thing in it.
MINIMAL = textwrap.dedent("""\
    id: minimal
    title: 最小规则集
    source: 南政办发〔2024〕4号
    effective:
      from: 2024-01-01
    timezone: Asia/Shanghai
    calendar: cn-mainland
    classes:
      emergency: {name: 突发事件、不稳定因素类, urgent: true}
      other: {name: 其他类, urgent: false}
    classification:
      default: other
      by_category:
        emergency: [突发事件]
    units:
      towns: [汉山街道]
    rules:
      - id: feedback-deadline
        clause: "2.1.3"
        quote: 其他类事项，承办单位须在5个自然日内反馈情况
        severity: violation
        kind: deadline
        start: [dispatched]
        end: [feedback]
        within:
          by_class:
            emergency: {duration: PT3H, clock: elapsed}
            other: {duration: P5D, clock: civil_days}
    """)


def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as done:
        main(["validate", *args])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return done.value.code, output


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture(autouse=True)
def in_repository(monkeypatch):
    monkeypatch.chdir(REPO)


# ------------------------------------------------------------ the broken fixtures

@pytest.mark.parametrize("case", EXPECTED, ids=lambda case: case["path"])
def test_each_broken_fixture_is_reported_at_its_line(capsys, case):
    target = f"fixtures/invalid/{case['path']}"
    status, output = run(capsys, target, "--lang", "en")
    assert status == 2
    error_lines = output.splitlines()[:-1]          # the last line is the summary
    assert len(error_lines) == case.get("errors", 1), output
    file = f"fixtures/invalid/{case.get('file', case['path'])}"
    first = error_lines[0]
    assert first.startswith(f"{file}:{case['line']}:"), output
    assert case["message"] in first, output


def test_every_fixture_file_is_listed_in_the_index():
    listed = {case.get("file", case["path"]) for case in EXPECTED}
    on_disk = {str(path.relative_to(INVALID)) for path in INVALID.rglob("*.yaml")} - {"EXPECTED.yaml"}
    # Of the overlapping pair, only the later version carries the error.
    assert on_disk - listed == {"overlapping/nanzheng-2024.yaml"}


def test_messages_are_chinese_by_default(capsys):
    status, output = run(capsys, "fixtures/invalid/unknown-event.yaml")
    assert status == 2
    assert "fixtures/invalid/unknown-event.yaml:30:11: 未知事件 'acepted'（是否应为 'accepted'？）" in output
    assert output.splitlines()[-1] == "1 个错误，涉及 1 个文件"


def test_an_overlap_is_reported_on_the_later_version_whatever_the_order_named(capsys):
    status, output = run(capsys, "fixtures/invalid/overlapping/nanzheng-2024-h2.yaml",
                         "fixtures/invalid/overlapping/nanzheng-2024.yaml", "--lang", "en")
    assert status == 2
    assert output.startswith("fixtures/invalid/overlapping/nanzheng-2024-h2.yaml:7:3: effective period "
                             "overlaps that of fixtures/invalid/overlapping/nanzheng-2024.yaml")


# ------------------------------------------------------------ the shipped rules

def test_the_shipped_rules_validate(capsys):
    status, output = run(capsys)
    assert status == 0
    assert "有效：rules/nanzheng-2024.yaml（规则集）" in output
    assert "有效：rules/calendars/cn-mainland.yaml（日历）" in output
    assert "有效：rules/clauses.yaml（条款清单）" in output
    assert output.splitlines()[-1].endswith("个文件有效")


def test_the_minimal_rule_set_the_tests_change_is_itself_valid(tmp_path):
    [report] = validate_paths([write(tmp_path, "minimal.yaml", MINIMAL)])
    assert (report.kind, report.errors) == ("ruleset", [])


# ------------------------------------------------------------ formats

def test_json_format(capsys):
    status, output = run(capsys, "fixtures/invalid/misspelled-key.yaml", "rules/clauses.yaml",
                         "--format", "json", "--lang", "en")
    assert status == 2
    document = json.loads(output)
    assert document["valid"] is False
    broken, clauses = document["files"]
    assert broken == {"path": "fixtures/invalid/misspelled-key.yaml", "kind": "ruleset", "valid": False,
                      "errors": [{"line": 31, "column": 5,
                                  "message": "rules[0]: unknown key 'withn' (did you mean 'within'?)"}],
                      "warnings": []}
    assert clauses == {"path": "rules/clauses.yaml", "kind": "clauses", "valid": True, "errors": [], "warnings": []}


def test_github_format(capsys):
    status, output = run(capsys, "fixtures/invalid/unknown-event.yaml", "--format", "github", "--lang", "en")
    assert status == 2
    assert output.strip() == ("::error file=fixtures/invalid/unknown-event.yaml,line=30,col=11::"
                              "unknown event 'acepted' (did you mean 'accepted'?)")


def test_junit_format(capsys):
    status, output = run(capsys, "fixtures/invalid/unknown-unit.yaml", "rules/clauses.yaml",
                         "--format", "junit", "--lang", "en")
    assert status == 2
    suite = ElementTree.fromstring(output).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    broken, clauses = suite.findall("testcase")
    assert broken.get("name") == "fixtures/invalid/unknown-unit.yaml"
    assert "unit '区未知局' is not listed under units" in broken.find("failure").get("message")
    assert "fixtures/invalid/unknown-unit.yaml:42:23:" in broken.find("failure").text
    assert clauses.find("failure") is None


def test_junit_and_json_of_valid_files_exit_zero(capsys):
    assert run(capsys, "rules/clauses.yaml", "--format", "junit")[0] == 0
    assert json.loads(run(capsys, "rules/clauses.yaml", "--format", "json")[1])["valid"] is True


# ------------------------------------------------------------ paths

def test_a_missing_path_is_an_error_and_the_others_are_still_checked(capsys):
    status, output = run(capsys, "rules/nowhere.yaml", "rules/clauses.yaml", "--lang", "en")
    assert status == 2
    assert output.splitlines() == ["rules/nowhere.yaml: no such file or folder", "1 error(s) in 1 file(s)"]


def test_a_folder_without_rule_files_is_an_error(capsys, tmp_path):
    status, output = run(capsys, str(tmp_path), "--lang", "en")
    assert status == 2
    assert "the folder holds no rule file" in output


def test_a_file_of_no_known_kind(capsys, tmp_path):
    status, output = run(capsys, write(tmp_path, "notes.yaml", "hello: world\n"), "--lang", "en")
    assert status == 2
    assert ":1:1: unknown rule file kind" in output


def test_folders_are_searched_recursively_and_test_cases_left_to_their_own_schema(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("checker.validation.schema_check.schema_exists", lambda kind: False)
    write(tmp_path, "sets/minimal.yaml", MINIMAL)
    write(tmp_path, "sets/minimal.tests.yaml", "cases: [\n")      # not a rule set: skipped
    write(tmp_path, "sets/readme.txt", "not yaml")
    status, output = run(capsys, str(tmp_path), "--lang", "en")
    assert status == 0
    assert output.splitlines() == [f"valid: {tmp_path}/sets/minimal.yaml (rule set)", "1 file(s) valid"]


# ------------------------------------------------------------ meaning checks

def errors_of(tmp_path, text: str, name: str = "rules.yaml") -> list[str]:
    [report] = validate_paths([write(tmp_path, name, text)], lang="en")
    return [f"{error.line}: {error.message}" for error in report.errors]


def test_a_chinese_event_alias_is_not_a_rule_file_name(tmp_path):
    assert errors_of(tmp_path, MINIMAL.replace("end: [feedback]", "end: [反馈]")) == [
        "24: unknown event '反馈' (write 'feedback')"]


def test_duplicate_rule_ids(tmp_path):
    second = MINIMAL[MINIMAL.index("  - id: feedback-deadline"):]
    assert errors_of(tmp_path, MINIMAL + second) == [
        "29: duplicate rule id 'feedback-deadline' (first used on line 18)"]


def test_duplicate_check_names(tmp_path):
    text = MINIMAL + textwrap.indent(textwrap.dedent("""\
        - id: citizen-contact
          clause: "2.3.1"
          quote: 接到工单后，要立即与群众取得联系，核实具体诉求
          checks:
            - name: before-feedback
              severity: violation
              kind: requires
              trigger: {event: [feedback], first_only: true}
              require: {event: [citizen_contacted], position: before}
            - name: before-feedback
              severity: warning
              kind: requires
              trigger: {event: [closed]}
              require: {event: [citizen_contacted], position: before}
        """), "  ")
    assert errors_of(tmp_path, text) == [
        "38: duplicate check name 'before-feedback' in this rule (first used on line 33)"]


def test_a_reference_to_a_rule_that_is_not_a_deadline(tmp_path):
    text = MINIMAL + textwrap.indent(textwrap.dedent("""\
        - id: reminder-sent
          clause: "3.2"
          quote: 对超时的工单，要及时予以提醒督促
          severity: warning
          kind: requires
          trigger: {overdue_of: [feedback-deadline, reminder-sent]}
          require: {event: [reminded], position: after, within: {duration: P1D, clock: workdays}}
        """), "  ")
    assert errors_of(tmp_path, text) == ["34: rule 'reminder-sent' is not a deadline rule"]


@pytest.mark.parametrize("limit,ok", [
    ("{duration: P5D, clock: civil_days}", True),
    ("{duration: P1W, clock: workdays}", True),
    ("{duration: P1D, clock: elapsed}", True),          # 24 exact hours: fine
    ("{duration: PT24H, clock: workdays}", False),      # a day clock counts whole days
    ("{duration: PT0H, clock: elapsed}", False),        # the form is ISO, the value is nothing
])
def test_durations_fit_their_clock(tmp_path, limit, ok):
    text = MINIMAL.replace("{duration: P5D, clock: civil_days}", limit)
    assert (errors_of(tmp_path, text) == []) is ok


def test_effective_until_must_follow_from(tmp_path):
    text = MINIMAL.replace("  from: 2024-01-01\n", "  from: 2024-01-01\n  until: 2024-01-01\n")
    assert errors_of(tmp_path, text) == [
        "6: effective.until (2024-01-01) must be after effective.from (2024-01-01)"]


def test_versions_that_meet_do_not_overlap(tmp_path):
    old = MINIMAL.replace("  from: 2024-01-01\n", "  from: 2024-01-01\n  until: 2025-01-01\n")
    new = MINIMAL.replace("  from: 2024-01-01\n", "  from: 2025-01-01\n")
    write(tmp_path, "2024.yaml", old)
    write(tmp_path, "2025.yaml", new)
    assert all(report.valid for report in validate_paths([str(tmp_path)]))
    write(tmp_path, "2025.yaml", new.replace("from: 2025-01-01", "from: 2024-12-31"))
    reports = {Path(report.path).name: report for report in validate_paths([str(tmp_path)], lang="en")}
    assert reports["2024.yaml"].valid
    assert "overlaps that of" in reports["2025.yaml"].errors[0].message


def test_a_calendar_beside_the_rule_file_is_found_first(tmp_path):
    text = MINIMAL.replace("calendar: cn-mainland", "calendar: local")
    [error] = errors_of(tmp_path, text)
    assert error.startswith(f"7: calendar 'local' not found (looked for {tmp_path}/calendars/local.yaml, ")
    assert error.endswith("rules/calendars/local.yaml)")     # and then among the shipped calendars
    calendar = (REPO / "rules" / "calendars" / "cn-mainland.yaml").read_text(encoding="utf-8")
    write(tmp_path, "calendars/local.yaml", calendar.replace("id: cn-mainland", "id: local"))
    assert errors_of(tmp_path, text) == []


# ------------------------------------------------------------ calendars

CALENDAR = textwrap.dedent("""\
    id: test-calendar
    years:
      2024:
        source: 国办发明电〔2023〕7号
        holidays:
          - {name: 劳动节, from: 2024-05-01, to: 2024-05-05}
          - {name: 国庆节, from: 2024-10-01, to: 2024-10-07}
        workdays:
          - {date: 2024-04-28, for: 劳动节}
          - {date: 2024-05-11, for: 劳动节}
    """)


def test_make_up_saturdays_and_sundays_are_fine(tmp_path):
    assert errors_of(tmp_path, CALENDAR) == []


@pytest.mark.parametrize("change,expected", [
    (("2024-05-11", "2024-05-10"), "10: make-up workday 2024-05-10 is a Friday, not a weekend day"),
    (("to: 2024-10-07", "to: 2024-09-30"), "7: holiday '国庆节' ends (2024-09-30) before it starts (2024-10-01)"),
    (("from: 2024-10-01, to: 2024-10-07", "from: 2024-05-05, to: 2024-05-06"), "7: holiday '国庆节' overlaps '劳动节' (2024-05-01 to 2024-05-05)"),
    (("2024-04-28", "2025-04-27"), "9: 2025-04-27 is listed under the year 2024"),
    (("2024-05-11", "2024-02-30"), "10: '2024-02-30' is not a real date (YYYY-MM-DD)"),
])
def test_calendar_mistakes(tmp_path, change, expected):
    assert errors_of(tmp_path, CALENDAR.replace(*change)) == [expected]


# ------------------------------------------------------------ load_valid, for the loaders

def test_load_valid_gives_the_data_of_a_valid_rule_set():
    loaded = load_valid(REPO / "rules" / "nanzheng-2024.yaml", "ruleset")
    assert loaded.data["id"] == "nanzheng-2024"


def test_load_valid_raises_every_error_best_match_first(tmp_path):
    text = MINIMAL.replace("end: [feedback]", "end: 反馈").replace("  towns:", "  towns: 1\n  depts:")
    with pytest.raises(ErrorList) as raised:
        load_valid(write(tmp_path, "rules.yaml", text), "ruleset", lang="en")
    messages = [f"{error.line}: {error.message}" for error in raised.value.errors]
    assert messages[0] == "16: units.towns: 1 should be a list"
    assert "25: rules[0].end: '反馈' should be a list — a list of event names such as [dispatched, redispatched]" \
        in messages


def test_load_valid_names_a_file_of_the_wrong_kind():
    with pytest.raises(ErrorList) as raised:
        load_valid(REPO / "rules" / "calendars" / "cn-mainland.yaml", "ruleset", lang="en")
    assert raised.value.errors[0].message == "this file is a calendar, not a rule set"


def test_a_test_cases_file_given_as_a_rule_set_is_named_as_such(run_cli):
    tests_file = REPO / "rules" / "nanzheng-2024.tests.yaml"
    with pytest.raises(ErrorList) as raised:
        load_valid(tests_file, "ruleset", lang="en")
    [error] = raised.value.errors
    assert error.message == "this file is a test cases file, not a rule set"
    # As a user meets it: `audit --rules` given the test cases instead of the rule set.
    status, _, err = run_cli("audit", str(REPO / "fixtures" / "sample-2024-05.csv"),
                             "--rules", str(tests_file))
    assert status == 2 and "Traceback" not in err
    assert "nanzheng-2024.tests.yaml" in err and "此文件是测试用例文件，不是规则集" in err


def test_load_valid_reports_yaml_errors_with_their_line():
    with pytest.raises(ErrorList) as raised:
        load_valid(INVALID / "duplicate-key.yaml", "ruleset")
    [error] = raised.value.errors
    assert (error.line, error.message) == (29, "重复的键“severity”（第 27 行已定义）")
