"""Leaders' answering days (2.2.2): “每月第三周星期二 … 如遇节假日顺延，全年12期，自当年4月至下一年3月”."""

from __future__ import annotations

from datetime import date

import pytest

from checker.calendar.leader_days import leader_day_of_month as _leader_day_of_month
from checker.calendar.leader_days import leader_days as _leader_days
from checker.errors import CheckerError


# The notice's schedule: “每月第三周星期二…如遇节假日顺延，全年12期，自当年4月至下一年3月”.
def leader_days(cycle, calendar, cycle_start_month=4, sessions=12):
    return _leader_days(cycle, calendar, "third_tuesday", "next_workday", cycle_start_month, sessions)


def leader_day_of_month(year, month, calendar, week_rule="third_tuesday", postpone="next_workday"):
    return _leader_day_of_month(year, month, calendar, week_rule, postpone)


def _as_rows(sessions):
    return [(s.month, s.date.isoformat(), s.postponed_from.isoformat() if s.postponed_from else None)
            for s in sessions]


def test_cycle_2024(cn_calendar):
    assert _as_rows(leader_days(2024, cn_calendar)) == [
        ("2024-04", "2024-04-16", None),
        ("2024-05", "2024-05-21", None),
        ("2024-06", "2024-06-18", None),
        ("2024-07", "2024-07-16", None),
        ("2024-08", "2024-08-20", None),
        ("2024-09", "2024-09-18", "2024-09-17"),   # 中秋节 2024-09-15…17
        ("2024-10", "2024-10-15", None),
        ("2024-11", "2024-11-19", None),
        ("2024-12", "2024-12-17", None),
        ("2025-01", "2025-01-21", None),
        ("2025-02", "2025-02-18", None),
        ("2025-03", "2025-03-18", None),
    ]


def test_cycle_2025(cn_calendar):
    assert _as_rows(leader_days(2025, cn_calendar)) == [
        ("2025-04", "2025-04-15", None),
        ("2025-05", "2025-05-20", None),
        ("2025-06", "2025-06-17", None),
        ("2025-07", "2025-07-15", None),
        ("2025-08", "2025-08-19", None),
        ("2025-09", "2025-09-16", None),
        ("2025-10", "2025-10-21", None),
        ("2025-11", "2025-11-18", None),
        ("2025-12", "2025-12-16", None),
        ("2026-01", "2026-01-20", None),
        ("2026-02", "2026-02-24", "2026-02-17"),   # 春节 2026-02-15…23
        ("2026-03", "2026-03-17", None),
    ]


def test_every_session_is_on_a_workday(cn_calendar):
    for cycle in (2024, 2025):
        assert all(cn_calendar.is_workday(s.date) for s in leader_days(cycle, cn_calendar))


def test_cycle_2026_needs_2027(cn_calendar):
    with pytest.raises(CheckerError) as raised:
        leader_days(2026, cn_calendar)
    assert "2027" in raised.value.message


def test_tuesday_of_third_week_in_a_month_starting_on_a_wednesday(cn_calendar):
    # May 2024 begins on a Wednesday: week 1 is 04-29…05-05, week 3 is 05-13…05-19.
    assert date(2024, 5, 1).weekday() == 2
    session = leader_day_of_month(2024, 5, cn_calendar, week_rule="tuesday_of_third_week")
    assert session.date == date(2024, 5, 14) and session.postponed_from is None
    assert leader_day_of_month(2024, 5, cn_calendar).date == date(2024, 5, 21)


def test_tuesday_of_third_week_agrees_when_the_month_starts_on_a_monday_or_tuesday(cn_calendar):
    # April 2024 begins on a Monday, October 2024 on a Tuesday.
    for month in (4, 10):
        assert (leader_day_of_month(2024, month, cn_calendar, week_rule="tuesday_of_third_week").date
                == leader_day_of_month(2024, month, cn_calendar).date)


def test_tuesday_of_third_week_is_postponed_too(cn_calendar):
    # September 2024 begins on a Sunday: week 3 is 09-09…09-15, its Tuesday 09-10 is a workday.
    assert leader_day_of_month(2024, 9, cn_calendar, "tuesday_of_third_week").date == date(2024, 9, 10)
    # February 2026 begins on a Sunday: the Tuesday of week 3 is 02-10, a workday before 春节.
    assert leader_day_of_month(2026, 2, cn_calendar, "tuesday_of_third_week").date == date(2026, 2, 10)


def test_cycle_start_and_session_count_come_from_the_caller(cn_calendar):
    sessions = leader_days(2024, cn_calendar, cycle_start_month=1, sessions=3)
    assert [s.month for s in sessions] == ["2024-01", "2024-02", "2024-03"]


def test_unknown_week_rule_or_postponement(cn_calendar):
    with pytest.raises(CheckerError, match="week rule 'first_monday'"):
        leader_day_of_month(2024, 5, cn_calendar, week_rule="first_monday")
    with pytest.raises(CheckerError, match="postponement 'previous_workday'"):
        leader_day_of_month(2024, 5, cn_calendar, postpone="previous_workday")
