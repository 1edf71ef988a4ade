"""Calendar answers for columns of instants, from per-day tables: each distinct day is asked
once of the same functions the per-ticket engine uses (checker/calendar/)."""

from __future__ import annotations

import numpy as np

from checker.calendar.clocks import local_days
from checker.errors import CheckerError

_DAY = 86400


def local_ordinals(at: np.ndarray, tz) -> np.ndarray:
    """The local date ordinal of each instant."""
    if len(at) == 0:
        return np.empty(0, dtype=np.int64)
    days = local_days(tz)
    utc_days, inverse = _distinct(at // _DAY)
    cut = np.empty(len(utc_days), dtype=np.int64)
    before = np.empty(len(utc_days), dtype=np.int64)
    after = np.empty(len(utc_days), dtype=np.int64)
    for i, utc_day in enumerate(utc_days.tolist()):
        start = utc_day * _DAY
        first, last = days.ordinal_of(start), days.ordinal_of(start + _DAY - 1)
        before[i], after[i] = first, last
        cut[i] = start + _DAY if first == last else days.midnight(last)
    if ((after - before) > 1).any():
        return np.where(at >= cut[inverse], after[inverse], before[inverse])
    # A UTC day holds one local date or two, the second one a day later, from `cut` on.
    ordinal = before[inverse]
    ordinal += at >= cut[inverse]
    return ordinal


def workday_table(ordinals: np.ndarray, calendar) -> tuple[np.ndarray, np.ndarray]:
    """(is a workday, the calendar covers the day) for each ordinal."""
    unique, inverse = _distinct(ordinals)
    work = np.zeros(len(unique), dtype=bool)
    covered = np.ones(len(unique), dtype=bool)
    for i, ordinal in enumerate(unique.tolist()):
        try:
            work[i] = calendar.is_workday_ordinal(ordinal)
        except CheckerError:
            covered[i] = False
    return work[inverse], covered[inverse]


def _distinct(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(every day from the first to the last, the index of each value among them): a table
    indexed by the day itself, no sort of the values, when the days span no more than there
    are values (a log's days); np.unique otherwise."""
    if len(days) == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.intp)
    low, high = int(days.min()), int(days.max())
    if high - low >= max(len(days), 4096):
        return np.unique(days, return_inverse=True)
    return np.arange(low, high + 1, dtype=np.int64), days - low


def day_dues(starts: np.ndarray, tz, compute) -> tuple[np.ndarray, np.ndarray]:
    """Due instants of periods counted in whole days: `compute(instant)` asked once per
    local start day. Returns (due, ok); ok is False where the calendar lacks a year."""
    unique, inverse = _distinct(local_ordinals(starts, tz))
    first = np.full(len(unique), -1)
    first[inverse[::-1]] = np.arange(len(starts) - 1, -1, -1)     # each day's first start
    due = np.zeros(len(unique), dtype=np.int64)
    ok = np.ones(len(unique), dtype=bool)
    for i, row in enumerate(first.tolist()):
        if row < 0:
            continue
        try:
            due[i] = compute(int(starts[row]))
        except CheckerError:
            ok[i] = False
    return due[inverse], ok[inverse]
