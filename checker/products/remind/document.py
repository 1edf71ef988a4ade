"""The reminder list as a document: a table of the reminders grouped by unit (in the
terminal a table per unit under its counts; in the workbook one filterable sheet with the
unit as a column, the start, the rule and the minutes left beside), and in the workbook a
sheet of the counts by unit. The CSV is the same table (checker.render.csv_table)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from checker.documents import cells
from checker.documents.model import READ, SHEET, Column, Document, Group, Paragraph, Section, Table
from checker.i18n import say
from checker.output.audit_notes import unjudged_sentence
from checker.output.labels import rule_name, ruleset_used, unit_name
from checker.output.sanitize import mask_personal
from checker.products.remind.wording import action_text, class_name, kind_name, text, time_text
from checker.reports.reminders import KINDS, Reminder, ReminderList
from checker.timefmt import local_text

TEXT = {
    "title": {"zh": "提醒督促清单：{ruleset}（{source}），截至 {as_of}",
              "en": "Reminder list: {ruleset} ({source}), as of {as_of}"},
    "count_item": {"zh": "{kind} {n} 件", "en": "{kind}: {n}"},
    "unit_heading": {"zh": "{unit}：{counts}", "en": "{unit}: {counts}"},
    "total": {"zh": "合计：{counts}（{units} 个单位）", "en": "Total: {counts} ({units} units)"},
    "nothing": {"zh": "截至 {as_of}，没有需要提醒督促的工单。",
                "en": "As of {as_of}, no ticket needs a reminder."},
    "rejected": {"zh": "另有 {n} 行日志无法读取，未计入（用 audit 查看原因）。",
                 "en": "{n} log rows could not be read and are left out (see audit for why)."},
    "sheet_list": {"zh": "提醒清单", "en": "Reminders"},
    "sheet_summary": {"zh": "按单位汇总", "en": "By unit"},
}

# (column, shown in): the terminal reads the short list, the workbook has every column.
COLUMNS = (("col_kind", "all"), ("col_ticket", "all"), ("col_category", "all"), ("col_class", "all"),
           ("col_rule", SHEET), ("col_start", SHEET), ("col_due", "all"), ("col_minutes", SHEET),
           ("col_time", "all"), ("col_action", "all"))
NO_WRAP = ("col_kind", "col_time")
UNIT_AT = 2                          # the workbook's unit column: after the kind and the ticket


def _say(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def _counts_text(counts: dict[str, int], lang: str, skip_zero: bool = False) -> str:
    return text("list_sep", lang).join(_say("count_item", lang, kind=kind_name(kind, lang), n=n)
                                       for kind, n in counts.items() if n or not skip_zero)


def _minutes(seconds: int | None) -> int | None:
    """Whole minutes toward zero: 40 min 30 s left is 40, overdue by 90 s is −1."""
    if seconds is None:
        return None
    return seconds // 60 if seconds >= 0 else -((-seconds) // 60)


def reminder_row(reminder: Reminder, result: ReminderList, tz: ZoneInfo, lang: str) -> list:
    tone = "bad" if reminder.kind in ("not_accepted", "overdue") else "warn"
    return [cells.text(kind_name(reminder.kind, lang), tone), reminder.ticket_id,
            mask_personal(reminder.category) or "", class_name(reminder, result.class_names, lang),
            rule_name(reminder.rule, lang) if reminder.rule else "",
            cells.instant(reminder.start, tz, lang), cells.instant(reminder.due, tz, lang),
            cells.number(_minutes(reminder.remaining)) if reminder.remaining is not None else "",
            time_text(reminder, tz, lang), action_text(reminder, tz, lang)]


def reminder_table(result: ReminderList, lang: str) -> Table:
    tz = ZoneInfo(result.timezone)
    groups = [Group(_say("unit_heading", lang, unit=unit_name(unit, lang),
                         counts=_counts_text(result.counts(reminders), lang, skip_zero=True)),
                    unit_name(unit, lang), [reminder_row(r, result, tz, lang) for r in reminders])
              for unit, reminders in result.by_unit()]
    return Table([Column(text(key, lang), show, no_wrap=key in NO_WRAP) for key, show in COLUMNS],
                 groups=groups, group_column=Column(text("col_unit", lang)), group_at=UNIT_AT,
                 name="reminders", filter=True)


def _closing(result: ReminderList, lang: str) -> list[str]:
    lines = []
    if result.reminders:
        lines.append(_say("total", lang, counts=_counts_text(result.counts(), lang), units=len(result.by_unit())))
    if result.rejected:
        lines.append(_say("rejected", lang, n=result.rejected))
    return lines + [unjudged_sentence(item, lang) for item in result.unjudged] + (
        [ruleset_used(result.ruleset_file, result.ruleset_hash, lang)] if result.ruleset_file else [])


def reminder_document(result: ReminderList, lang: str = "zh") -> Document:
    tz = ZoneInfo(result.timezone)
    as_of = local_text(result.as_of, tz, lang)
    title = _say("title", lang, ruleset=result.ruleset_id, source=result.ruleset_source, as_of=as_of)
    listing = Section("", sheet=_say("sheet_list", lang), name="reminders")
    if not result.reminders:
        listing.add(Paragraph(_say("nothing", lang, as_of=as_of), show=READ))
    listing.add(reminder_table(result, lang))
    summary = Section(_say("sheet_summary", lang), name="summary", show=SHEET).add(
        Table([Column(text("col_unit", lang)), *(Column(kind_name(kind, lang)) for kind in KINDS)],
              [[unit_name(unit, lang), *(cells.number(n) for n in result.counts(reminders).values())]
               for unit, reminders in result.by_unit()]))
    for line in [unjudged_sentence(item, lang) for item in result.unjudged]:
        summary.add(Paragraph(line))
    if result.ruleset_file:
        summary.add(Paragraph(ruleset_used(result.ruleset_file, result.ruleset_hash, lang)))
    return Document(title, _closing(result, lang), [listing, summary], lang=lang, page_header=title)
