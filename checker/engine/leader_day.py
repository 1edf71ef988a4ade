"""Rule kind `leader_day` (clause 2.2.2): each month's leaders' answering day, audited.

“原则上每月第三周星期二为…主要领导接听日，如遇节假日顺延”. For each month checked, the
session day comes from the rule set's `leader_days` schedule (RuleSet.leader_session)
and the units due to attend from `leader_days.assignments["YYYY-MM"]`. Three findings:
- `scheduled-date`: the leader-day log records a session on another day of the month than
  the scheduled (postponed) one — one finding per such day, for the office;
- `leader-present`: an assigned unit whose leader is recorded absent, or not recorded at
  all, at the month's session — one finding per unit;
- `on-site-dispatch`: no ticket of the leader-day channel (`leader_days.channel`) was
  dispatched on the session's day — one finding for the session, for the office.
The session's days are the scheduled day and any day the log records a session that month:
a session held on a wrong day is reported once, as held on the wrong day, and the leaders
who came to it and the tickets dispatched at it still count.

A finding is about a session, not a ticket: its ticket id is empty and its due instant is
24:00 of the scheduled day. A month whose session is still ahead of as-of is not checked.
It is judged on the rule set's schedule, not per ticket (registry.SCHEDULE_KINDS), from a log
of its own (checker.logs.leader_log); `leader_day_attendance` gives the monthly report's
section 4 (checker.reports.leader_day_section) the same judgement per unit.
"""

from __future__ import annotations

from datetime import date

from checker.calendar.clocks import local_days
from checker.calendar.leader_days import LeaderDay
from checker.finding_frame import with_more
from checker.engine.tickets import group_tickets
from checker.i18n import pick, say
from checker.logs.leader_log import LeaderLog, read_leader_log
from checker.model import AuditResult, Finding, Ticket
from checker.output.phrasing import with_aside
from checker.reports.months import parse_month
from checker.ruleset import RuleSet

KIND = "leader_day"

_TEXT = {
    "wrong_date": {"zh": "{held}举行，应于{scheduled}举行{postponed}",
                   "en": "held on {held}; scheduled for {scheduled}{postponed}"},
    "postponed": {"zh": "（原定{original}，遇非工作日顺延）",
                  "en": " (postponed from {original}, not a workday)"},
    "absent": {"zh": "{date}接听日{unit}主要领导未到场",
               "en": "{unit}: the leader was absent at the session of {date}"},
    "absent_named": {"zh": "{date}接听日{unit}主要领导{leader}未到场",
                     "en": "{unit}: the leader, {leader}, was absent at the session of {date}"},
    "missing": {"zh": "{date}接听日无{unit}主要领导到场记录",
                "en": "{unit}: no leader recorded at the session of {date}"},
    "no_dispatch": {"zh": "{date}接听日没有渠道为 {channel} 的现场派单",
                    "en": "no ticket dispatched on site (channel {channel}) at the session of {date}"},
    "present": {"zh": "到场", "en": "present"},
    "absent_status": {"zh": "未到场", "en": "absent"},
    "missing_status": {"zh": "无记录", "en": "not recorded"},
    "wrong_date_status": {"zh": "未按期举行", "en": "not on the scheduled day"},
}

CHECKS = ("scheduled-date", "leader-present", "on-site-dispatch")


def _say(key: str, lang: str, **values) -> str:
    return say(_TEXT, key, lang, **values)


def leader_day_rule(ruleset: RuleSet) -> dict | None:
    """The rule of kind `leader_day`, or None when the rule set has none."""
    return next((rule for rule in ruleset.data.get("rules", ()) if rule.get("kind") == KIND), None)


def session_of(ruleset: RuleSet, month: str) -> LeaderDay:
    """The session of `month` ("YYYY-MM"): its day, and the day it was moved from, if any."""
    return ruleset.leader_session(*parse_month(month))


def assigned_units(ruleset: RuleSet, month: str) -> list[str]:
    """The units of `month`'s session, by their canonical names."""
    named = (ruleset.leader_settings.get("assignments") or {}).get(month) or ()
    return [ruleset.canonical_unit(unit) or unit for unit in named]


def _entries_by_canonical_unit(ruleset: RuleSet, entries: list) -> list:
    """The leader-day log's entries with each unit under its canonical name (区住建局 → …)."""
    for entry in entries:
        entry.unit = ruleset.canonical_unit(entry.unit) or entry.unit
    return entries


def _postponed_text(session: LeaderDay, lang: str) -> str:
    if session.postponed_from is None:
        return ""
    return _say("postponed", lang, original=session.postponed_from.isoformat())


def _on_site_days(tickets: list[Ticket], channel: str, ruleset: RuleSet) -> set[int]:
    """Local date ordinals on which a ticket of the leader-day channel was dispatched."""
    days = local_days(ruleset.tz)
    found: set[int] = set()
    for ticket in tickets:
        for event in ticket.events:
            if event.event == "dispatched" and (event.channel or ticket.channel) == channel:
                found.add(days.ordinal_of(event.at))
    return found


