"""The three clocks at their edges, from the notice's words (3 小时, 24 小时, 5 个自然日)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from checker.calendar.clocks import describe_due, due_instant
from checker.durations import parse_duration
from checker.errors import CheckerError

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> int:
    """Epoch seconds of a Beijing wall-clock time 'YYYY-MM-DD HH:MM[:SS]'."""
    return int(datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).timestamp())


def due(start: str, duration: str, clock: str, calendar, holiday_extends: bool = False) -> str:
    instant = due_instant(at(start), parse_duration(duration), clock, calendar, SHANGHAI,
                          holiday_extends)
    return datetime.fromtimestamp(instant, SHANGHAI).isoformat()


# -- elapsed: 3 小时, 24 小时 -------------------------------------------------------------

def test_three_hours_across_midnight(cn_calendar):
    assert due("2024-05-06 22:30", "PT3H", "elapsed", cn_calendar) == "2024-05-07T01:30:00+08:00"


def test_twenty_four_hours_across_midnight_and_into_a_holiday(cn_calendar):
    assert due("2024-04-30 18:05:09", "PT24H", "elapsed", cn_calendar) == "2024-05-01T18:05:09+08:00"


def test_elapsed_runs_through_a_missing_year_without_asking_the_calendar(cn_calendar):
    assert due("2026-12-31 23:00", "PT3H", "elapsed", cn_calendar) == "2027-01-01T02:00:00+08:00"


# -- civil_days: 5 个自然日 ------------------------------------------------------------------

@pytest.mark.parametrize("start", ["2024-05-06 00:00", "2024-05-06 09:15", "2024-05-06 23:59:59"])
def test_five_natural_days_end_at_24h_of_the_fifth_day_after_the_start_day(cn_calendar, start):
    assert due(start, "P5D", "civil_days", cn_calendar) == "2024-05-12T00:00:00+08:00"


def test_one_second_later_is_the_next_start_day(cn_calendar):
    assert due("2024-05-07 00:00", "P5D", "civil_days", cn_calendar) == "2024-05-13T00:00:00+08:00"


def test_natural_days_run_through_the_national_day_week(cn_calendar):
    assert due("2024-09-30 10:00", "P5D", "civil_days", cn_calendar) == "2024-10-06T00:00:00+08:00"
    assert due("2024-09-27 23:30", "P5D", "civil_days", cn_calendar) == "2024-10-03T00:00:00+08:00"


def test_natural_days_across_the_year_boundary(cn_calendar):
    assert due("2024-12-29 16:00", "P5D", "civil_days", cn_calendar) == "2025-01-04T00:00:00+08:00"


def test_holiday_extends_moves_the_end_past_the_holiday(cn_calendar):
    # Last day 2024-10-05 is inside 国庆节 (10-01…10-07): the period ends 24:00 of 10-08.
    assert due("2024-09-30 10:00", "P5D", "civil_days", cn_calendar,
               holiday_extends=True) == "2024-10-09T00:00:00+08:00"
    # Last day a plain Saturday: moved to Monday.
    assert due("2024-06-17 10:00", "P5D", "civil_days", cn_calendar,
               holiday_extends=True) == "2024-06-25T00:00:00+08:00"
    # Last day a Saturday before the 端午节 Monday 2024-06-10: moved to Tuesday.
    assert due("2024-06-03 10:00", "P5D", "civil_days", cn_calendar,
               holiday_extends=True) == "2024-06-12T00:00:00+08:00"
    # Last day the make-up Saturday 2024-10-12, a workday: not moved.
    assert due("2024-10-07 10:00", "P5D", "civil_days", cn_calendar,
               holiday_extends=True) == "2024-10-13T00:00:00+08:00"


def test_holiday_extends_is_off_by_default(cn_calendar):
    assert due("2024-06-03 10:00", "P5D", "civil_days", cn_calendar) == "2024-06-09T00:00:00+08:00"


# -- workdays ----------------------------------------------------------------------------------

def test_workdays_skip_labour_day_and_count_the_makeup_saturday(cn_calendar):
    # Start 2024-04-30 (not counted); workdays: 05-06, 05-07, 05-08, 05-09, 05-10, 05-11 (Sat, make-up).
    assert due("2024-04-30 15:00", "P5D", "workdays", cn_calendar) == "2024-05-11T00:00:00+08:00"
    assert due("2024-04-30 15:00", "P6D", "workdays", cn_calendar) == "2024-05-12T00:00:00+08:00"
    # One workday from Friday 2024-05-10 is the make-up Saturday.
    assert due("2024-05-10 09:00", "P1D", "workdays", cn_calendar) == "2024-05-12T00:00:00+08:00"


def test_one_workday_from_a_friday_is_monday(cn_calendar):
    assert due("2024-06-14 17:00", "P1D", "workdays", cn_calendar) == "2024-06-18T00:00:00+08:00"


def test_one_workday_from_the_friday_before_dragon_boat_monday_is_tuesday(cn_calendar):
    assert due("2024-06-07 17:00", "P1D", "workdays", cn_calendar) == "2024-06-12T00:00:00+08:00"


def test_workdays_from_a_holiday_start_day(cn_calendar):
    assert due("2024-10-03 12:00", "P1D", "workdays", cn_calendar) == "2024-10-09T00:00:00+08:00"


# -- errors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("start, duration, clock, extends", [
    ("2026-12-30 10:00", "P3D", "workdays", False),
    ("2026-12-28 10:00", "P5D", "civil_days", True),       # last day 2027-01-02
    ("2026-12-31 10:00", "P1D", "workdays", False),
])
def test_a_due_time_needing_2027_is_an_error_naming_2027(cn_calendar, start, duration, clock, extends):
    with pytest.raises(CheckerError) as raised:
        due(start, duration, clock, cn_calendar, holiday_extends=extends)
    assert "2027" in raised.value.message


def test_exact_time_on_a_day_clock_is_a_misconfigured_rule(cn_calendar):
    for clock in ("civil_days", "workdays"):
        with pytest.raises(CheckerError, match="PT1H"):
            due("2024-05-06 10:00", "PT1H", clock, cn_calendar)


def test_unknown_clock(cn_calendar):
    with pytest.raises(CheckerError, match="unknown clock 'lunar'"):
        due("2024-05-06 10:00", "P1D", "lunar", cn_calendar)


# -- properties ---------------------------------------------------------------------------------

_FIRST = at("2024-01-01 00:00")
_LAST = at("2026-11-01 00:00")    # with the gap (20 days) and the longest period, still inside 2026
_PERIODS = [("PT1H", "elapsed"), ("PT3H", "elapsed"), ("PT24H", "elapsed"), ("P1D", "elapsed"),
            ("P1D", "civil_days"), ("P5D", "civil_days"), ("P1D", "workdays"), ("P5D", "workdays"),
            ("P10D", "workdays")]


@settings(max_examples=300, deadline=None)
@given(first=st.integers(_FIRST, _LAST), gap=st.integers(0, 20 * 86400),
       period=st.sampled_from(_PERIODS), extends=st.booleans())
def test_due_is_after_start_and_later_starts_never_fall_due_earlier(cn_calendar, first, gap, period,
                                                                    extends):
    duration, clock = parse_duration(period[0]), period[1]
    second = first + gap
    due_first = due_instant(first, duration, clock, cn_calendar, SHANGHAI, extends)
    due_second = due_instant(second, duration, clock, cn_calendar, SHANGHAI, extends)
    assert due_first > first and due_second > second
    assert due_first <= due_second


@settings(max_examples=200, deadline=None)
@given(start=st.integers(_FIRST, _LAST), days=st.integers(1, 10))
def test_day_clocks_end_at_a_local_midnight(cn_calendar, start, days):
    for clock in ("civil_days", "workdays"):
        instant = due_instant(start, parse_duration(f"P{days}D"), clock, cn_calendar, SHANGHAI)
        moment = datetime.fromtimestamp(instant, SHANGHAI)
        assert (moment.hour, moment.minute, moment.second) == (0, 0, 0)


# -- describe_due ---------------------------------------------------------------------------------

def test_describe_natural_days_over_labour_day(cn_calendar):
    described = describe_due(at("2024-04-30 15:00"), parse_duration("P5D"), "civil_days",
                             cn_calendar, SHANGHAI)
    assert described["due"] == "2024-05-06T00:00:00+08:00"
    assert described["counted_days"] == ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04",
                                         "2024-05-05"]
    assert described["skipped"] == []
    assert "劳动节" in described["text"]["zh"] and "至2024年5月5日24时止" in described["text"]["zh"]
    assert "natural days" in described["text"]["en"]


def test_describe_workdays_lists_skipped_days_and_makeup_workdays(cn_calendar):
    described = describe_due(at("2024-04-30 15:00"), parse_duration("P6D"), "workdays",
                             cn_calendar, SHANGHAI)
    assert described["counted_days"][0] == "2024-05-06"
    assert described["makeup_workdays"] == ["2024-05-11"]
    assert {"date": "2024-05-01", "reason": "劳动节"} in described["skipped"]
    assert len(described["skipped"]) == 5
    assert described["due"] == "2024-05-12T00:00:00+08:00"


def test_describe_holiday_extension(cn_calendar):
    described = describe_due(at("2024-09-30 10:00"), parse_duration("P5D"), "civil_days",
                             cn_calendar, SHANGHAI, holiday_extends=True)
    assert described["due"] == "2024-10-09T00:00:00+08:00"
    assert [entry["date"] for entry in described["extended_over"]] == [
        "2024-10-05", "2024-10-06", "2024-10-07"]
    assert "顺延至2024年10月8日24时止" in described["text"]["zh"]
