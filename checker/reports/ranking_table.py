"""Section 1 of the monthly report: the three rates of every unit, their ranking and the
change against the previous month — as report data, and as the text cells the renderers show.
"""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.labels import unit_name
from checker.output.numbers import difference, percent_text, points_text, rate_text, rounded, share
from checker.reports.months import previous_month
from checker.reports.rates import RATE_KEYS, UnitRates
from checker.reports.report_text import TEXT as SHARED_TEXT
from checker.ruleset import RuleSet

# The rates a unit row shows, in column order.
RATE_COLUMNS = (*RATE_KEYS, "composite")

TEXT: dict[str, dict[str, str]] = {
    "col_rank": {"zh": "排名", "en": "Rank"},
    "col_on_time": {"zh": "按时反馈", "en": "On-time feedbacks"},
    "col_rank_change": {"zh": "排名变化", "en": "Rank change"},
    "col_change_of": {"zh": "{rate}变化", "en": "{rate} change"},
    "total": {"zh": "全区合计", "en": "All units"},
    "not_ranked": {"zh": "不参与排名", "en": "not ranked"},
    "unlisted": {"zh": "{unit}（名单外单位）", "en": "{unit} (not a listed unit)"},
    "rank_up": {"zh": "↑{n}", "en": "↑{n}"},
    "rank_down": {"zh": "↓{n}", "en": "↓{n}"},
    "rank_same": {"zh": "持平", "en": "same"},
    "previous_month": {"zh": "变化为与上月（{month}）相比；各率的变化以百分点计。",
                       "en": "Changes are against the previous month ({month}); rate changes in percentage points."},
    "no_previous_month": {"zh": "日志中没有上月（{month}）的工单，不列变化。",
                          "en": "The log holds no ticket of the previous month ({month}): no changes shown."},
    "rate_reply": {"zh": "回复率", "en": "Reply rate"},
    "rate_resolution": {"zh": "解决率", "en": "Resolution rate"},
    "rate_satisfaction": {"zh": "满意率", "en": "Satisfaction rate"},
    "rate_composite": {"zh": "综合得分", "en": "Composite"},
}

# Rank, unit and the counts: the columns before the rates.
LEADING_COLUMNS = ("col_rank", "col_unit", "col_tickets", "col_on_time", "col_overdue")
_WORDS = {**SHARED_TEXT, **TEXT}     # this section's columns and those it shares


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    return say(TEXT, key, lang, **values)


def rate_name(key: str, ruleset_rates: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """The rule set's own name in Chinese (回复率…), the catalogue's in English."""
    if lang == "zh":
        name = (ruleset_rates.get(key) or {}).get("name")
        if name:
            return name
    return text(f"rate_{key}", lang)


def rate_names(ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """{reply, resolution, satisfaction, composite: the name shown}."""
    rates = ruleset.section("rates")
    return {key: rate_name(key, rates, lang) for key in RATE_COLUMNS}


# --- the data ----------------------------------------------------------------------------

def _rate_dict(rate) -> dict:
    """The counts and the rate as every format shows it (rounded half up: checker/output/numbers.py)."""
    return {"numerator": rate.numerator, "denominator": rate.denominator,
            "rate": share(rate.numerator, rate.denominator)}


def _delta(now: float | None, before: float | None) -> float | None:
    """The change of the shown (rounded) rates, so that the reader's subtraction agrees."""
    return difference(rounded(now), rounded(before))


def _counts(unit: UnitRates) -> dict:
    """What a unit row and the total row share: the counts and the rates."""
    return {"tickets": unit.tickets, "on_time_feedbacks": unit.on_time_feedbacks,
            "overdue_tickets": unit.overdue_tickets,
            **{key: _rate_dict(getattr(unit, key)) for key in RATE_KEYS},
            "composite": rounded(unit.composite)}


def unit_row(unit: UnitRates, previous: dict[str | None, UnitRates] | None) -> dict:
    """One unit's row; `change` against its row of the previous month when there is one."""
    row = {"unit": unit.unit, "rank": unit.rank, "listed": unit.listed, **_counts(unit), "change": None}
    if previous is not None:
        before = previous.get(unit.unit)
        if before is not None:
            row["change"] = {
                "previous_rank": before.rank,
                "rank": (before.rank - unit.rank
                         if before.rank is not None and unit.rank is not None else None),
                **{key: _delta(unit.rate(key), before.rate(key)) for key in RATE_COLUMNS}}
    return row


def total_row(total: UnitRates) -> dict:
    return _counts(total)


# --- figures as people read them -----------------------------------------------------------

percent = percent_text
points = points_text


def rank_change(change: int | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Places gained (positive) or lost: ↑2, ↓1, 持平; None → —."""
    if change is None:
        return "—"
    if change > 0:
        return text("rank_up", lang, n=change)
    if change < 0:
        return text("rank_down", lang, n=-change)
    return text("rank_same", lang)


def rank_text(rank: int | None, lang: str = DEFAULT_LANGUAGE) -> str:
    return text("not_ranked", lang) if rank is None else str(rank)


def rate_cell(rate: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """93.1%（27/29）; — when there is no denominator."""
    return rate_text(rate, lang)


# --- the table ---------------------------------------------------------------------------

def leading_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [say(_WORDS, key, lang) for key in LEADING_COLUMNS]


def change_headers(names: dict[str, str], lang: str = DEFAULT_LANGUAGE, suffix: str = "") -> list[str]:
    """The columns of the change against the previous month; `suffix` follows each rate's."""
    return [text("col_rank_change", lang)] + [text("col_change_of", lang, rate=names[key]) + suffix
                                              for key in RATE_KEYS]


def ranking_headers(report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    names = report["rate_names"]
    headers = leading_headers(lang) + [names[key] for key in RATE_COLUMNS]
    if report["previous_month"]:
        headers += change_headers(names, lang)
    return headers


def ranking_unit_name(row: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """The unit of a ranking row; a name no listed unit matches says so."""
    name = unit_name(row["unit"], lang)
    return name if row.get("listed", True) else text("unlisted", lang, unit=name)


def ranking_cells(row: dict, report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    cells = [rank_text(row["rank"], lang), ranking_unit_name(row, lang), str(row["tickets"]),
             str(row["on_time_feedbacks"]), str(row["overdue_tickets"])]
    cells += [rate_cell(row[key], lang) for key in RATE_KEYS] + [percent(row["composite"])]
    if report["previous_month"]:
        change = row["change"] or {}
        cells.append(rank_change(change.get("rank"), lang))
        cells += [points(change.get(key)) for key in RATE_KEYS]
    return cells


def total_cells(report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    total = report["total"]
    cells = ["", text("total", lang), str(total["tickets"]), str(total["on_time_feedbacks"]),
             str(total["overdue_tickets"])]
    cells += [rate_cell(total[key], lang) for key in RATE_KEYS] + [percent(total["composite"])]
    if report["previous_month"]:
        cells += [""] * (1 + len(RATE_KEYS))
    return cells


def previous_line(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """What the change columns compare with, or why there are none."""
    if report["previous_month"]:
        return text("previous_month", lang, month=report["previous_month"])
    return text("no_previous_month", lang, month=previous_month(report["month"]))
