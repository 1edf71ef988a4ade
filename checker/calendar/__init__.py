"""The official calendar, the three clocks and the leaders' answering days."""

from checker.calendar.calendar import Calendar, load_calendar, resolve_calendar_path
from checker.calendar.clocks import CLOCKS, describe_due, due_instant, local_days
from checker.calendar.leader_days import LeaderDay, leader_day_of_month, leader_days

__all__ = ["Calendar", "load_calendar", "resolve_calendar_path", "CLOCKS", "describe_due",
           "due_instant", "local_days", "LeaderDay", "leader_day_of_month", "leader_days"]
