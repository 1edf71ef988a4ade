"""The reminder list for a spreadsheet: CSV, and an XLSX workbook with a sheet of the
reminders and a sheet of the counts by unit. Text cells are masked and defused."""

from __future__ import annotations

import csv
import io
from typing import Callable
from zoneinfo import ZoneInfo

from checker.output.audit_notes import unjudged_sentence
from checker.i18n import say
from checker.output.labels import rule_name, ruleset_used, unit_name
from checker.output.sanitize import safe_cell
from checker.reports.reminder_text import action_text, class_name, kind_name, text, time_text
from checker.reports.reminders import KINDS, ReminderList
from checker.timefmt import local_text, short

TEXT = {
    "sheet_list": {"zh": "提醒清单", "en": "Reminders"},
    "sheet_summary": {"zh": "按单位汇总", "en": "By unit"},
}

COLUMNS = ("col_kind", "col_ticket", "col_unit", "col_category", "col_class", "col_rule",
           "col_start", "col_due", "col_minutes", "col_time", "col_action")


def _rows(result: ReminderList, lang: str, instant: Callable) -> list[list]:
    """One row per reminder; `instant(epoch, tz)` writes the start and due instants."""
    tz = ZoneInfo(result.timezone)
    rows = []
    for unit, reminders in result.by_unit():
        for reminder in reminders:
            minutes = None if reminder.remaining is None else _minutes(reminder.remaining)
            rows.append([
                kind_name(reminder.kind, lang), safe_cell(reminder.ticket_id),
                safe_cell(unit_name(unit, lang)), safe_cell(reminder.category),
                safe_cell(class_name(reminder, result.class_names, lang)),
                safe_cell(rule_name(reminder.rule, lang) if reminder.rule else ""),
                instant(reminder.start, tz), instant(reminder.due, tz), minutes,
                safe_cell(time_text(reminder, tz, lang)),
                safe_cell(action_text(reminder, tz, lang)),
            ])
    return rows


def _minutes(seconds: int) -> int:
    """Whole minutes toward zero: 40 min 30 s left is 40, overdue by 90 s is −1."""
    return seconds // 60 if seconds >= 0 else -((-seconds) // 60)


def _headers(lang: str) -> list[str]:
    return [text(column, lang) for column in COLUMNS]


def render_csv(result: ReminderList, lang: str = "zh") -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_headers(lang))
    for row in _rows(result, lang, lambda epoch, tz: short(epoch, tz)):
        writer.writerow(["" if cell is None else cell for cell in row])
    return buffer.getvalue()


def render_xlsx(result: ReminderList, lang: str = "zh") -> bytes:
    # openpyxl takes a tenth of a second to import: only the workbook needs it.
    from openpyxl import Workbook

    from checker.output.xlsx_cells import Sheet, excel_datetime, excel_text, workbook_bytes

    def clean(value):
        return excel_text(value) if isinstance(value, str) else value

    from checker.reports.reminders_table import TEXT as TABLE_TEXT

    tz = ZoneInfo(result.timezone)
    heading = say(TABLE_TEXT, "title", lang, ruleset=result.ruleset_id, source=result.ruleset_source,
                  as_of=local_text(result.as_of, tz, lang))
    workbook = Workbook()
    workbook.remove(workbook.active)
    listing = Sheet(workbook, say(TEXT, "sheet_list", lang), _headers(lang), heading=heading,
                    page_header=heading)
    for row in _rows(result, lang, excel_datetime):
        listing.add([clean(cell) for cell in row])
    listing.finish()
    last = listing.sheet.cell(row=listing.sheet.max_row, column=len(_headers(lang))).coordinate
    listing.sheet.auto_filter.ref = f"A{listing.header_row}:{last}"

    summary = Sheet(workbook, say(TEXT, "sheet_summary", lang),
                    [text("col_unit", lang), *(kind_name(kind, lang) for kind in KINDS)],
                    heading=heading, page_header=heading)
    for unit, reminders in result.by_unit():
        summary.add([clean(safe_cell(unit_name(unit, lang))), *result.counts(reminders).values()])
    for item in result.unjudged:
        summary.add([clean(safe_cell(unjudged_sentence(item, lang)))])
    if result.ruleset_file:
        summary.add([None])
        summary.add([clean(ruleset_used(result.ruleset_file, result.ruleset_hash, lang))])
    summary.finish()
    return workbook_bytes(workbook)
