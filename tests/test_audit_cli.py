"""`hotline-check audit` and `explain` as a user runs them: exit status, errors, the due day."""

import json

import jsonschema
import pytest

from checker import resources

LOG = """ticket_id,event,at,unit,category,note
T1,dispatched,2024-05-11 09:00,汉山街道,噪音扰民,来电人13812345678
T1,accepted,2024-05-11 10:30,,,
T2,dispatched,2024-05-02 09:00,汉山街道,噪音扰民,
T2,accepted,2024-05-06 10:30,,,
T2,feedback,2024-05-08 00:00,,,
T3,dispatched,2024-05-06 09:00,区住建局,噪音扰民,
T3,accepted,2024-05-06 09:30,,,
T3,citizen_contacted,2024-05-06 10:00,,,
T3,feedback,2024-05-07 09:00,,,
T4,dispatched,2024-02-30 09:00,汉山街道,噪音扰民,
"""


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(LOG, encoding="utf-8")
    return str(path)


def test_audit_exits_1_and_lists_the_violations_with_their_clause(run_cli, log):
    status, out, err = run_cli("audit", log, "--format", "json")
    assert status == 1 and "Traceback" not in err
    result = json.loads(out)
    schema = json.loads(resources.schema_path("findings").read_text(encoding="utf-8"))
    jsonschema.validate(result, schema)
    violations = {(f["ticket_id"], f["rule"], f["clause"]) for f in result["findings"]
                  if f["severity"] == "violation"}
    assert ("T1", "acceptance-1h", "2.1.2") in violations     # make-up Saturday: 1 hour applies
    assert not any(t == "T2" and r == "acceptance-1h" for t, r, _ in violations)   # Labour Day
    assert not any(t == "T3" for t, _, _ in violations)
    assert result["summary"]["rows"] == result["summary"]["events"] + result["summary"]["rejected"]
    assert result["rejected"] == [{"source": log, "line": 11,
                                   "reason": "无法识别的时间“2024-02-30 09:00”"}]


def test_the_table_masks_phone_numbers_and_names_the_rejected_line(run_cli, log):
    status, out, _ = run_cli("audit", log)
    assert status == 1
    assert "13812345678" not in out and "138****5678" in out
    assert "11" in out and "2024-02-30" in out
    assert "联系群众 · 反馈前联系" in out        # a rule's named check, in the user's language


def test_only_warnings_or_nothing_exits_0(run_cli, tmp_path):
    path = tmp_path / "clean.csv"
    path.write_text("ticket_id,event,at,unit,category\n"
                    "T3,dispatched,2024-05-06 09:00,区住建局,噪音扰民\n"
                    "T3,accepted,2024-05-06 09:30,,\n"
                    "T3,citizen_contacted,2024-05-06 10:00,,\n"
                    "T3,feedback,2024-05-07 09:00,,\n", encoding="utf-8")
    status, out, _ = run_cli("audit", str(path))
    assert status == 0


def test_a_missing_log_exits_2_naming_the_file(run_cli, tmp_path):
    missing = str(tmp_path / "nowhere.csv")
    status, out, err = run_cli("audit", missing)
    assert status == 2 and missing in err and "Traceback" not in err


def test_unit_filter_and_pending(run_cli, log):
    _, out, _ = run_cli("audit", log, "--format", "json", "--unit", "区住建局",
                        "--as-of", "2024-05-06 09:45", "--pending")
    findings = json.loads(out)["findings"]
    assert findings and all(f["unit"] == "区住房和城乡建设局" for f in findings)
    assert {f["status"] for f in findings} == {"pending"}


def test_explain_shows_the_due_day_the_rule_and_why(run_cli, log):
    status, out, _ = run_cli("explain", log, "T1")
    assert status == 1
    assert "acceptance-1h" in out and "2024年5月11日 10:00" in out
    assert "调休上班" in out                       # why the Saturday counted as a workday
    _, out, _ = run_cli("explain", log, "T2")
    assert "劳动节" in out and "2024年5月7日24时" in out
    assert "不适用" in out                          # no 1-hour limit on a holiday


def test_explain_an_unknown_ticket_exits_2(run_cli, log):
    status, _, err = run_cli("explain", log, "NOPE")
    assert status == 2 and "NOPE" in err


def test_a_broken_calendar_beside_the_rules_stops_the_audit_at_its_line(run_cli, tmp_path, log):
    # A make-up workday on a Wednesday is no make-up workday: the schedule was mistyped.
    (tmp_path / "calendars").mkdir()
    calendar = (resources.calendars_dir() / "cn-mainland.yaml").read_text(encoding="utf-8")
    broken = calendar.replace("{date: 2024-05-11, for: 劳动节}", "{date: 2024-05-15, for: 劳动节}")
    assert broken != calendar
    (tmp_path / "calendars" / "cn-mainland.yaml").write_text(broken, encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(resources.default_ruleset_path().read_text(encoding="utf-8"), encoding="utf-8")
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "2024-05-15" in text)
    status, _, err = run_cli("audit", log, "--rules", str(rules))
    assert status == 2 and f"cn-mainland.yaml:{line}:" in err and "2024-05-15" in err
