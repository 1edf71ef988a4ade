"""The monthly 通报 (clauses 3.3, 3.4) as data: what every renderer shows, and what the JSON
output is (schemas/report.schema.json).

The report is built from the same engine run as `audit`: the same tickets (events after
as-of left out), the same findings. Rates are fractions 0..1 or None (no denominator);
instants are ISO 8601 with the rule set's offset. The labels the renderers share live here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterable

from checker.engine.audit import Auditor, latest_instant
from checker.engine.context import TicketContext
from checker.engine.tickets import group_tickets
from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.model import Finding
from checker.output.labels import overdue_seconds, overdue_text, rule_name
from checker.output.sanitize import mask_personal
from checker.reports.rates import (OVERDUE_RULES, RATE_KEYS, TicketOutcome, UnitRates,
                                   composite_weights, rates_from_outcomes, satisfaction_weights,
                                   ticket_outcome, total_rates)
from checker.ruleset import RuleSet
from checker.timefmt import iso

REPORT_KIND = "hotline-check/monthly-report"
MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

TEXT: dict[str, dict[str, str]] = {
    "title": {"zh": "{heading} {year}年{month}月", "en": "{heading}, {month_name} {year}"},
    "heading": {"zh": "热线工单办理情况通报", "en": "Hotline tickets: monthly report"},
    "subtitle": {"zh": "规则集：{title}（{ruleset}，{source}）；统计截至：{as_of}",
                 "en": "Rule set: {title} ({ruleset}, {source}); as of {as_of}"},
    "input_line": {"zh": "读取 {rows} 行，{events} 个事件，{rejected} 行被拒；本月工单 {tickets} 张",
                   "en": "{rows} rows read, {events} events, {rejected} rejected; "
                         "{tickets} tickets this month"},
    "ranking": {"zh": "一、各单位回复率、解决率、满意率及排名", "en": "1. Rates and ranking by unit"},
    "chart": {"zh": "三率对比", "en": "The three rates"},
    "key_tickets": {"zh": "二、重点工单办理情况", "en": "2. Key tickets"},
    "overdue": {"zh": "三、超期工单清单（负面清单）", "en": "3. Overdue tickets (negative list)"},
    "leader_day": {"zh": "四、领导接听日", "en": "4. Leaders' answering day"},
    "notes": {"zh": "五、口径说明", "en": "5. Definitions"},
    "sheet_ranking": {"zh": "排名", "en": "Ranking"},
    "sheet_key_tickets": {"zh": "重点工单", "en": "Key tickets"},
    "sheet_overdue": {"zh": "超期清单", "en": "Overdue"},
    "sheet_leader_day": {"zh": "领导接听日", "en": "Leader day"},
    "sheet_notes": {"zh": "口径说明", "en": "Definitions"},
    "col_rank": {"zh": "排名", "en": "Rank"},
    "col_unit": {"zh": "承办单位", "en": "Unit"},
    "col_tickets": {"zh": "工单数", "en": "Tickets"},
    "col_on_time": {"zh": "按时反馈", "en": "On-time feedbacks"},
    "col_overdue": {"zh": "超期工单", "en": "Overdue tickets"},
    "col_rank_change": {"zh": "排名变化", "en": "Rank change"},
    "col_change_of": {"zh": "{rate}变化", "en": "{rate} change"},
    "col_category": {"zh": "重点类别", "en": "Key category"},
    "col_open": {"zh": "未办结", "en": "Open"},
    "col_closed": {"zh": "已办结", "en": "Closed"},
    "col_units": {"zh": "承办单位", "en": "Handling units"},
    "col_passed_to": {"zh": "推送部门", "en": "Passed to"},
    "col_ticket": {"zh": "工单编号", "en": "Ticket"},
    "col_rule": {"zh": "超期环节", "en": "Deadline"},
    "col_due": {"zh": "应完成时间", "en": "Due"},
    "col_actual": {"zh": "实际时间", "en": "Actual"},
    "col_late": {"zh": "超时", "en": "Late by"},
    "col_note": {"zh": "备注", "en": "Note"},
    "col_date": {"zh": "日期", "en": "Date"},
    "col_scheduled": {"zh": "原定日期", "en": "Scheduled"},
    "col_postponed_from": {"zh": "顺延自", "en": "Postponed from"},
    "col_leader": {"zh": "领导", "en": "Leader"},
    "col_attended": {"zh": "到场", "en": "Attended"},
    "col_status": {"zh": "情况", "en": "Status"},
    "col_item": {"zh": "项目", "en": "Item"},
    "col_text": {"zh": "说明", "en": "Definition"},
    "total": {"zh": "全区合计", "en": "All units"},
    "not_ranked": {"zh": "不参与排名", "en": "not ranked"},
    "missing": {"zh": "—", "en": "—"},
    "rank_up": {"zh": "↑{n}", "en": "↑{n}"},
    "rank_down": {"zh": "↓{n}", "en": "↓{n}"},
    "rank_same": {"zh": "持平", "en": "same"},
    "previous_month": {"zh": "变化为与上月（{month}）相比；各率的变化以百分点计。",
                       "en": "Changes are against the previous month ({month}); rate changes in percentage points."},
    "no_previous_month": {"zh": "日志中没有上月（{month}）的工单，不列变化。",
                          "en": "The log holds no ticket of the previous month ({month}): no changes shown."},
    "no_tickets": {"zh": "本月无工单。", "en": "No tickets this month."},
    "no_overdue": {"zh": "本月无超期工单。", "en": "No overdue tickets this month."},
    "overdue_unit": {"zh": "{unit}（{count} 张）", "en": "{unit} ({count})"},
    "no_unit": {"zh": "（未指定承办单位）", "en": "(no unit)"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "leader_log_missing": {"zh": "未提供领导接听日记录（--leader-log），本节从略。",
                           "en": "No leader-day log was given (--leader-log): section left out."},
    "leader_unavailable": {"zh": "本版本不含领导接听日核对模块，本节从略。",
                           "en": "Leader-day checking is not available in this build: section left out."},
    "leader_no_rows": {"zh": "本月无领导接听日记录。", "en": "No leader-day session this month."},
    "chart_label": {"zh": "各单位回复率、解决率、满意率柱状图", "en": "Bar chart of the three rates per unit"},
    # 口径说明
    "note_scope_title": {"zh": "统计范围", "en": "Scope"},
    "note_scope": {
        "zh": "工单按首次派单时间（{tz}）归入月份，按最后一次派单或改派的承办单位统计；"
              "统计截至 {as_of}，此后的事件不计。",
        "en": "A ticket belongs to the month of its first dispatch ({tz}) and to the unit of its "
              "last dispatch or redispatch; events after {as_of} are not counted."},
    "note_reply": {
        "zh": "首次反馈在反馈期限（经批准延期的，以承诺时间为准）内的工单数 ÷ 反馈期限不晚于统计截至时间的工单数。"
              "改派的工单按新承办单位自改派起的期限计算。",
        "en": "Tickets whose first feedback came by the feedback due time (an approved extension "
              "moves it) ÷ tickets whose feedback due time is not after as-of. A redispatched "
              "ticket is judged on the new unit's deadline, counted from the redispatch."},
    "note_resolution": {
        "zh": "最后一次回访为“已解决”的工单数 ÷ 有回访的工单数。",
        "en": "Tickets whose last visit says resolved ÷ tickets with a visit."},
    "note_satisfaction": {
        "zh": "按最后一次回访的评价加权（{weights}）之和 ÷ 有回访的工单数。",
        "en": "Sum of the weights of the last visits' answers ({weights}) ÷ tickets with a visit."},
    "note_composite": {
        "zh": "三率的加权平均（权重：{weights}）；某率无数据时不计入，其余权重按比例折算。",
        "en": "Weighted mean of the three rates (weights: {weights}); a missing rate is left out "
              "and the other weights renormalised."},
    "note_ranking_title": {"zh": "排名", "en": "Ranking"},
    "note_ranking": {
        "zh": "按{by}从高到低排名；相同时依次比较：{tie_breakers}。{by}无数据的单位不参与排名，列于最后。",
        "en": "Ranked by {by}, highest first; ties broken by: {tie_breakers}. A unit without "
              "{by} is not ranked and is listed last."},
    "note_missing_title": {"zh": "无数据", "en": "No data"},
    "note_missing": {
        "zh": "某率的分母为0（如本月无回访）时显示“—”，不按0%或100%计。",
        "en": "A rate whose denominator is 0 (e.g. no visit this month) is shown as “—”, "
              "never as 0 % or 100 %."},
    "note_overdue_title": {"zh": "超期工单", "en": "Overdue tickets"},
    "note_overdue": {
        "zh": "本月工单中，{rules}违规（已超时）归属该单位的工单；先超期后被改派的，仍计入原单位。",
        "en": "Tickets of the month with a violated {rules} finding attributed to the unit; a "
              "unit that missed a deadline keeps the ticket as overdue after a redispatch."},
    "note_rates_interpretation": {"zh": "规则集说明（三率）", "en": "Rule set's note (rates)"},
    "note_key_tickets_interpretation": {"zh": "规则集说明（重点工单）", "en": "Rule set's note (key tickets)"},
    "breaker_fewer_overdue": {"zh": "超期工单少者在前", "en": "fewer overdue tickets"},
    "breaker_name": {"zh": "单位名称", "en": "unit name"},
    "rate_reply": {"zh": "回复率", "en": "Reply rate"},
    "rate_resolution": {"zh": "解决率", "en": "Resolution rate"},
    "rate_satisfaction": {"zh": "满意率", "en": "Satisfaction rate"},
    "rate_composite": {"zh": "综合得分", "en": "Composite"},
    "answer_satisfied": {"zh": "满意", "en": "satisfied"},
    "answer_basically_satisfied": {"zh": "基本满意", "en": "basically satisfied"},
    "answer_unsatisfied": {"zh": "不满意", "en": "unsatisfied"},
}

MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    return say(TEXT, key, lang, **values)


# --- figures as people read them -------------------------------------------------------

def percent(value: float | None) -> str:
    """0.9523 → 95.2%; None → —."""
    return "—" if value is None else f"{value * 100:.1f}%"


def points(delta: float | None) -> str:
    """A change of a rate in percentage points (the column header says so): +2.5; None → —."""
    return "—" if delta is None else f"{delta * 100:+.1f}"


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


def unit_label(unit: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    return unit if unit else text("no_unit", lang)


def rate_name(key: str, ruleset_rates: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """The rule set's own name in Chinese (回复率…), the catalogue's in English."""
    if lang == "zh":
        name = (ruleset_rates.get(key) or {}).get("name")
        if name:
            return name
    return text(f"rate_{key}", lang)


# --- months ----------------------------------------------------------------------------

def parse_month(month: str) -> tuple[int, int]:
    match = MONTH_PATTERN.match(month or "")
    if not match:
        raise CheckerError(f"month '{month}' is not YYYY-MM")
    return int(match.group(1)), int(match.group(2))


def previous_month(month: str) -> str:
    year, number = parse_month(month)
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


# --- the engine run --------------------------------------------------------------------

def _first_dispatch_month(ticket, days) -> str | None:
    first = next((event for event in ticket.events if event.event == "dispatched"), None)
    return days.date(first.at).strftime("%Y-%m") if first else None


def check_months(log, ruleset: RuleSet, as_of: int, months: Iterable[str],
                 lang: str = DEFAULT_LANGUAGE) -> list[tuple[TicketContext, list[Finding]]]:
    """Run every per-ticket check over the tickets first dispatched in `months`, as `audit`
    does (same grouping, same as-of)."""
    wanted = set(months)
    auditor = Auditor(ruleset, as_of, lang)
    return [auditor.check_ticket(ticket) for ticket in group_tickets(log.events, ruleset, as_of)
            if _first_dispatch_month(ticket, auditor.days) in wanted]


# --- sections --------------------------------------------------------------------------

def _rate_dict(rate) -> dict:
    return {"numerator": rate.numerator, "denominator": rate.denominator, "rate": rate.value}


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _unit_row(unit: UnitRates, previous: dict[str | None, UnitRates] | None) -> dict:
    row = {"unit": unit.unit, "rank": unit.rank, "tickets": unit.tickets,
           "on_time_feedbacks": unit.on_time_feedbacks, "overdue_tickets": unit.overdue_tickets,
           **{key: _rate_dict(getattr(unit, key)) for key in RATE_KEYS},
           "composite": unit.composite, "change": None}
    if previous is not None:
        before = previous.get(unit.unit)
        if before is not None:
            row["change"] = {
                "previous_rank": before.rank,
                "rank": (before.rank - unit.rank
                         if before.rank is not None and unit.rank is not None else None),
                **{key: _delta(unit.rate(key), before.rate(key))
                   for key in (*RATE_KEYS, "composite")}}
    return row


def _total_row(total: UnitRates) -> dict:
    return {"tickets": total.tickets, "on_time_feedbacks": total.on_time_feedbacks,
            "overdue_tickets": total.overdue_tickets,
            **{key: _rate_dict(getattr(total, key)) for key in RATE_KEYS},
            "composite": total.composite}


def _key_tickets(outcomes: list[TicketOutcome], ruleset: RuleSet) -> list[dict]:
    categories = ruleset.section("key_tickets").get("categories") or {}
    rows: dict[str, dict] = {
        key: {"category": key, "name": spec.get("name", key), "tickets": 0, "open": 0,
              "closed": 0, "overdue": 0, "units": [], "passed_to": list(spec.get("passed_to", ()))}
        for key, spec in categories.items()}
    units: dict[str, set] = {key: set() for key in rows}
    for outcome in outcomes:
        key = outcome.key_category
        if not key:
            continue
        if key not in rows:     # a category the rule set does not list is still counted
            rows[key] = {"category": key, "name": key, "tickets": 0, "open": 0, "closed": 0,
                         "overdue": 0, "units": [], "passed_to": []}
            units[key] = set()
        row = rows[key]
        row["tickets"] += 1
        row["closed" if outcome.closed else "open"] += 1
        row["overdue"] += 1 if outcome.overdue_units else 0
        if outcome.unit:
            units[key].add(outcome.unit)
    for key, row in rows.items():
        row["units"] = sorted(units[key])
    return list(rows.values())


def _overdue_list(checked: list[tuple[TicketContext, list[Finding]]], month: str,
                  outcomes: dict[str, TicketOutcome], ruleset: RuleSet, lang: str) -> list[dict]:
    groups: dict[str | None, list[dict]] = {}
    tz = ruleset.tz
    for context, findings in checked:
        if outcomes[context.ticket.ticket_id].month != month:
            continue
        for finding in findings:
            if finding.rule not in OVERDUE_RULES or finding.status != "violated":
                continue
            groups.setdefault(finding.unit, []).append({
                "ticket_id": finding.ticket_id, "rule": finding.rule,
                "rule_name": rule_name(finding.rule, lang), "clause": finding.clause,
                "due": iso(finding.due, tz), "actual": iso(finding.actual, tz),
                "late_seconds": overdue_seconds(finding),
                "late": overdue_text(finding, lang),
                "note": mask_personal(finding.note)})
    ordered = sorted(groups.items(), key=lambda item: (-len({t["ticket_id"] for t in item[1]}),
                                                       item[0] or "\uffff"))
    result = []
    for unit, items in ordered:
        items.sort(key=lambda item: (item["due"] or "", item["ticket_id"], item["rule"]))
        result.append({"unit": unit, "tickets": len({item["ticket_id"] for item in items}),
                       "findings": items})
    return result


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def _leader_day(ruleset: RuleSet, leader_log: str | None, month: str, lang: str) -> dict:
    section = {"log": leader_log, "available": True, "rows": []}
    if leader_log is None:
        return section
    try:
        from checker.reports.leader_day import leader_day_attendance
    except ModuleNotFoundError as error:
        if error.name != "checker.reports.leader_day":
            raise
        section["available"] = False
        return section
    rows = leader_day_attendance(ruleset, leader_log, month, lang)
    section["rows"] = [{key: _json_value(value) for key, value in row.items()} for row in rows]
    return section


def _weights_text(weights: dict, names: dict[str, str], lang: str) -> str:
    separator = "、" if lang == "zh" else ", "
    return separator.join(f"{names.get(key, key)} {value:g}" for key, value in weights.items())


def _notes(ruleset: RuleSet, as_of_text: str, lang: str) -> list[dict]:
    rates = ruleset.section("rates")
    ranking = ruleset.section("ranking")
    names = {key: rate_name(key, rates, lang) for key in (*RATE_KEYS, "composite")}
    answers = {key: text(f"answer_{key}", lang) for key in satisfaction_weights(ruleset)}
    by = ranking.get("by", "composite")
    breakers = []
    for breaker in ranking.get("tie_breakers", ["fewer_overdue", "name"]):
        if breaker in names:
            breakers.append(names[breaker])
        else:
            breakers.append(text(f"breaker_{breaker}", lang))
    separator = "、" if lang == "zh" else ", "
    notes = [
        {"key": "scope", "title": text("note_scope_title", lang),
         "text": text("note_scope", lang, tz=ruleset.timezone_name, as_of=as_of_text)},
        {"key": "reply", "title": names["reply"], "text": text("note_reply", lang)},
        {"key": "resolution", "title": names["resolution"], "text": text("note_resolution", lang)},
        {"key": "satisfaction", "title": names["satisfaction"],
         "text": text("note_satisfaction", lang,
                      weights=_weights_text(satisfaction_weights(ruleset), answers, lang))},
        {"key": "composite", "title": names["composite"],
         "text": text("note_composite", lang,
                      weights=_weights_text(composite_weights(ruleset), names, lang))},
        {"key": "ranking", "title": text("note_ranking_title", lang),
         "text": text("note_ranking", lang, by=names.get(by, by),
                      tie_breakers=separator.join(breakers))},
        {"key": "missing", "title": text("note_missing_title", lang),
         "text": text("note_missing", lang)},
        {"key": "overdue", "title": text("note_overdue_title", lang),
         "text": text("note_overdue", lang,
                      rules=separator.join(f"{rule_name(r, lang)}（{r}）" if lang == "zh"
                                           else f"{rule_name(r, lang)} ({r})"
                                           for r in OVERDUE_RULES))},
    ]
    for key in RATE_KEYS:
        quote = (rates.get(key) or {}).get("quote")
        if quote:
            notes[[n["key"] for n in notes].index(key)]["quote"] = quote
    for section_name in ("rates", "key_tickets"):
        interpretation = ruleset.section(section_name).get("interpretation")
        if interpretation:
            notes.append({"key": f"{section_name}_interpretation",
                          "title": text(f"note_{section_name}_interpretation", lang),
                          "text": interpretation})
    return notes


def _title(ruleset: RuleSet, month: str, lang: str) -> str:
    year, number = parse_month(month)
    # An office may name its report in the rule set (ranking.title); the catalogue's
    # generic heading otherwise.
    heading = ruleset.section("ranking").get("title") if lang == "zh" else None
    return text("title", lang, heading=heading or text("heading", lang), year=year,
                month=number, month_name=MONTH_NAMES_EN[number - 1])


# --- the report ------------------------------------------------------------------------

def build_monthly_report(log, ruleset: RuleSet, month: str, as_of: int | None = None,
                         lang: str = DEFAULT_LANGUAGE, leader_log: str | None = None) -> dict:
    """The monthly report of `month` (YYYY-MM) from a checker.logs.LogData.

    `as_of` defaults to the latest timestamp of the log. The dict is what `--format json`
    prints and what the other renderers show."""
    parse_month(month)
    if as_of is None:
        as_of = latest_instant(log.events)
        if as_of is None:
            raise CheckerError("the log holds no event to report on",
                               file=", ".join(getattr(log, "sources", [])) or None)
    before = previous_month(month)
    checked = check_months(log, ruleset, as_of, (month, before), lang)
    outcome_list = [ticket_outcome(context, findings, ruleset) for context, findings in checked]
    outcomes = {outcome.ticket_id: outcome for outcome in outcome_list}
    this_month = [outcome for outcome in outcome_list if outcome.month == month]
    has_previous = any(outcome.month == before for outcome in outcome_list)
    units = rates_from_outcomes(outcome_list, ruleset, month, as_of)
    previous = ({unit.unit: unit for unit in rates_from_outcomes(outcome_list, ruleset, before, as_of)}
                if has_previous else None)
    tz = ruleset.tz
    as_of_text = iso(as_of, tz)
    rates_section = ruleset.section("rates")
    return {
        "kind": REPORT_KIND,
        "lang": lang,
        "title": _title(ruleset, month, lang),
        "month": month,
        "previous_month": before if has_previous else None,
        "ruleset": {"id": ruleset.id, "title": ruleset.title, "source": ruleset.source},
        "as_of": as_of_text,
        "input": {"rows": log.rows, "events": len(log.events), "rejected": len(log.rejected),
                  "sources": list(getattr(log, "sources", []))},
        "rate_names": {key: rate_name(key, rates_section, lang) for key in (*RATE_KEYS, "composite")},
        "units": [_unit_row(unit, previous) for unit in units],
        "total": _total_row(total_rates(this_month, ruleset, as_of)),
        "key_tickets": _key_tickets(this_month, ruleset),
        "overdue": _overdue_list(checked, month, outcomes, ruleset, lang),
        "leader_day": _leader_day(ruleset, leader_log, month, lang),
        "notes": _notes(ruleset, short_instant(as_of_text), lang),
    }


# --- the tables every renderer shows (text cells; the XLSX writes typed values) --------

def ranking_headers(report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    names = report["rate_names"]
    headers = [text(key, lang) for key in ("col_rank", "col_unit", "col_tickets", "col_on_time",
                                           "col_overdue")]
    headers += [names[key] for key in (*RATE_KEYS, "composite")]
    if report["previous_month"]:
        headers.append(text("col_rank_change", lang))
        headers += [text("col_change_of", lang, rate=names[key]) for key in RATE_KEYS]
    return headers


def rate_cell(rate: dict) -> str:
    """93.1% (27/29); — when there is no denominator."""
    if rate["rate"] is None:
        return "—"
    return f"{percent(rate['rate'])} ({rate['numerator']:g}/{rate['denominator']})"


def ranking_cells(row: dict, report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    cells = [rank_text(row["rank"], lang), unit_label(row["unit"], lang), str(row["tickets"]),
             str(row["on_time_feedbacks"]), str(row["overdue_tickets"])]
    cells += [rate_cell(row[key]) for key in RATE_KEYS] + [percent(row["composite"])]
    if report["previous_month"]:
        change = row["change"] or {}
        cells.append(rank_change(change.get("rank"), lang))
        cells += [points(change.get(key)) for key in RATE_KEYS]
    return cells


def total_cells(report: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    total = report["total"]
    cells = ["", text("total", lang), str(total["tickets"]), str(total["on_time_feedbacks"]),
             str(total["overdue_tickets"])]
    cells += [rate_cell(total[key]) for key in RATE_KEYS] + [percent(total["composite"])]
    if report["previous_month"]:
        cells += [""] * (1 + len(RATE_KEYS))
    return cells


KEY_TICKET_COLUMNS = ("col_category", "col_tickets", "col_open", "col_closed", "col_overdue",
                      "col_units", "col_passed_to")


def key_ticket_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [text(key, lang) for key in KEY_TICKET_COLUMNS]


def _joined(names: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(names)


def key_ticket_cells(row: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [row["name"], str(row["tickets"]), str(row["open"]), str(row["closed"]),
            str(row["overdue"]), _joined(row["units"], lang), _joined(row["passed_to"], lang)]


OVERDUE_COLUMNS = ("col_ticket", "col_rule", "col_due", "col_actual", "col_late", "col_note")


def overdue_headers(lang: str = DEFAULT_LANGUAGE, with_unit: bool = False) -> list[str]:
    return [text(key, lang) for key in (("col_unit",) if with_unit else ()) + OVERDUE_COLUMNS]


def short_instant(value: str | None) -> str:
    """'2024-05-11T10:30:00+08:00' → '2024-05-11 10:30' (seconds kept when not zero)."""
    if not value:
        return ""
    day, _, clock = value.partition("T")
    clock = clock[:8]
    return f"{day} {clock[:5] if clock.endswith(':00') else clock}"


def overdue_cells(item: dict) -> list[str]:
    return [item["ticket_id"], item["rule_name"], short_instant(item["due"]),
            short_instant(item["actual"]), item["late"], item["note"] or ""]


LEADER_COLUMNS = (("date", "col_date"), ("scheduled", "col_scheduled"),
                  ("postponed_from", "col_postponed_from"), ("unit", "col_unit"),
                  ("leader", "col_leader"), ("attended", "col_attended"), ("status", "col_status"))


def leader_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [text(key, lang) for _, key in LEADER_COLUMNS]


def leader_cells(row: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    cells = []
    for field, _ in LEADER_COLUMNS:
        value = row.get(field)
        if isinstance(value, bool):
            value = text("yes" if value else "no", lang)
        cells.append("" if value is None else str(value))
    return cells


def leader_message(report: dict, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """Why the leader-day table is empty, or None when it has rows."""
    section = report["leader_day"]
    if section["log"] is None:
        return text("leader_log_missing", lang)
    if not section["available"]:
        return text("leader_unavailable", lang)
    if not section["rows"]:
        return text("leader_no_rows", lang)
    return None


def subtitle(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    ruleset = report["ruleset"]
    return text("subtitle", lang, title=ruleset["title"], ruleset=ruleset["id"],
                source=ruleset["source"],
                as_of=short_instant(report["as_of"]))


def input_line(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    data = report["input"]
    return text("input_line", lang, rows=data["rows"], events=data["events"],
                rejected=data["rejected"], tickets=report["total"]["tickets"])


def previous_line(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    if report["previous_month"]:
        return text("previous_month", lang, month=report["previous_month"])
    return text("no_previous_month", lang, month=previous_month(report["month"]))
