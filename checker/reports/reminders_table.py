"""The reminder list as a terminal table: one table per unit, with the counts of each kind."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from checker.output.audit_notes import unjudged_sentence
from checker.i18n import say
from checker.output.labels import ruleset_used, unit_name
from checker.output.sanitize import mask_personal
from checker.reports.reminder_text import action_text, class_name, kind_name, text, time_text
from checker.reports.reminders import ReminderList
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
}

COLUMNS = ("col_kind", "col_ticket", "col_category", "col_class", "col_due", "col_time",
           "col_action")


def _say(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def _counts_text(counts: dict[str, int], lang: str, skip_zero: bool = False) -> str:
    return text("list_sep", lang).join(_say("count_item", lang, kind=kind_name(kind, lang), n=n)
                                       for kind, n in counts.items() if n or not skip_zero)


def render_table(result: ReminderList, lang: str = "zh",
                 console_width: int | None = None, color: bool = False) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from checker.output.console import text_console

    tz = ZoneInfo(result.timezone)
    console = text_console(console_width or None, color)
    console.print(Text(_say("title", lang, ruleset=result.ruleset_id, source=result.ruleset_source,
                            as_of=local_text(result.as_of, tz, lang))))
    if not result.reminders:
        console.print(Text(_say("nothing", lang, as_of=local_text(result.as_of, tz, lang))))
    groups = result.by_unit()
    for unit, reminders in groups:
        console.print()
        heading = _say("unit_heading", lang, unit=mask_personal(unit_name(unit, lang)),
                       counts=_counts_text(result.counts(reminders), lang, skip_zero=True))
        console.print(Text(heading, style="bold" if color else ""))
        table = Table(box=box.SQUARE, header_style="bold" if color else "")
        for column in COLUMNS:
            table.add_column(text(column, lang), overflow="fold",
                             no_wrap=column in ("col_kind", "col_time"))
        for reminder in reminders:
            style = ("red" if reminder.kind in ("not_accepted", "overdue") else "yellow") if color else ""
            # Plain Text cells: a category with [brackets] is never read as rich markup.
            table.add_row(Text(kind_name(reminder.kind, lang), style=style),
                          Text(reminder.ticket_id),
                          Text(mask_personal(reminder.category) or ""),
                          Text(class_name(reminder, result.class_names, lang)),
                          Text(local_text(reminder.due, tz, lang)),
                          Text(time_text(reminder, tz, lang)),
                          Text(action_text(reminder, tz, lang)))
        console.print(table)
    if result.reminders:
        console.print()
        console.print(Text(_say("total", lang, counts=_counts_text(result.counts(), lang),
                                units=len(groups))))
    if result.rejected:
        console.print(Text(_say("rejected", lang, n=result.rejected)))
    for item in result.unjudged:
        console.print(Text(unjudged_sentence(item, lang)))
    if result.ruleset_file:
        console.print(Text(ruleset_used(result.ruleset_file, result.ruleset_hash, lang)))
    return console.file.getvalue()
