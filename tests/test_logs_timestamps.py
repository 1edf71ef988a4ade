"""Timestamps of ticket logs: the forms DESIGN.md accepts, and what is refused."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from checker.logs import parse_instant

SHANGHAI = ZoneInfo("Asia/Shanghai")
BEIJING_TIME = timezone(timedelta(hours=8))


def epoch(*parts, tz=BEIJING_TIME) -> int:
    return int(datetime(*parts, tzinfo=tz).timestamp())


@pytest.mark.parametrize("text", [
    "2024-05-11 10:30",
    "2024-05-11 10:30:00",
    "2024-05-11T10:30:00",
    "2024/05/11 10:30",
    "2024/05/11 10:30:00",
    "2024/5/11 10:30",
    "2024-05-11T10:30:00+08:00",
    "2024-05-11T10:30:00+0800",
    "2024-05-11T02:30:00Z",
    "2024-05-11T12:30:00+10:00",
    "2024-05-11 10:30:00.999",
    "2024-05-11T10:30:00.250+08:00",
    "  2024-05-11 10:30  ",
])
def test_every_accepted_form_names_the_same_instant(text):
    assert parse_instant(text, SHANGHAI) == epoch(2024, 5, 11, 10, 30)


def test_a_time_without_offset_is_wall_time_in_the_given_zone():
    assert parse_instant("2024-05-11 10:30", ZoneInfo("UTC")) == epoch(2024, 5, 11, 10, 30, tz=timezone.utc)


def test_repeated_texts_and_seconds_are_exact():
    # The second read of an hour comes from the cache; it must give the same answer.
    first = parse_instant("2024-12-31 23:59:59", SHANGHAI)
    again = parse_instant("2024-12-31 23:59:59", SHANGHAI)
    assert first == again == epoch(2024, 12, 31, 23, 59, 59)
    assert parse_instant("2024-12-31 23:05", SHANGHAI) == epoch(2024, 12, 31, 23, 5)


def test_midnight_and_leap_day():
    assert parse_instant("2024-02-29 00:00", SHANGHAI) == epoch(2024, 2, 29, 0, 0)


def test_daylight_saving_zone_uses_the_offset_of_that_hour():
    berlin = ZoneInfo("Europe/Berlin")
    # 2024-03-31: clocks go from +01:00 to +02:00 at 02:00 local.
    assert parse_instant("2024-03-31 01:30", berlin) == epoch(2024, 3, 31, 0, 30, tz=timezone.utc)
    assert parse_instant("2024-03-31 03:30", berlin) == epoch(2024, 3, 31, 1, 30, tz=timezone.utc)


@pytest.mark.parametrize("text", [
    "2024-02-30 10:00",     # no such day
    "2023-02-29 10:00",     # not a leap year
    "2024-13-01 10:00",     # no such month
    "2024-05-11 25:00",     # no such hour
    "2024-05-11 10:60",     # no such minute
    "2024-05-11 10:30:61",
    "2024-05-11T10:30:00+25:00",
    "明天上午",
    "11/05/2024 10:30",     # day-first is ambiguous: refused
    "",
])
def test_impossible_or_unreadable_text_is_refused_with_the_text_quoted(text):
    with pytest.raises(ValueError) as refused:
        parse_instant(text, SHANGHAI)
    assert f"unparseable timestamp '{text.strip()}'" in str(refused.value)


def test_impossible_minute_after_a_cached_hour_is_still_refused():
    parse_instant("2024-05-11 10:00", SHANGHAI)
    with pytest.raises(ValueError):
        parse_instant("2024-05-11 10:61", SHANGHAI)
    with pytest.raises(ValueError):
        parse_instant("2024-05-11 10:30:75", SHANGHAI)


@pytest.mark.parametrize("text", ["2024-05-12 10:0\u00b2", "2024-05-12 10:00:0\u00b9",
                                  "2024-05-12 10:\u2460\u2461"])
def test_digits_that_are_not_numbers_are_refused_alike_after_a_cached_hour(text):
    """Superscript and circled digits are digits to str.isdigit but not numbers: the same
    reason whether the hour was read before (its start kept) or not, so that a row is
    rejected with one reason whatever came before it in the log or which reader read it."""
    from checker.logs import timestamps
    timestamps._prefix_cache.clear()
    with pytest.raises(ValueError) as fresh:
        parse_instant(text, SHANGHAI)
    parse_instant("2024-05-12 10:00", SHANGHAI)
    with pytest.raises(ValueError) as cached:
        parse_instant(text, SHANGHAI)
    assert str(cached.value) == str(fresh.value) == f"unparseable timestamp '{text}'"


def test_a_date_without_time_of_day_is_refused():
    with pytest.raises(ValueError, match="no time of day"):
        parse_instant("2024-05-11", SHANGHAI)
    with pytest.raises(ValueError, match=r"unparseable timestamp '2024-13-01'$"):
        parse_instant("2024-13-01", SHANGHAI)


def test_a_mapping_format_is_tried_after_the_standard_forms():
    formats = ("%Y年%m月%d日 %H:%M",)
    assert parse_instant("2024年05月11日 10:30", SHANGHAI, formats) == epoch(2024, 5, 11, 10, 30)
    with pytest.raises(ValueError):
        parse_instant("2024年05月11日 10:30", SHANGHAI)
    with pytest.raises(ValueError):
        parse_instant("2024年02月30日 10:30", SHANGHAI, formats)


@pytest.mark.parametrize("text", ["2024-11-09 24:00", "2024-11-09 24:00:00", "2024/11/09 24:00",
                                  "2024-11-09T24:00:00+08:00", "2024-11-09T16:00:00Z"])
def test_24_00_is_the_next_days_midnight(text):
    assert parse_instant(text, SHANGHAI) == epoch(2024, 11, 10, 0, 0)


def test_24_00_at_the_end_of_a_year_and_in_a_mapping_format():
    assert parse_instant("2024-12-31 24:00", SHANGHAI) == epoch(2025, 1, 1, 0, 0)
    formats = ("%Y年%m月%d日 %H:%M",)
    assert parse_instant("2024年11月09日 24:00", SHANGHAI, formats) == epoch(2024, 11, 10, 0, 0)


@pytest.mark.parametrize("text", ["2024-11-09 24:01", "2024-11-09 24:00:01", "2024-02-30 24:00"])
def test_past_24_00_is_refused(text):
    with pytest.raises(ValueError, match="unparseable"):
        parse_instant(text, SHANGHAI)


def test_a_cached_hour_never_lets_24_30_through():
    parse_instant("2024-11-09 23:00", SHANGHAI)
    parse_instant("2024-11-09 24:00", SHANGHAI)
    with pytest.raises(ValueError):
        parse_instant("2024-11-09 24:30", SHANGHAI)
