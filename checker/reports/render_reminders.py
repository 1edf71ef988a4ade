"""The reminder list (clause 3.2) as the office uses it: a terminal table, JSON, CSV and XLSX
for the desk, and one short text message per unit, ready to send.

Every format shows the same entries: ticket, unit, category and class, due instant, time
left or overdue by, and what to do. Text cells are masked and spreadsheet cells defused;
the text messages carry ticket ids and counts only, never a citizen's details.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from typing import Callable
from zoneinfo import ZoneInfo

from checker.i18n import say
from checker.output.labels import event_name, rule_name, unit_name
from checker.output.sanitize import mask_personal, neutralize_formula, safe_cell
from checker.reports.reminders import KINDS, Reminder, ReminderList
from checker.timefmt import iso, short, to_datetime

_TEXT = {
    "not_accepted": {"zh": "未及时响应", "en": "Not accepted in time"},
    "about_to_expire": {"zh": "即将到期", "en": "About to expire"},
    "overdue": {"zh": "超时", "en": "Overdue"},
    "unsatisfied": {"zh": "群众不满意", "en": "Unsatisfied, not returned"},
    "col_kind": {"zh": "类型", "en": "Type"},
    "col_ticket": {"zh": "工单编号", "en": "Ticket"},
    "col_unit": {"zh": "承办单位", "en": "Unit"},
    "col_category": {"zh": "诉求类别", "en": "Category"},
    "col_class": {"zh": "时限类别", "en": "Deadline class"},
    "col_rule": {"zh": "规则", "en": "Rule"},
    "col_start": {"zh": "起算时间", "en": "Started"},
    "col_due": {"zh": "应完成时间", "en": "Due"},
    "col_time": {"zh": "剩余/超时", "en": "Left / overdue by"},
    "col_minutes": {"zh": "剩余分钟（负数为超时）", "en": "Minutes left (negative: overdue)"},
    "col_action": {"zh": "处理要求", "en": "What to do"},
    "col_count": {"zh": "件数", "en": "Count"},
    "title": {"zh": "提醒督促清单：{ruleset}（{source}），截至 {as_of}",
              "en": "Reminder list: {ruleset} ({source}), as of {as_of}"},
    "count_item": {"zh": "{kind} {n} 件", "en": "{kind}: {n}"},
    "list_sep": {"zh": "，", "en": "; "},
    "unit_heading": {"zh": "{unit}：{counts}", "en": "{unit}: {counts}"},
    "total": {"zh": "合计：{counts}（{units} 个单位）", "en": "Total: {counts} ({units} units)"},
    "nothing": {"zh": "截至 {as_of}，没有需要提醒督促的工单。",
                "en": "As of {as_of}, no ticket needs a reminder."},
    "rejected": {"zh": "另有 {n} 行日志无法读取，未计入（用 audit 查看原因）。",
                 "en": "{n} log rows could not be read and are left out (see audit for why)."},
    "left": {"zh": "剩余{span}", "en": "{span} left"},
    "late": {"zh": "超时{span}", "en": "overdue by {span}"},
    "visited": {"zh": "回访于 {at}", "en": "visited {at}"},
    "under_minute": {"zh": "不足1分钟", "en": "under 1 min"},
    "days": {"zh": "{n}天", "en": "{n} d"},
    "hours": {"zh": "{n}小时", "en": "{n} h"},
    "minutes": {"zh": "{n}分钟", "en": "{n} min"},
    "act_now": {"zh": "已超过期限，请立即{what}", "en": "past due: {what} now"},
    "act_by": {"zh": "请于{due}前{what}", "en": "{what} by {due}"},
    "act_return": {"zh": "问题未解决或群众不满意，请退回重办",
                   "en": "unresolved or unsatisfied at the visit: return it for re-handling"},
    "or": {"zh": "或", "en": " or "},
    "sheet_list": {"zh": "提醒清单", "en": "Reminders"},
    "sheet_summary": {"zh": "按单位汇总", "en": "By unit"},
    # The text message. Counts, ticket ids and time left only: no citizen data.
    "sms": {"zh": "【{signature}】{unit}：截至{when}，您单位有{parts}。请抓紧办理。{sender}",
            "en": "[{signature}] {unit}: as of {when}, your unit has {parts}. Please act promptly. {sender}"},
    "sms_when": {"zh": "{month}月{day}日{time}", "en": "{day} {month_name} {time}"},
    "sms_not_accepted": {"zh": "未及时签收工单{n}件（{ids}）",
                         "en": "{n} ticket(s) not accepted in time ({ids})"},
    "sms_overdue": {"zh": "超时工单{n}件（{ids}）", "en": "{n} overdue ticket(s) ({ids})"},
    "sms_about_to_expire": {"zh": "即将到期{n}件（{ids}）", "en": "{n} about to expire ({ids})"},
    "sms_unsatisfied": {"zh": "群众不满意未退回重办{n}件（{ids}）",
                        "en": "{n} unsatisfied not yet returned ({ids})"},
    "sms_id_sep": {"zh": "、", "en": ", "},
    "sms_soon_sep": {"zh": "；", "en": "; "},
    "sms_soon_item": {"zh": "{ticket}，{left}", "en": "{ticket}, {left}"},
    "sms_more": {"zh": "{shown}等{n}件", "en": "{shown} and others, {n} in all"},
}

# English verbs for the events that settle a reminder (Chinese uses the event's own name).
_VERBS_EN = {"accepted": "accept it", "feedback": "give feedback", "returned": "return it"}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SMS_MAX_IDS = 5


def _say(key: str, lang: str, **values) -> str:
    return say(_TEXT, key, lang, **values)


def kind_name(kind: str, lang: str = "zh") -> str:
    return _say(kind, lang)


def span_text(seconds: int, lang: str = "zh") -> str:
    """40分钟 / 1天2小时 / 不足1分钟: whole minutes, rounded down."""
    seconds = abs(seconds)
    if seconds < 60:
        return _say("under_minute", lang)
    days, rest = divmod(seconds // 60, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [_say(key, lang, n=n) for key, n in (("days", days), ("hours", hours),
                                                 ("minutes", minutes)) if n]
    return ("" if lang == "zh" else " ").join(parts)


def time_text(reminder: Reminder, tz: ZoneInfo, lang: str = "zh") -> str:
    if reminder.remaining is None:
        return _say("visited", lang, at=short(reminder.start, tz))
    key = "left" if reminder.remaining >= 0 else "late"
    return _say(key, lang, span=span_text(reminder.remaining, lang))


def _what(reminder: Reminder, lang: str) -> str:
    names = [event_name(e, lang) if lang == "zh" else _VERBS_EN.get(e, event_name(e, lang))
             for e in reminder.expected]
    return _say("or", lang).join(names)


def action_text(reminder: Reminder, tz: ZoneInfo, lang: str = "zh") -> str:
    if reminder.kind == "unsatisfied":
        return _say("act_return", lang)
    if reminder.kind == "about_to_expire":
        return _say("act_by", lang, due=short(reminder.due, tz), what=_what(reminder, lang))
    return _say("act_now", lang, what=_what(reminder, lang))


def _class_name(reminder: Reminder, class_names: dict[str, str], lang: str) -> str:
    if lang == "zh":
        return class_names.get(reminder.deadline_class, reminder.deadline_class)
    return reminder.deadline_class


def _counts_text(counts: dict[str, int], lang: str, skip_zero: bool = False) -> str:
    return _say("list_sep", lang).join(_say("count_item", lang, kind=kind_name(kind, lang), n=n)
                                       for kind, n in counts.items() if n or not skip_zero)


# --- table -------------------------------------------------------------------------------

_TABLE_COLUMNS = ("col_kind", "col_ticket", "col_category", "col_class", "col_due", "col_time",
                  "col_action")


def render_table(result: ReminderList, lang: str = "zh",
                 console_width: int | None = None, color: bool = False) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    tz = ZoneInfo(result.timezone)
    width = console_width or shutil.get_terminal_size((120, 24)).columns
    console = Console(file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False,
                      markup=False, legacy_windows=False)
    console.print(Text(_say("title", lang, ruleset=result.ruleset_id, source=result.ruleset_source,
                            as_of=short(result.as_of, tz))))
    if not result.reminders:
        console.print(Text(_say("nothing", lang, as_of=short(result.as_of, tz))))
    groups = result.by_unit()
    for unit, reminders in groups:
        console.print()
        heading = _say("unit_heading", lang, unit=mask_personal(unit_name(unit, lang)),
                       counts=_counts_text(result.counts(reminders), lang, skip_zero=True))
        console.print(Text(heading, style="bold" if color else ""))
        table = Table(box=box.SQUARE, header_style="bold" if color else "")
        for column in _TABLE_COLUMNS:
            table.add_column(_say(column, lang), overflow="fold",
                             no_wrap=column in ("col_kind", "col_time"))
        for reminder in reminders:
            style = ("red" if reminder.kind in ("not_accepted", "overdue") else "yellow") if color else ""
            # Plain Text cells: a category with [brackets] is never read as rich markup.
            table.add_row(Text(kind_name(reminder.kind, lang), style=style),
                          Text(reminder.ticket_id),
                          Text(mask_personal(reminder.category) or ""),
                          Text(_class_name(reminder, result.class_names, lang)),
                          Text(short(reminder.due, tz)),
                          Text(time_text(reminder, tz, lang)),
                          Text(action_text(reminder, tz, lang)))
        console.print(table)
    if result.reminders:
        console.print()
        console.print(Text(_say("total", lang, counts=_counts_text(result.counts(), lang),
                                units=len(groups))))
    if result.rejected:
        console.print(Text(_say("rejected", lang, n=result.rejected)))
    return console.file.getvalue()


# --- json --------------------------------------------------------------------------------

def reminder_to_dict(reminder: Reminder, tz: ZoneInfo, lang: str = "zh",
                     class_names: dict[str, str] | None = None) -> dict:
    remaining = reminder.remaining
    return {
        "kind": reminder.kind,
        "kind_name": kind_name(reminder.kind, lang),
        "ticket_id": reminder.ticket_id,
        "unit": reminder.unit,
        "category": mask_personal(reminder.category),
        "deadline_class": reminder.deadline_class,
        "deadline_class_name": _class_name(reminder, class_names or {}, lang),
        "rule": reminder.rule,
        "start": iso(reminder.start, tz),
        "due": iso(reminder.due, tz),
        "remaining_seconds": remaining if remaining is not None and remaining >= 0 else None,
        "overdue_seconds": -remaining if remaining is not None and remaining < 0 else None,
        "time": time_text(reminder, tz, lang),
        "action": action_text(reminder, tz, lang),
    }


def render_json(result: ReminderList, lang: str = "zh") -> str:
    tz = ZoneInfo(result.timezone)
    document = {
        "ruleset": {"id": result.ruleset_id, "source": result.ruleset_source},
        "as_of": iso(result.as_of, tz),
        "summary": {"tickets": result.tickets, "rejected": result.rejected,
                    "reminders": len(result.reminders), **result.counts()},
        "units": [
            {"unit": unit, "counts": result.counts(reminders),
             "reminders": [reminder_to_dict(r, tz, lang, result.class_names) for r in reminders]}
            for unit, reminders in result.by_unit()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- csv and xlsx ------------------------------------------------------------------------

_SHEET_COLUMNS = ("col_kind", "col_ticket", "col_unit", "col_category", "col_class", "col_rule",
                  "col_start", "col_due", "col_minutes", "col_time", "col_action")


def _rows(result: ReminderList, lang: str, instant) -> list[list]:
    tz = ZoneInfo(result.timezone)
    rows = []
    for unit, reminders in result.by_unit():
        for reminder in reminders:
            minutes = None if reminder.remaining is None else _minutes(reminder.remaining)
            rows.append([
                kind_name(reminder.kind, lang), safe_cell(reminder.ticket_id),
                safe_cell(unit_name(unit, lang)), safe_cell(reminder.category),
                safe_cell(_class_name(reminder, result.class_names, lang)),
                safe_cell(rule_name(reminder.rule, lang) if reminder.rule else ""),
                instant(reminder.start, tz), instant(reminder.due, tz), minutes,
                safe_cell(time_text(reminder, tz, lang)),
                safe_cell(action_text(reminder, tz, lang)),
            ])
    return rows


def _minutes(seconds: int) -> int:
    """Whole minutes toward zero: 40 min 30 s left is 40, overdue by 90 s is −1."""
    return seconds // 60 if seconds >= 0 else -((-seconds) // 60)


def render_csv(result: ReminderList, lang: str = "zh") -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_say(column, lang) for column in _SHEET_COLUMNS])
    for row in _rows(result, lang, lambda epoch, tz: short(epoch, tz)):
        writer.writerow(["" if cell is None else cell for cell in row])
    return buffer.getvalue()


def render_xlsx(result: ReminderList, lang: str = "zh") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    def instant(epoch, tz):
        return None if epoch is None else to_datetime(epoch, tz).replace(tzinfo=None)

    def clean(value):
        if isinstance(value, str):
            return neutralize_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
        return value

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _say("sheet_list", lang)
    sheet.append([_say(column, lang) for column in _SHEET_COLUMNS])
    for row in _rows(result, lang, instant):
        sheet.append([clean(cell) for cell in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if hasattr(cell.value, "year"):
                cell.number_format = "yyyy-mm-dd hh:mm"
    _finish_sheet(sheet, Font(bold=True), [12, 18, 20, 20, 16, 14, 17, 17, 12, 16, 36])
    sheet.auto_filter.ref = sheet.dimensions

    summary = workbook.create_sheet(_say("sheet_summary", lang))
    summary.append([_say("col_unit", lang), *(kind_name(kind, lang) for kind in KINDS)])
    for unit, reminders in result.by_unit():
        summary.append([clean(safe_cell(unit_name(unit, lang))),
                        *result.counts(reminders).values()])
    _finish_sheet(summary, Font(bold=True), [24, 14, 14, 14, 18])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _finish_sheet(sheet, bold, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = bold
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


# --- text messages -----------------------------------------------------------------------

def _sms_when(epoch: int, tz: ZoneInfo, lang: str) -> str:
    moment = to_datetime(epoch, tz)
    return _say("sms_when", lang, month=moment.month, day=moment.day,
                month_name=_MONTHS_EN[moment.month - 1], time=moment.strftime("%H:%M"))


def _sms_ids(items: list[str], lang: str) -> str:
    shown = _say("sms_id_sep", lang).join(items[:SMS_MAX_IDS])
    if len(items) > SMS_MAX_IDS:
        return _say("sms_more", lang, shown=shown, n=len(items))
    return shown


def sms_text(unit: str, reminders: list[Reminder], result: ReminderList, lang: str = "zh") -> str:
    """One message for one unit: counts per list with the ticket ids, nothing about citizens."""
    tz = ZoneInfo(result.timezone)
    parts = []
    for kind in ("not_accepted", "overdue", "about_to_expire", "unsatisfied"):
        chosen = [r for r in reminders if r.kind == kind]
        if not chosen:
            continue
        tickets = list(dict.fromkeys(r.ticket_id for r in chosen))
        if kind == "about_to_expire":
            soonest: dict[str, int] = {}
            for reminder in sorted(chosen, key=lambda r: r.remaining):
                soonest.setdefault(reminder.ticket_id, reminder.remaining)
            items = [_say("sms_soon_item", lang, ticket=ticket,
                          left=_say("left", lang, span=span_text(left, lang)))
                     for ticket, left in soonest.items()]
            shown = _say("sms_soon_sep", lang).join(items[:SMS_MAX_IDS])
            ids = (_say("sms_more", lang, shown=shown, n=len(items))
                   if len(items) > SMS_MAX_IDS else shown)
        else:
            ids = _sms_ids(tickets, lang)
        parts.append(_say(f"sms_{kind}", lang, n=len(tickets), ids=ids))
    signature = result.sms.get("signature") or result.office_name
    sender = result.sms.get("sender") or result.office_name
    return _say("sms", lang, signature=signature, unit=unit, when=_sms_when(result.as_of, tz, lang),
                parts=_say("list_sep", lang).join(parts), sender=sender)


def render_sms(result: ReminderList, lang: str = "zh") -> str:
    """One message per unit, separated by a blank line. Reminders without a unit have no one
    to send to and are left out (the other formats list them)."""
    texts = [sms_text(unit, reminders, result, lang)
             for unit, reminders in result.by_unit() if unit]
    return "\n\n".join(texts) + ("\n" if texts else "")


# --- by format name ----------------------------------------------------------------------

@dataclass(frozen=True)
class ReminderFormat:
    name: str
    binary: bool
    encoding: str
    produce: Callable[..., str | bytes]


FORMATS: dict[str, ReminderFormat] = {f.name: f for f in (
    ReminderFormat("table", False, "utf-8", render_table),
    ReminderFormat("json", False, "utf-8", lambda r, lang, *_: render_json(r, lang)),
    ReminderFormat("csv", False, "utf-8-sig", lambda r, lang, *_: render_csv(r, lang)),
    ReminderFormat("xlsx", True, "", lambda r, lang, *_: render_xlsx(r, lang)),
    ReminderFormat("sms", False, "utf-8", lambda r, lang, *_: render_sms(r, lang)),
)}


def render_reminders(result: ReminderList, fmt: str, lang: str = "zh",
                     console_width: int | None = None, color: bool = False) -> bytes:
    """The list in format `fmt` as bytes (CSV with a BOM, so Excel reads the Chinese)."""
    chosen = FORMATS[fmt]
    produced = chosen.produce(result, lang, console_width, color)
    return produced if chosen.binary else produced.encode(chosen.encoding)
