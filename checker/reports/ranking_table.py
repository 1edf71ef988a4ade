"""Section 1 of the monthly report: every unit's counts, rates, points and composite as the
rule set's assessment scheme defines them, their ranking (per unit group), the red and black
lists, and the change against the previous month — as report data, and as the text cells the
renderers show.
"""

from __future__ import annotations

from checker.assessment.scheme import Scheme, scheme_of
from checker.i18n import DEFAULT_LANGUAGE, pick, say
from checker.output.labels import unit_name
from checker.output.numbers import difference, rounded, score_rounded, share
from checker.output.phrasing import colon, joined
from checker.reports.months import previous_month
from checker.reports.rates import UnitRates
from checker.reports.report_text import TEXT as SHARED_TEXT
from checker.ruleset import RuleSet

TEXT: dict[str, dict[str, str]] = {
    "col_rank": {"zh": "排名", "en": "Rank"},
    "col_excluded": {"zh": "不计入考核", "en": "Excluded"},
    "col_points": {"zh": "{name}得分", "en": "{name} points"},
    "col_lists": {"zh": "红黑榜", "en": "Lists"},
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
    "pool_heading": {"zh": "{name}（满分{full}分）", "en": "{name} (full score {full})"},
    "other_units": {"zh": "其他单位", "en": "Other units"},
    "list_red": {"zh": "红榜", "en": "Red list"},
    "list_black": {"zh": "黑榜", "en": "Black list"},
    "list_none": {"zh": "无", "en": "none"},
    "rate_composite": {"zh": "综合得分", "en": "Composite"},
}

# Rank, unit and ticket count: the columns before the scheme's counts.
LEADING_COLUMNS = ("col_rank", "col_unit", "col_tickets")
_WORDS = {**SHARED_TEXT, **TEXT}     # this section's columns and those it shares


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    return say(TEXT, key, lang, **values)


