"""Ranks in one pool of units, shared on equal scores (1, 2, 2, 4), and the red and black
lists (红榜 / 黑榜) of a pool.

A row is anything with `unit`, `tickets`, `rate(key)`, `count(key)`, `rank` and `lists`
(checker.reports.rates.UnitRates).

Lists: `red: {top: N, at_least: X}` takes the ranked units whose rank is at most N and whose
ranked value is at least X (either bound alone, or both); `black: {bottom: N, below: X}`
those among the last N places (counted from the bottom, equal values sharing the place) or
whose value is below X (both given: both must hold). For a ranked value where lower is
better (a rate of tickets sent back), `at_least`/`below` read "at least as good" / "worse than". A unit on the
red list is never also on the black one.
"""

from __future__ import annotations

# Values that differ by less than this are equal (float noise must not break a tie).
_TIE_DIGITS = 9
_LAST = "\uffff"


def _value_key(value: float | None, better: str) -> tuple:
    if value is None:
        return (1, 0)
    rounded = round(value, _TIE_DIGITS)
    return (0, -rounded if better == "higher" else rounded)


def _sort_key(row, scheme) -> tuple:
    by = scheme.ranking.by
    key: list = [_value_key(row.rate(by), scheme.better(by))[1]]
    for breaker in scheme.ranking.tie_breakers:
        if breaker == "name":
            key.append(row.unit or _LAST)
        elif "count" in breaker:
            count = row.count(breaker["count"])
            key.append(count if breaker.get("prefer", "fewer") == "fewer" else -count)
        else:
            indicator = breaker["indicator"]
            key.append(_value_key(row.rate(indicator), scheme.better(indicator)))
    return tuple(key)


def is_ranked(row, scheme) -> bool:
    """A row takes part when it has the ranked value, enough tickets, and is a listed unit."""
    return (row.rate(scheme.ranking.by) is not None and row.tickets >= scheme.ranking.min_tickets
            and getattr(row, "listed", True))


def rank_pool(rows: list, scheme) -> list:
    """The rows sorted and numbered: ranked ones first (equal keys share a rank), then the
    others by name with rank None."""
    ranked = [row for row in rows if is_ranked(row, scheme)]
    unranked = sorted((row for row in rows if not is_ranked(row, scheme)),
                      key=lambda row: (not getattr(row, "listed", True), row.unit or _LAST))
    ranked.sort(key=lambda row: (_sort_key(row, scheme), row.unit or _LAST))
    previous = None
    for position, row in enumerate(ranked, start=1):
        key = _sort_key(row, scheme)
        row.rank = previous[1] if previous is not None and previous[0] == key else position
        previous = (key, row.rank)
    for row in unranked:
        row.rank = None
    return ranked + unranked


def _bottom_places(ranked: list, scheme) -> list[int]:
    """Each ranked row's place counted from the bottom, equal keys sharing it."""
    keys = [_sort_key(row, scheme) for row in ranked]
    places = [0] * len(ranked)
    for index in range(len(ranked) - 1, -1, -1):
        from_bottom = len(ranked) - index
        if index + 1 < len(ranked) and keys[index] == keys[index + 1]:
            places[index] = places[index + 1]
        else:
            places[index] = from_bottom
    return places


def _at_least(value: float, bound: float, better: str) -> bool:
    value = round(value, _TIE_DIGITS)
    return value >= bound if better == "higher" else value <= bound


def assign_lists(rows: list, scheme, lists) -> None:
    """Put the ranked rows of one pool on the red and black lists."""
    ranked = [row for row in rows if row.rank is not None]
    better = scheme.better(scheme.ranking.by)
    for row in rows:
        row.lists = []
    red = lists.red
    on_red = set()
    if red:
        for row in ranked:
            value = row.rate(scheme.ranking.by)
            if "top" in red and row.rank > red["top"]:
                continue
            if "at_least" in red and not _at_least(value, red["at_least"], better):
                continue
            row.lists.append("red")
            on_red.add(id(row))
    black = lists.black
    if black:
        places = _bottom_places(ranked, scheme)
        for row, place in zip(ranked, places):
            if id(row) in on_red:
                continue
            value = row.rate(scheme.ranking.by)
            in_bottom = "bottom" in black and place <= black["bottom"]
            below = "below" in black and not _at_least(value, black["below"], better)
            if ("bottom" in black and "below" in black and in_bottom and below) or \
               (("bottom" in black) != ("below" in black) and (in_bottom or below)):
                row.lists.append("black")
