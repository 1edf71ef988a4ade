"""The reminder list as text messages: one short message per unit, ready to send. A message
carries counts, ticket ids and time left only, never a citizen's details."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import csv
import io
from datetime import timedelta

from checker.i18n import say
from checker.output.sanitize import neutralize_formula, shown_output, shown_text
from checker.products.remind.wording import left_text, text
from checker.reports.reminders import Reminder, ReminderList
from checker.timefmt import to_datetime

TEXT = {
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
    "send_to": {"zh": "发送至：{name}（{unit}）{mobile}", "en": "To: {name} ({unit}) {mobile}"},
    "no_contact": {"zh": "发送至：（{unit}未登记联系人，请在联系人文件中补充）",
                   "en": "To: (no contact for {unit}: add one to the contacts file)"},
    "col_mobile": {"zh": "手机号码", "en": "Mobile"},
    "col_text": {"zh": "短信内容", "en": "Message"},
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The order of the lists in a message: the most pressing first.
_ORDER = ("not_accepted", "overdue", "about_to_expire", "unsatisfied")
SMS_MAX_IDS = 5


def _say(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def _sms_when(epoch: int, tz: ZoneInfo, lang: str) -> str:
    """5月20日10:30; midnight as the end of the day before: 5月20日24时."""
    moment = to_datetime(epoch, tz)
    time = moment.strftime("%H:%M")
    if moment.hour == moment.minute == 0:
        moment -= timedelta(days=1)
        time = "24时" if lang == "zh" else "24:00"
    return _say("sms_when", lang, month=moment.month, day=moment.day,
                month_name=_MONTHS_EN[moment.month - 1], time=time)


def _shortened(items: list[str], separator_key: str, lang: str) -> str:
    """The first SMS_MAX_IDS items; with the count of all when there are more."""
    shown = _say(separator_key, lang).join(items[:SMS_MAX_IDS])
    if len(items) > SMS_MAX_IDS:
        return _say("sms_more", lang, shown=shown, n=len(items))
    return shown


def sms_text(unit: str, reminders: list[Reminder], result: ReminderList, lang: str = "zh") -> str:
    """One message for one unit: counts per list with the ticket ids, nothing about citizens."""
    tz = ZoneInfo(result.timezone)
    parts = []
    for kind in _ORDER:
        chosen = [r for r in reminders if r.kind == kind]
        if not chosen:
            continue
        tickets = list(dict.fromkeys(r.ticket_id for r in chosen))
        if kind == "about_to_expire":
            soonest: dict[str, int] = {}
            for reminder in sorted(chosen, key=lambda r: r.remaining):
                soonest.setdefault(reminder.ticket_id, reminder.remaining)
            items = [_say("sms_soon_item", lang, ticket=ticket, left=left_text(left, lang))
                     for ticket, left in soonest.items()]
            ids = _shortened(items, "sms_soon_sep", lang)
        else:
            ids = _shortened(tickets, "sms_id_sep", lang)
        parts.append(_say(f"sms_{kind}", lang, n=len(tickets), ids=ids))
    signature = result.sms.get("signature") or result.office_name
    sender = result.sms.get("sender") or result.office_name
    return _say("sms", lang, signature=signature, unit=unit, when=_sms_when(result.as_of, tz, lang),
                parts=text("list_sep", lang).join(parts), sender=sender)


def _messages(result: ReminderList, lang: str) -> list[tuple[str, str]]:
    """(unit, message) per unit with reminders; the message cleaned and masked."""
    return [(unit, shown_output(sms_text(unit, reminders, result, lang)))
            for unit, reminders in result.by_unit() if unit]


def render_sms(result: ReminderList, lang: str = "zh", contacts: dict | None = None) -> str:
    """One message per unit, separated by a blank line. Reminders without a unit have no one
    to send to and are left out (the other formats list them). With the units' contacts each
    message is headed by whom to send it to — the one text besides sms-csv that shows a
    staff number, because it is meant for sending."""
    texts = []
    for unit, message in _messages(result, lang):
        if contacts is not None:
            contact = contacts.get(unit)
            head = (_say("send_to", lang, name=shown_text(contact.name), unit=unit, mobile=contact.mobile)
                    if contact else _say("no_contact", lang, unit=unit))
            message = head + "\n" + message
        texts.append(message)
    return "\n\n".join(texts) + ("\n" if texts else "")


def units_without_contact(result: ReminderList, contacts: dict) -> list[str]:
    return [unit for unit, _ in result.by_unit() if unit and unit not in contacts]


def render_sms_csv(result: ReminderList, lang: str = "zh", contacts: dict | None = None) -> bytes:
    """手机号码,短信内容: the file SMS platforms import, one row per unit that has a contact;
    GB18030, as those platforms and Excel read it."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_say("col_mobile", lang), _say("col_text", lang)])
    for unit, message in _messages(result, lang):
        contact = (contacts or {}).get(unit)
        if contact is not None:
            writer.writerow([contact.mobile, neutralize_formula(message)])
    return buffer.getvalue().encode("gb18030")