def rate_names(ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """{indicator id…, composite: the name shown}, in the scheme's order."""
    scheme = scheme_of(ruleset)
    names = {indicator.id: indicator.title(lang) for indicator in scheme.indicators}
    names["composite"] = pick(scheme.composite.name, lang)
    return names


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def describe_scheme(ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> dict:
    """What the renderers need to lay out section 1: the columns and pools the scheme has."""
    scheme = scheme_of(ruleset)
    with_points = scheme.composite.shown_as == "points"
    lists = {key: pick((spec or {}).get("name"), lang) or text(f"list_{key}", lang)
             for key, spec in (("red", scheme.ranking.lists.red), ("black", scheme.ranking.lists.black))}
    for group in scheme.groups:
        if group.lists is not None:
            for key, spec in (("red", group.lists.red), ("black", group.lists.black)):
                if spec and spec.get("name"):
                    lists[key] = pick(spec["name"], lang)
    has_lists = any(spec for spec in (scheme.ranking.lists.red, scheme.ranking.lists.black)) or any(
        group.lists and (group.lists.red or group.lists.black) for group in scheme.groups)
    return {
        "indicators": [{"id": indicator.id, "name": indicator.title(lang),
                        "better": indicator.better,
                        "denominator_name": pick(indicator.spec.get("denominator_name"), lang) or None,
                        "points": with_points and indicator.score is not None,
                        "most": (_number(indicator.score.most) if indicator.score is not None else None)}
                       for indicator in scheme.indicators],
        "counts": [{"id": count.id, "name": count.title(lang)} for count in scheme.counts],
        "composite": {"name": pick(scheme.composite.name, lang), "shown_as": scheme.composite.shown_as,
                      "full_score": _number(scheme.composite.full_score)},
        "groups": [{"id": group.id, "name": group.title(lang), "full_score": _number(group.full_score)}
                   for group in scheme.groups],
        "exclusions": bool(scheme.exclusions),
        "lists": lists if has_lists else None,
        "total_name": pick(scheme.ranking.total_name, lang) or text("total", lang),
    }


# --- the data ----------------------------------------------------------------------------

def _rate_dict(rate, with_points: bool) -> dict:
    """The counts and the rate as every format shows it (rounded half up: checker/output/numbers.py);
    the points the rate earns when the composite is in points."""
    figure = {"numerator": rate.numerator, "denominator": rate.denominator,
              "rate": share(rate.numerator, rate.denominator)}
    if with_points:
        figure["points"] = score_rounded(rate.points)
    return figure


def _delta(now: float | None, before: float | None) -> float | None:
    """The change of the shown (rounded) rates, so that the reader's subtraction agrees."""
    return difference(rounded(now), rounded(before))


def _counts(unit: UnitRates, scheme: Scheme) -> dict:
    """What a unit row and the total row share: the counts, the rates and the composite."""
    with_points = scheme.composite.shown_as == "points"
    row = {"tickets": unit.tickets, "excluded": unit.excluded}
    row.update({count.id: unit.counts[count.id] for count in scheme.counts})
    row.update({indicator.id: _rate_dict(unit.rates[indicator.id],
                                         with_points and indicator.score is not None)
                for indicator in scheme.indicators})
    row["composite"] = (score_rounded(unit.composite) if with_points else rounded(unit.composite))
    return row


def unit_row(unit: UnitRates, previous: dict[str | None, UnitRates] | None,
             ruleset: RuleSet) -> dict:
    """One unit's row; `change` against its row of the previous month when there is one."""
    scheme = scheme_of(ruleset)
    row = {"unit": unit.unit, "group": unit.group, "rank": unit.rank, "listed": unit.listed, **_counts(unit, scheme),
           "lists": list(unit.lists), "change": None}
    if previous is not None:
        before = previous.get(unit.unit)
        if before is not None:
            keys = [indicator.id for indicator in scheme.indicators] + ["composite"]
            row["change"] = {
                "previous_rank": before.rank,
                "rank": (before.rank - unit.rank
                         if before.rank is not None and unit.rank is not None else None),
                **{key: _delta(unit.rate(key), before.rate(key)) for key in keys}}
    return row


def total_row(total: UnitRates, ruleset: RuleSet) -> dict:
    return _counts(total, scheme_of(ruleset))


# --- figures as people read them ---------------------------------------------------------


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



def score_text(value: float | None) -> str:
    """Points as the table shows them: 132.5; None → —."""
    return "—" if value is None else f"{value:.1f}"



def lists_text(lists: list[str], report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    names = report["assessment"]["lists"] or {}
    return joined((names.get(key, key) for key in lists), lang) if lists else ""


# --- the table ---------------------------------------------------------------------------

def leading_headers(report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Rank, unit, tickets, the excluded tickets (when the scheme excludes), the counts."""
    headers = [say(_WORDS, key, lang) for key in LEADING_COLUMNS]
    scheme = report["assessment"]
    if scheme["exclusions"]:
        headers.append(text("col_excluded", lang))
    return headers + [count["name"] for count in scheme["counts"]]



def figure_headers(report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Each indicator (and its points, when the composite is in points), then the composite."""
    headers = []
    for indicator in report["assessment"]["indicators"]:
        headers.append(indicator["name"])
        if indicator["points"]:
            headers.append(text("col_points", lang, name=indicator["name"]))
    return headers + [report["rate_names"]["composite"]]



def change_headers(report: dict, lang: str = DEFAULT_LANGUAGE, suffix: str = "") -> list[str]:
    """The columns of the change against the previous month; `suffix` follows each rate's."""
    return [text("col_rank_change", lang)] + [
        text("col_change_of", lang, rate=indicator["name"]) + suffix
        for indicator in report["assessment"]["indicators"]]



def ranking_unit_name(row: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """The unit of a ranking row; a name no listed unit matches says so."""
    name = unit_name(row["unit"], lang)
    return name if row.get("listed", True) else text("unlisted", lang, unit=name)




def ranking_pools(report: dict, lang: str = DEFAULT_LANGUAGE) -> list[dict]:
    """The ranked tables: one per unit group (heading with its full score), then the units of
    no group; without groups one table, no heading."""
    groups = report["assessment"]["groups"]
    if not groups:
        return [{"heading": None, "group": None, "rows": report["units"]}]
    pools = []
    for group in groups:
        rows = [row for row in report["units"] if row["group"] == group["id"]]
        if rows:
            pools.append({"heading": text("pool_heading", lang, name=group["name"],
                                          full=group["full_score"]),
                          "group": group["id"], "rows": rows})
    rest = [row for row in report["units"] if row["group"] is None]
    if rest:
        pools.append({"heading": text("other_units", lang), "group": None, "rows": rest})
    return pools


def list_lines(report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """红榜：A、B；黑榜：C — one line per list and pool, when the scheme has lists."""
    names = report["assessment"]["lists"]
    if not names:
        return []
    lines = []
    for pool in ranking_pools(report, lang):
        for key in ("red", "black"):
            units = [unit_name(row["unit"], lang) for row in pool["rows"] if key in row["lists"]]
            label = names[key] if pool["heading"] is None else f"{pool['heading']}{names[key]}"
            lines.append(label + colon(lang) + (joined(units, lang) if units else text("list_none", lang)))
    return lines


def previous_line(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """What the change columns compare with, or why there are none."""
    if report["previous_month"]:
        return text("previous_month", lang, month=report["previous_month"])
    return text("no_previous_month", lang, month=previous_month(report["month"]))