def leader_day_findings(ruleset: RuleSet, leader_log: LeaderLog, tickets: list[Ticket],
                        months: list[str], lang: str = "zh", as_of: int | None = None) -> list[Finding]:
    """The leader-day findings of `months` ("YYYY-MM"); months whose session day is after
    `as_of` (when given) are left out."""
    rule = leader_day_rule(ruleset)
    if rule is None:
        return []
    settings = ruleset.leader_settings
    channel = settings["channel"]
    days = local_days(ruleset.tz)
    as_of_ordinal = days.ordinal_of(as_of) if as_of is not None else None
    on_site = _on_site_days(tickets, channel, ruleset)
    base = pick(rule.get("message"), lang) or rule["id"]

    def finding(check: str, extra: str, unit: str | None, due: int, actual: int | None,
                responsible: str, detail: dict) -> Finding:
        return Finding(ticket_id="", rule=rule["id"], clause=str(rule["clause"]),
                       severity=rule.get("severity", "violation"), unit=unit, due=due,
                       actual=actual, message=with_aside(base, extra, lang), check=check,
                       responsible=responsible, detail=detail)

    findings: list[Finding] = []
    for month in sorted(set(months)):
        session = session_of(ruleset, month)
        scheduled = session.date
        if as_of_ordinal is not None and scheduled.toordinal() > as_of_ordinal:
            continue
        due = days.midnight(scheduled.toordinal() + 1)
        entries = _entries_by_canonical_unit(ruleset, leader_log.of_month(month))
        held = sorted({entry.date for entry in entries})
        detail = {"month": month, "scheduled": scheduled.isoformat(),
                  "postponed_from": session.postponed_from.isoformat() if session.postponed_from else None,
                  "held": [day.isoformat() for day in held]}
        for day in held:
            if day != scheduled:
                findings.append(finding(
                    "scheduled-date",
                    _say("wrong_date", lang, held=day.isoformat(), scheduled=scheduled.isoformat(),
                         postponed=_postponed_text(session, lang)),
                    None, due, days.midnight(day.toordinal()), "office", detail))
        for unit in assigned_units(ruleset, month):
            mine = [entry for entry in entries if entry.unit == unit]
            if any(entry.attended for entry in mine):
                continue
            if mine:
                leader = next((e.leader for e in mine if e.leader), None)
                extra = _say("absent_named" if leader else "absent", lang,
                             date=scheduled.isoformat(), unit=unit, leader=leader)
            else:
                extra = _say("missing", lang, date=scheduled.isoformat(), unit=unit)
            findings.append(finding("leader-present", extra, unit, due, None, "unit", detail))
        session_days = {day.toordinal() for day in held} | {scheduled.toordinal()}
        if not session_days & on_site:
            findings.append(finding(
                "on-site-dispatch",
                _say("no_dispatch", lang, date=scheduled.isoformat(), channel=channel),
                None, due, None, "office", detail))
    return findings


def leader_day_attendance(ruleset: RuleSet, leader_log_path: str | LeaderLog, month: str,
                          lang: str = "zh") -> list[dict]:
    """The attendance of `month`'s session, for the monthly report.

    One row per log entry of the month, and one for each assigned unit the log does not
    mention: {date, scheduled, postponed_from, unit, leader, attended, status, status_text,
    assigned}. Dates are ISO strings (`date` is None for a unit not recorded). `status`:
    `present` (came on the scheduled day), `absent`, `missing` (assigned, not recorded),
    `wrong_date` (came, on another day than the scheduled one). Assigned units come first,
    in the order of the assignment, then the others by name.
    """
    leader_log = (leader_log_path if isinstance(leader_log_path, LeaderLog)
                  else read_leader_log(leader_log_path))
    session = session_of(ruleset, month)
    assigned = assigned_units(ruleset, month)
    entries = _entries_by_canonical_unit(ruleset, leader_log.of_month(month))
    common = {"scheduled": session.date.isoformat(),
              "postponed_from": session.postponed_from.isoformat() if session.postponed_from else None}

    def row(entry, unit: str) -> dict:
        if entry is None:
            status = "missing"
        elif not entry.attended:
            status = "absent"
        elif entry.date != session.date:
            status = "wrong_date"
        else:
            status = "present"
        key = status if status == "present" else f"{status}_status"
        return {"date": entry.date.isoformat() if entry else None, **common, "unit": unit,
                "leader": entry.leader if entry else None,
                "attended": entry.attended if entry else None,
                "status": status, "status_text": _say(key, lang), "assigned": unit in assigned}

    rows = []
    for unit in assigned:
        mine = [entry for entry in entries if entry.unit == unit]
        if mine:
            rows.extend(row(entry, unit) for entry in mine)
        else:
            rows.append(row(None, unit))
    others = sorted((e for e in entries if e.unit not in assigned), key=lambda e: (e.unit, e.date))
    rows.extend(row(entry, entry.unit) for entry in others)
    return rows


def _month_of(ordinal: int) -> str:
    return date.fromordinal(ordinal).strftime("%Y-%m")


def add_leader_day_findings(result: AuditResult, ruleset: RuleSet, leader_log_path: str, log,
                            lang: str = "zh", unit: str | None = None) -> None:
    """`audit --leader-log FILE`: add the leader-day findings to an audit result.

    The months checked are those of the ticket log's dispatches and of the leader-day log,
    up to the result's as-of. The leader-day log's rejected rows join the result's (and its
    row count, so rows = events + rejected still holds); `unit` keeps only that unit's
    findings, like `audit --unit`.
    """
    leader_log = read_leader_log(leader_log_path)
    tickets = group_tickets(log.events, ruleset, result.as_of)
    days = local_days(ruleset.tz)
    months = {_month_of(days.ordinal_of(event.at))
              for ticket in tickets for event in ticket.events if event.event == "dispatched"}
    months.update(leader_log.months())
    as_of_month = _month_of(days.ordinal_of(result.as_of))
    months = sorted(month for month in months if month <= as_of_month)
    found = leader_day_findings(ruleset, leader_log, tickets, months, lang, as_of=result.as_of)
    if unit is not None:
        found = [f for f in found if f.unit == unit]
    result.findings = with_more(result.findings, found)
    result.rejected.extend(leader_log.rejected)
    result.rows += len(leader_log.rejected)
    result.inputs.append(leader_log_path)
