"""The instants a user types: now, today, yesterday, a date (its end), Chinese forms."""

from __future__ import annotations

import pytest

from checker.instants import NOW_VARIABLE, parse_typed_instant
from support import SHANGHAI, instant


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The office's clock: Thursday 2 January 2025, 09:30 in Nanzheng."""
    monkeypatch.setenv(NOW_VARIABLE, "2025-01-02 09:30")


def typed(text: str) -> int:
    return parse_typed_instant(text, SHANGHAI)


@pytest.mark.parametrize("word", ["now", "NOW", "现在", "today", "今天"])
def test_now_and_today_are_the_clock_never_the_end_of_today(word):
    assert typed(word) == instant("2025-01-02 09:30")


@pytest.mark.parametrize("word", ["yesterday", "昨天"])
def test_yesterday_is_its_end(word):
    assert typed(word) == instant("2025-01-02 00:00")


@pytest.mark.parametrize("text", ["2024-05-20", "2024/5/20", "2024年5月20日", "20240520",
                                  "2024-05-20 24:00", "2024年5月20日24时"])
def test_a_date_alone_means_its_end(text):
    assert typed(text) == instant("2024-05-21 00:00")


def test_a_date_that_is_today_means_now():
    assert typed("2025-01-02") == typed("1月2日") == instant("2025-01-02 09:30")


def test_month_and_day_is_the_latest_such_day_not_after_today():
    assert typed("12月31日") == instant("2025-01-01 00:00")           # last year's New Year's Eve
    assert typed("1月1日") == instant("2025-01-02 00:00")
    assert typed("2月29日") == instant("2024-03-01 00:00")            # 2025 has no 29 February


@pytest.mark.parametrize("text, expected", [
    ("2024年5月20日 10:00", "2024-05-20 10:00"),
    ("2024年5月20日10:00", "2024-05-20 10:00"),
    ("2024年5月20日10时30分", "2024-05-20 10:30"),
    ("2024年5月20日 10点", "2024-05-20 10:00"),
    ("2024-05-20 10:00", "2024-05-20 10:00"),
    ("2024-05-20T10:00:05", "2024-05-20 10:00:05"),
    ("2024-05-20T10:00:00+08:00", "2024-05-20 10:00"),
    ("2024-05-20T02:00:00Z", "2024-05-20 10:00"),
])
def test_date_and_time(text, expected):
    assert typed(text) == instant(expected)


@pytest.mark.parametrize("text", ["tomorow", "2024-13-01", "2024-02-30", "2024-05-20 25:00",
                                  "2024-05-20 24:30", ""])
def test_not_understood_lists_the_accepted_forms(text):
    with pytest.raises(ValueError) as error:
        typed(text)
    message = str(error.value)
    assert f"“{text}”" in message and "可用的写法" in message
    assert "today" in message and "2024年5月20日 10:00" in message


def test_english_message(monkeypatch):
    with pytest.raises(ValueError, match="Accepted: now, today"):
        parse_typed_instant("tomorow", SHANGHAI, "en")


def test_clock_variable_must_be_readable(monkeypatch):
    monkeypatch.setenv(NOW_VARIABLE, "soon")
    with pytest.raises(ValueError, match=NOW_VARIABLE):
        typed("now")


def test_remind_as_of_today_and_a_chinese_date(tmp_path, run_cli, monkeypatch):
    monkeypatch.setenv(NOW_VARIABLE, "2024-05-28 10:00")
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,category\nGD001,dispatched,2024-05-28 06:00,汉山街道,突发事件\n",
                    encoding="utf-8")
    today = run_cli("remind", str(path), "--as-of", "today", "--format", "json")
    typed_out = run_cli("remind", str(path), "--as-of", "2024年5月28日 10:00", "--format", "json")
    assert today[0] == typed_out[0] == 1
    assert today[1] == typed_out[1] and '"as_of": "2024-05-28T10:00:00+08:00"' in today[1]
    status, _, err = run_cli("remind", str(path), "--as-of", "明天")
    assert status == 2 and "可用的写法" in err
