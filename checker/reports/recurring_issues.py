"""Section 5 of the monthly report (clause 2.2.3, 举一反三，未诉先办): per unit, the request
categories that recur in the month, so its leaders see which problems to solve at the root.

A category recurs when at least `recurring_issues.min_tickets` (rule set) of the unit's tickets
of the month carry it. A sub-category counts under its category: 供水-水压不足 is 供水, cut at
the first of the rule set's `classification.category_separators`. Tickets without a category
are not counted. Without a `recurring_issues` section the rule set asks for no such list.
"""

from __future__ import annotations

from typing import Iterable

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.phrasing import joined
from checker.reports.rates import TicketOutcome
from checker.reports.report_text import TEXT as SHARED_TEXT
from checker.ruleset import RuleSet

SECTION = "recurring_issues"
SHOWN_TICKET_IDS = 5

TEXT: dict[str, dict[str, str]] = {
    "col_category": {"zh": "诉求类别", "en": "Category"},
    "col_key_tickets": {"zh": "其中重点工单", "en": "Of which key tickets"},
    "col_ticket_ids": {"zh": "工单编号", "en": "Ticket numbers"},
    "more": {"zh": "等", "en": ", …"},
    "intro": {
        "zh": "同一承办单位本月同类诉求达到 {min} 件及以上的类别（子类计入所属大类）；"
              "工单编号列出最早派单的 {shown} 张。",
        "en": "Categories of {min} or more of a unit's tickets this month (a sub-category counts "
              "under its category); the first {shown} tickets dispatched are listed."},
    "none": {"zh": "本月没有同一承办单位同类诉求达到 {min} 件的情况。",
             "en": "No unit had {min} or more tickets of one category this month."},
    "not_set": {"zh": "规则集未设定 recurring_issues（反映集中的问题），本节从略。",
                "en": "The rule set sets no recurring_issues: section left out."},
}

RECURRING_COLUMNS = ("col_unit", "col_category", "col_tickets", "col_key_tickets", "col_ticket_ids")
_WORDS = {**SHARED_TEXT, **TEXT}     # this section's columns and those it shares


def category_head(category: str, separators: Iterable[str]) -> str:
    """供水-水压不足 → 供水: the part before the first separator in it; the whole category
    when it has none, or nothing stands before it."""
    category = category.strip()
    cuts = [category.find(separator) for separator in separators if separator]
    cut = min((position for position in cuts if position > 0), default=-1)
    return category[:cut].strip() if cut > 0 else category


def recurring_issues(outcomes: list[TicketOutcome], month: str, ruleset: RuleSet) -> dict:
    """{min_tickets, rows: [{unit, category, tickets, key_tickets, ticket_ids}]} of the
    month's tickets (unit: the responsible one). Units with the most recurring tickets first,
    in a unit its most frequent categories first; `ticket_ids` are the first
    SHOWN_TICKET_IDS by dispatch. `min_tickets` None: the rule set asks for no list."""
    min_tickets = ruleset.section(SECTION).get("min_tickets")
    if min_tickets is None:
        return {"min_tickets": None, "rows": []}
    separators = ruleset.section("classification").get("category_separators") or ()
    groups: dict[tuple[str | None, str], list[tuple[int, str, bool]]] = {}
    for outcome in outcomes:
        if outcome.month != month or not outcome.category:
            continue
        groups.setdefault((outcome.unit, category_head(outcome.category, separators)), []).append(
            (outcome.dispatched_at, outcome.ticket_id, bool(outcome.key_category)))
    rows = []
    for (unit, category), tickets in groups.items():
        if len(tickets) < min_tickets:
            continue
        tickets.sort()
        rows.append({"unit": unit, "category": category, "tickets": len(tickets),
                     "key_tickets": sum(1 for _, _, key in tickets if key),
                     "ticket_ids": [ticket_id for _, ticket_id, _ in tickets[:SHOWN_TICKET_IDS]]})
    per_unit: dict[str | None, int] = {}
    for row in rows:
        per_unit[row["unit"]] = per_unit.get(row["unit"], 0) + row["tickets"]
    rows.sort(key=lambda row: (-per_unit[row["unit"]], row["unit"] or "\uffff",
                               -row["tickets"], row["category"]))
    return {"min_tickets": min_tickets, "rows": rows}


def recurring_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [say(_WORDS, key, lang) for key in RECURRING_COLUMNS]


def ticket_ids_text(row: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """T1、T2、T3 — with 等 / … when the category has more tickets than are listed."""
    shown = joined(row["ticket_ids"], lang)
    return shown + say(TEXT, "more", lang) if row["tickets"] > len(row["ticket_ids"]) else shown



def recurring_note(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """The sentence above the table: what is listed, or why nothing is."""
    section = report[SECTION]
    if section["min_tickets"] is None:
        return say(TEXT, "not_set", lang)
    if not section["rows"]:
        return say(TEXT, "none", lang, min=section["min_tickets"])
    return say(TEXT, "intro", lang, min=section["min_tickets"], shown=SHOWN_TICKET_IDS)
