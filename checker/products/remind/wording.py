"""What every format of the reminder list (clause 3.2) says the same way: the kinds, the
column names, the time left or overdue, and what the unit must do."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from checker.i18n import say
from checker.output.labels import event_name
from checker.output.phrasing import duration_text
from checker.reports.reminders import Reminder
from checker.timefmt import local_text

TEXT = {
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
    "list_sep": {"zh": "，", "en": "; "},
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
}

# English verbs for the events that settle a reminder (Chinese uses the event's own name).
_VERBS_EN = {"accepted": "accept it", "feedback": "give feedback", "returned": "return it"}


def text(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def kind_name(kind: str, lang: str = "zh") -> str:
    return text(kind, lang)


def span_text(seconds: int, lang: str = "zh") -> str:
    """40分钟 / 1天2小时 / 不足1分钟: whole minutes, rounded down."""
    return duration_text(abs(seconds), TEXT, lang)


def left_text(seconds: int, lang: str = "zh") -> str:
    """剩余14小时: the time left before a due instant."""
    return text("left", lang, span=span_text(seconds, lang))


def time_text(reminder: Reminder, tz: ZoneInfo, lang: str = "zh") -> str:
    if reminder.remaining is None:
        return text("visited", lang, at=local_text(reminder.start, tz, lang))
    if reminder.remaining >= 0:
        return left_text(reminder.remaining, lang)
    return text("late", lang, span=span_text(reminder.remaining, lang))


def _what(reminder: Reminder, lang: str) -> str:
    names = [event_name(e, lang) if lang == "zh" else _VERBS_EN.get(e, event_name(e, lang))
             for e in reminder.expected]
    return text("or", lang).join(names)


def action_text(reminder: Reminder, tz: ZoneInfo, lang: str = "zh") -> str:
    if reminder.kind == "unsatisfied":
        return text("act_return", lang)
    if reminder.kind == "about_to_expire":
        return text("act_by", lang, due=local_text(reminder.due, tz, lang), what=_what(reminder, lang))
    return text("act_now", lang, what=_what(reminder, lang))


def class_name(reminder: Reminder, class_names: dict[str, str], lang: str) -> str:
    """The deadline class: the rule set's name in Chinese, its key in English."""
    if lang == "zh":
        return class_names.get(reminder.deadline_class, reminder.deadline_class)
    return reminder.deadline_class
