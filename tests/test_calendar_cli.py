"""`hotline-check calendar …` as a user runs it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar


def test_workdays_json_is_every_official_workday_of_2024(run_cli):
    status, out, err = run_cli("calendar", "workdays", "--year", "2024", "--format", "json")
    assert status == 0 and err == ""
    expected, day = [], date(2024, 1, 1)
    while day.year == 2024:
        if chinese_calendar.is_workday(day):
            expected.append(day.isoformat())
        day += timedelta(days=1)
    assert json.loads(out) == expected


def test_workdays_text_names_holidays_and_makeup_days(run_cli):
    status, out, _ = run_cli("calendar", "workdays", "--year", "2024")
    assert status == 0
    assert "共251天" in out
    assert "劳动节 2024-05-01–2024-05-05" in out
    assert "2024-05-11（星期六，劳动节）" in out


def test_workdays_text_in_english(run_cli):
    status, out, _ = run_cli("calendar", "workdays", "--year", "2024", "--lang", "en")
    assert status == 0
    assert "workdays of 2024: 251" in out and "May (" in out and "(Sat, for 劳动节)" in out


def test_workdays_of_a_missing_year_exits_2_naming_it(run_cli):
    status, out, err = run_cli("calendar", "workdays", "--year", "2027")
    assert status == 2 and out == ""
    assert "没有 2027 年的数据" in err and "cn-mainland.yaml" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_workdays_with_a_calendar_file(run_cli, tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text("id: tiny\nyears:\n  2030:\n    source: 国办发明电〔2029〕1号 测试\n    holidays:\n"
                    "      - {name: 元旦, from: 2030-01-01, to: 2030-01-01}\n", encoding="utf-8")
    status, out, _ = run_cli("calendar", "workdays", "--year", "2030", "--format", "json",
                             "--calendar", str(path))
    assert status == 0
    days = json.loads(out)
    assert days[0] == "2030-01-02" and "2030-01-01" not in days


def test_leader_days_json(run_cli):
    status, out, _ = run_cli("calendar", "leader-days", "--cycle", "2024", "--format", "json")
    assert status == 0
    sessions = json.loads(out)
    assert len(sessions) == 12
    assert sessions[0] == {"month": "2024-04", "date": "2024-04-16", "postponed_from": None}
    assert sessions[5] == {"month": "2024-09", "date": "2024-09-18", "postponed_from": "2024-09-17"}
    assert sessions[-1]["month"] == "2025-03"


def test_leader_days_text_says_why_a_session_moved(run_cli):
    status, out, _ = run_cli("calendar", "leader-days", "--cycle", "2025")
    assert status == 0
    assert "2026-02-24 星期二（原定2026-02-17，春节，顺延）" in out
    status, out, _ = run_cli("calendar", "leader-days", "--cycle", "2025", "--lang", "en")
    assert "2026-02-24 Tue (scheduled 2026-02-17, 春节; postponed)" in out


def test_leader_days_follow_the_rule_files_week_rule(run_cli, tmp_path):
    from checker import resources
    text = resources.default_ruleset_path().read_text(encoding="utf-8")
    changed = text.replace("week_rule: third_tuesday", "week_rule: tuesday_of_third_week")
    assert changed != text
    rules = tmp_path / "rules.yaml"
    rules.write_text(changed, encoding="utf-8")
    status, out, _ = run_cli("calendar", "leader-days", "--cycle", "2024", "--format", "json",
                             "--rules", str(rules))
    assert status == 0
    assert json.loads(out)[1]["date"] == "2024-05-14"


def test_leader_days_of_cycle_2026_exit_2(run_cli):
    status, _, err = run_cli("calendar", "leader-days", "--cycle", "2026")
    assert status == 2 and "2027" in err


def test_due_for_other_class_over_national_day(run_cli):
    status, out, _ = run_cli("calendar", "due", "--from", "2024-09-27 23:30", "--class", "other")
    assert (status, out.strip()) == (0, "2024-10-03T00:00:00+08:00")


def test_due_accepts_the_timestamp_forms_of_a_log(run_cli):
    for text in ("2024/09/27 23:30", "2024-09-27T23:30:00+08:00", "2024-09-27T15:30:00Z",
                 "2024-09-27 23:30:00"):
        status, out, _ = run_cli("calendar", "due", "--from", text, "--class", "other")
        assert (status, out.strip()) == (0, "2024-10-03T00:00:00+08:00"), text


def test_due_for_elapsed_classes(run_cli):
    _, out, _ = run_cli("calendar", "due", "--from", "2024-05-06 22:30", "--class", "emergency")
    assert out.strip() == "2024-05-07T01:30:00+08:00"
    _, out, _ = run_cli("calendar", "due", "--from", "2024-05-06 22:30", "--class", "basic_living")
    assert out.strip() == "2024-05-07T22:30:00+08:00"


def test_due_uses_the_dated_duration_in_force(run_cli, tmp_path):
    from checker import resources
    text = resources.default_ruleset_path().read_text(encoding="utf-8")
    changed = text.replace("emergency: {duration: PT3H, clock: elapsed}",
                           "emergency: {duration: {2024-01-01: PT3H, 2025-07-01: PT2H}, clock: elapsed}")
    assert changed != text
    rules = tmp_path / "rules.yaml"
    rules.write_text(changed, encoding="utf-8")
    _, before, _ = run_cli("calendar", "due", "--from", "2025-06-30 10:00", "--class", "emergency",
                           "--rules", str(rules))
    _, after, _ = run_cli("calendar", "due", "--from", "2025-07-01 10:00", "--class", "emergency",
                          "--rules", str(rules))
    assert before.strip() == "2025-06-30T13:00:00+08:00"
    assert after.strip() == "2025-07-01T12:00:00+08:00"


def test_due_explain_in_both_languages(run_cli):
    _, out, _ = run_cli("calendar", "due", "--from", "2024-09-27 23:30", "--class", "other", "--explain")
    assert "至2024年10月2日24时止" in out and "国庆节" in out
    _, out, _ = run_cli("calendar", "due", "--from", "2024-09-27 23:30", "--class", "other",
                        "--explain", "--lang", "en")
    assert "natural days" in out and "24:00 of 2024-10-02" in out


def test_due_unknown_class_lists_the_known_ones(run_cli):
    status, out, err = run_cli("calendar", "due", "--from", "2024-09-27 23:30", "--class", "urgent")
    assert status == 2 and out == ""
    assert "unknown class 'urgent'" in err
    for known in ("emergency", "basic_living", "other"):
        assert known in err


def test_due_bad_timestamp_exits_2(run_cli):
    status, _, err = run_cli("calendar", "due", "--from", "2024-13-01 10:00", "--class", "other")
    assert status == 2 and "2024-13-01 10:00" in err and "Traceback" not in err


SHIYAN_RULES = Path(__file__).resolve().parent.parent / "rules" / "examples" / "shiyan-city" / "shiyan-city-12345.yaml"


def test_due_uses_the_rule_sets_own_class_deadline_rule(run_cli):
    # 一般类5个工作日（含本数）from Thursday 2024-06-06: 6, 7, (weekend, 端午 6-10), 11, 12, 13.
    status, out, _ = run_cli("calendar", "due", "--from", "2024-06-06 15:00", "--class", "general",
                             "--rules", str(SHIYAN_RULES))
    assert (status, out.strip()) == (0, "2024-06-14T00:00:00+08:00")


def test_due_of_a_named_rule(run_cli):
    status, out, _ = run_cli("calendar", "due", "--from", "2024-09-27 23:30", "--class", "other",
                             "--rule", "acceptance-1h")
    assert (status, out.strip()) == (0, "2024-09-28T00:30:00+08:00")


def test_due_without_a_class_deadline_rule_asks_for_one(run_cli, tmp_path):
    from checker import resources
    text = resources.default_ruleset_path().read_text(encoding="utf-8")
    changed = text.replace("      by_class:\n        emergency: {duration: PT3H, clock: elapsed}\n"
                           "        basic_living: {duration: PT24H, clock: elapsed}\n"
                           "        other: {duration: P5D, clock: civil_days}\n",
                           "      duration: P5D\n      clock: civil_days\n")
    assert changed != text
    rules = tmp_path / "rules.yaml"
    rules.write_text(changed, encoding="utf-8")
    status, _, err = run_cli("calendar", "due", "--from", "2024-09-27 23:30", "--class", "other",
                             "--rules", str(rules))
    assert status != 0 and "--rule" in err


def test_leader_days_of_a_rule_set_without_a_schedule_are_refused_not_assumed(run_cli):
    from checker import resources
    scheme = resources.rules_dir() / "examples" / "shiyan-city" / "shiyan-city-12345.yaml"
    status, out, err = run_cli("calendar", "leader-days", "--cycle", "2024", "--rules", str(scheme))
    assert status == 2 and out == ""
    assert "规则集 shiyan-city-12345 没有 leader_days 部分（领导接听日安排）" in err
