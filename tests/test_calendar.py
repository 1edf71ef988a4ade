"""The shipped calendar against the State Council's notices, and its refusal to guess."""

from __future__ import annotations

import json
from datetime import date, timedelta

import chinese_calendar
import jsonschema
import pytest

from checker import resources
from checker.calendar.calendar import Calendar, load_calendar
from checker.errors import CheckerError
from checker.yamlio import load_yaml_file


def _days_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_day_agrees_with_the_independent_chinese_calendar_package(cn_calendar, year):
    disagreements = [day for day in _days_of(year)
                     if cn_calendar.is_workday(day) != chinese_calendar.is_workday(day)]
    assert disagreements == []


def test_ordinal_lookup_agrees_with_date_lookup(cn_calendar):
    for day in _days_of(2025):
        assert cn_calendar.is_workday_ordinal(day.toordinal()) == cn_calendar.is_workday(day)


@pytest.mark.parametrize("day, workday", [
    (date(2024, 5, 11), True),    # Saturday worked for 劳动节
    (date(2024, 5, 1), False), (date(2024, 5, 2), False), (date(2024, 5, 3), False),
    (date(2024, 5, 4), False), (date(2024, 5, 5), False),
    (date(2024, 5, 6), True),
    (date(2024, 10, 12), True),   # Saturday worked for 国庆节
    (date(2024, 10, 7), False),   # a Monday inside 国庆节
    (date(2025, 1, 1), False),    # 元旦
    (date(2025, 10, 8), False),   # the joint 国庆节、中秋节 holiday's last day, a Wednesday
    (date(2026, 2, 14), True),    # Saturday worked for 春节
    (date(2026, 2, 21), False),   # Saturday inside 春节
    (date(2024, 6, 8), False),    # an ordinary Saturday
])
def test_notable_days(cn_calendar, day, workday):
    assert cn_calendar.is_workday(day) is workday


def test_workday_counts_per_year(cn_calendar):
    for year in (2024, 2025, 2026):
        expected = sum(1 for day in _days_of(year) if chinese_calendar.is_workday(day))
        assert len(cn_calendar.workdays_of_year(year)) == expected
    assert len(cn_calendar.workdays_of_year(2024)) == 251


def test_holiday_names_and_makeup_workdays(cn_calendar):
    assert cn_calendar.holiday_name(date(2024, 9, 17)) == "中秋节"
    assert cn_calendar.holiday_name(date(2024, 9, 18)) is None
    assert cn_calendar.holiday_name(date(2024, 6, 8)) is None     # a weekend is not a holiday
    assert cn_calendar.is_makeup_workday(date(2024, 9, 14))
    assert not cn_calendar.is_makeup_workday(date(2024, 9, 13))


def test_next_workday(cn_calendar):
    assert cn_calendar.next_workday(date(2024, 9, 30)) == date(2024, 10, 8)
    assert cn_calendar.next_workday(date(2024, 5, 10)) == date(2024, 5, 11)   # make-up Saturday
    assert cn_calendar.next_workday(date(2024, 5, 6), include_self=True) == date(2024, 5, 6)
    assert cn_calendar.next_workday(date(2024, 5, 6)) == date(2024, 5, 7)


@pytest.mark.parametrize("ask", [
    lambda c: c.is_workday(date(2027, 1, 4)),
    lambda c: c.is_workday_ordinal(date(2023, 12, 29).toordinal()),
    lambda c: c.holiday_name(date(2027, 1, 1)),
    lambda c: c.is_makeup_workday(date(2027, 1, 1)),
    lambda c: c.workdays_of_year(2027),
    lambda c: c.next_workday(date(2026, 12, 31)),     # 2026-12-31 is a Thursday; the next day is in 2027
    lambda c: c.check_covered(date(2027, 6, 1)),
])
def test_a_year_not_in_the_file_is_an_error_naming_the_year(cn_calendar, ask):
    with pytest.raises(CheckerError) as raised:
        ask(cn_calendar)
    year = "2023" if "2023" in raised.value.message else "2027"
    assert f"工作日历 cn-mainland 没有 {year} 年的数据" in raised.value.message
    assert raised.value.file.endswith("cn-mainland.yaml")


def test_an_uncovered_year_between_covered_years_is_not_guessed():
    calendar = Calendar.from_data({"id": "gappy", "years": {
        "2024": {"source": "a", "holidays": [], "workdays": []},
        "2026": {"source": "b", "holidays": [], "workdays": []}}}, "gappy.yaml")
    assert calendar.is_workday(date(2024, 12, 31))
    with pytest.raises(CheckerError, match="没有 2025 年的数据"):
        calendar.is_workday(date(2025, 6, 2))
    with pytest.raises(CheckerError, match="没有 2025 年的数据"):
        calendar.nth_workday_after(date(2024, 12, 30).toordinal(), 3)


def test_broken_calendar_data_names_the_file():
    with pytest.raises(CheckerError) as raised:
        Calendar.from_data({"id": "x", "years": {"2024": {"source": "s", "holidays": [
            {"name": "春节", "from": "2024-02-17", "to": "2024-02-10"}]}}}, "x.yaml")
    assert raised.value.file == "x.yaml" and "before" in raised.value.message
    with pytest.raises(CheckerError, match="not a date"):
        Calendar.from_data({"id": "x", "years": {"2024": {"source": "s", "workdays": [
            {"date": "2024-02-30", "for": "春节"}]}}}, "x.yaml")


def test_a_rule_set_folder_with_its_own_calendars_is_preferred(tmp_path):
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "cn-mainland.yaml").write_text(
        "id: cn-mainland\nyears:\n  2030:\n    source: 国办发明电〔2029〕1号 测试\n    holidays:\n"
        "      - {name: 元旦, from: 2030-01-01, to: 2030-01-01}\n", encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text("id: x\n", encoding="utf-8")
    local = load_calendar("cn-mainland", relative_to=rules)
    assert local.years == frozenset({2030})
    assert load_calendar("cn-mainland").years == frozenset({2024, 2025, 2026})
    assert load_calendar(str(tmp_path / "calendars" / "cn-mainland.yaml")) is local


def test_unknown_calendar_name():
    with pytest.raises(CheckerError, match="找不到日历“atlantis”"):
        load_calendar("atlantis")


def test_calendar_schema_is_valid_and_the_shipped_calendar_follows_it():
    schema = json.loads(resources.schema_path("calendar").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    shipped = load_yaml_file(resources.calendars_dir() / "cn-mainland.yaml").data
    assert list(validator.iter_errors(shipped)) == []


@pytest.mark.parametrize("break_it", [
    lambda d: d["years"]["2024"]["holidays"][0].pop("to"),
    lambda d: d["years"]["2024"]["workdays"][0].update(date="2024-5-11"),
    lambda d: d["years"].update({"24": d["years"]["2024"]}),
    lambda d: d["years"]["2024"].pop("source"),
    lambda d: d["years"]["2024"].update(holidys=[]),
])
def test_calendar_schema_rejects_mistakes(break_it):
    schema = json.loads(resources.schema_path("calendar").read_text(encoding="utf-8"))
    data = load_yaml_file(resources.calendars_dir() / "cn-mainland.yaml").data
    break_it(data)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
