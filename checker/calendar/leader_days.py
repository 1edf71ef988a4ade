"""The leaders' answering days (主要领导接听日) of clause 2.2.2.

The notice: “原则上每月第三周星期二 … 如遇节假日顺延，全年12期，自当年4月至下一年3月为一个周期”.
The rule set's `leader_days` section chooses how “第三周星期二” is read (`week_rule`) and
how a session on a non-workday moves (`postpone`); the calendar says which days are workdays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from checker.calendar.calendar import Calendar
from checker.errors import CheckerError

_TUESDAY = 1  # date.weekday()

WEEK_RULES = ("third_tuesday", "tuesday_of_third_week")
POSTPONE_RULES = ("next_workday", "none")


@dataclass(frozen=True)
class LeaderDay:
    month: str                      # "2024-04": the session's month
    date: date                      # the day it is held
    postponed_from: date | None     # the scheduled day, when it was not a workday

    def as_dict(self) -> dict:
        return {"month": self.month, "date": self.date.isoformat(),
                "postponed_from": self.postponed_from.isoformat() if self.postponed_from else None}


def scheduled_day(year: int, month: int, week_rule: str) -> date:
    """The day the week rule names, before any postponement.

    - `third_tuesday`: the month's third Tuesday (between the 15th and the 21st).
    - `tuesday_of_third_week`: weeks run Monday to Sunday and week 1 is the week that holds
      the month's 1st, even when it began in the month before; the session is the Tuesday of
      week 3. In a month starting on a Monday or a Tuesday this is the third Tuesday; in a
      month starting on a Wednesday to a Sunday it is the second Tuesday (the 9th to the 14th).
    """
    first = date(year, month, 1)
    if week_rule == "third_tuesday":
        first_tuesday = first + timedelta(days=(_TUESDAY - first.weekday()) % 7)
        return first_tuesday + timedelta(weeks=2)
    if week_rule == "tuesday_of_third_week":
        monday_of_week_one = first - timedelta(days=first.weekday())
        return monday_of_week_one + timedelta(weeks=2, days=_TUESDAY)
    raise CheckerError(f"unknown leader-day week rule '{week_rule}' (known: {', '.join(WEEK_RULES)})")


def leader_day_of_month(year: int, month: int, calendar: Calendar, week_rule: str, postpone: str) -> LeaderDay:
    """The session of one month: the scheduled day, moved to the next workday if it is not one.
    The rules are the rule set's (`leader_days`: RuleSet.leader_session), never assumed here."""
    if postpone not in POSTPONE_RULES:
        raise CheckerError(f"unknown leader-day postponement '{postpone}' (known: {', '.join(POSTPONE_RULES)})")
    scheduled = scheduled_day(year, month, week_rule)
    label = f"{year:04d}-{month:02d}"
    if postpone == "none" or calendar.is_workday(scheduled):
        return LeaderDay(label, scheduled, None)
    return LeaderDay(label, calendar.next_workday(scheduled), scheduled)


def leader_days(cycle: int, calendar: Calendar, week_rule: str, postpone: str, cycle_start_month: int,
                sessions: int) -> list[LeaderDay]:
    """The `sessions` monthly sessions of the cycle starting in `cycle_start_month` of year `cycle`."""
    if not 1 <= cycle_start_month <= 12:
        raise CheckerError(f"leader-day cycle start month must be 1–12, not {cycle_start_month}")
    if sessions < 1:
        raise CheckerError(f"leader-day sessions per cycle must be at least 1, not {sessions}")
    days = []
    for index in range(sessions):
        year, month0 = divmod(cycle_start_month - 1 + index, 12)
        days.append(leader_day_of_month(cycle + year, month0 + 1, calendar, week_rule, postpone))
    return days
