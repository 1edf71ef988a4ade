"""Section 4 of the monthly report: the attendance at the month's leaders' answering day
(clause 2.2.2), from the leader-day log given with --leader-log."""

from __future__ import annotations

from datetime import date

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.engine.leader_day import leader_day_attendance
from checker.reports.report_text import TEXT as SHARED_TEXT
from checker.ruleset import RuleSet

TEXT: dict[str, dict[str, str]] = {
    "col_date": {"zh": "日期", "en": "Date"},
    "col_scheduled": {"zh": "原定日期", "en": "Scheduled"},
    "col_postponed_from": {"zh": "顺延自", "en": "Postponed from"},
    "col_leader": {"zh": "领导", "en": "Leader"},
    "col_attended": {"zh": "到场", "en": "Attended"},
    "col_status": {"zh": "情况", "en": "Status"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "leader_log_missing": {"zh": "未提供领导接听日记录（--leader-log），本节从略。",
                           "en": "No leader-day log was given (--leader-log): section left out."},
    "leader_no_rows": {"zh": "本月无领导接听日记录。", "en": "No leader-day session this month."},
}

# (field of a row, its column header), in column order. The status is shown in words
# (`status_text`, in the report's language), never as its key.
LEADER_COLUMNS = (("date", "col_date"), ("scheduled", "col_scheduled"),
                  ("postponed_from", "col_postponed_from"), ("unit", "col_unit"),
                  ("leader", "col_leader"), ("attended", "col_attended"),
                  ("status_text", "col_status"))
_WORDS = {**SHARED_TEXT, **TEXT}     # this section's columns and those it shares


def _json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def leader_day_section(ruleset: RuleSet, leader_log: str | None, month: str, lang: str) -> dict:
    """{log, rows}: the attendance rows of the month's session; none without a log."""
    section = {"log": leader_log, "rows": []}
    if leader_log is None:
        return section
    rows = leader_day_attendance(ruleset, leader_log, month, lang)
    section["rows"] = [{key: _json_value(value) for key, value in row.items()} for row in rows]
    return section


def leader_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [say(_WORDS, key, lang) for _, key in LEADER_COLUMNS]


def leader_cells(row: dict, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    cells = []
    for field, _ in LEADER_COLUMNS:
        value = row.get(field)
        if isinstance(value, bool):
            value = say(TEXT, "yes" if value else "no", lang)
        cells.append("" if value is None else str(value))
    return cells


def leader_message(report: dict, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """Why the leader-day table is empty, or None when it has rows."""
    section = report["leader_day"]
    if section["log"] is None:
        return say(TEXT, "leader_log_missing", lang)
    if not section["rows"]:
        return say(TEXT, "leader_no_rows", lang)
    return None
