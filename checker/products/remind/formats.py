"""The reminder list (clause 3.2) by format name: the one place `remind --format` looks up.

table (the terminal) and xlsx write the list's document (checker.products.remind.document)
with their renderers, csv its table; json (json_out) is the list as data, sms and sms-csv
(sms) one text message per unit.
Every format shows the same entries (checker.products.remind.wording words them). A format's
module is imported only when it is used (rich and openpyxl take a while to load).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from checker.output.sanitize import shown_output
from checker.reports.reminders import ReminderList


@dataclass(frozen=True)
class ReminderFormat:
    name: str
    binary: bool
    encoding: str
    produce: Callable[..., str | bytes]
    # Meant for sending: the renderer masks the message itself and shows the staff numbers
    # of the contacts file, so the whole output is not masked again.
    sending: bool = False


def _table(result: ReminderList, lang: str, console_width: int | None, color: bool) -> str:
    from checker.products.remind.document import reminder_document
    from checker.render.terminal import render_terminal
    return render_terminal(reminder_document(result, lang), console_width or None, color)


def _json(result: ReminderList, lang: str, *_) -> str:
    from checker.products.remind.json_out import render_json
    return render_json(result, lang)


def _csv(result: ReminderList, lang: str, *_) -> str:
    from checker.products.remind.document import reminder_table
    from checker.render.csv_table import render_csv_table
    return render_csv_table(reminder_table(result, lang))


def _xlsx(result: ReminderList, lang: str, *_) -> bytes:
    from checker.products.remind.document import reminder_document
    from checker.render.xlsx import render_xlsx
    return render_xlsx(reminder_document(result, lang))


def _sms(result: ReminderList, lang: str, _width=None, _color=False, contacts=None) -> str:
    from checker.products.remind.sms import render_sms
    return render_sms(result, lang, contacts)


def _sms_csv(result: ReminderList, lang: str, _width=None, _color=False, contacts=None) -> bytes:
    from checker.products.remind.sms import render_sms_csv
    return render_sms_csv(result, lang, contacts)


FORMATS: dict[str, ReminderFormat] = {f.name: f for f in (
    ReminderFormat("table", False, "utf-8", _table),
    ReminderFormat("json", False, "utf-8", _json),
    ReminderFormat("csv", False, "utf-8-sig", _csv),
    ReminderFormat("xlsx", True, "", _xlsx),
    ReminderFormat("sms", False, "utf-8", _sms, sending=True),
    ReminderFormat("sms-csv", True, "gb18030", _sms_csv, sending=True),
)}


def render_reminders(result: ReminderList, fmt: str, lang: str = "zh",
                     console_width: int | None = None, color: bool = False,
                     contacts: dict | None = None) -> bytes:
    """The list in format `fmt` as bytes (CSV with a BOM, so Excel reads the Chinese);
    `contacts` (checker.reports.contacts) address the messages of sms and sms-csv."""
    chosen = FORMATS[fmt]
    if chosen.sending:
        produced = chosen.produce(result, lang, console_width, color, contacts)
        return produced if chosen.binary else produced.encode(chosen.encoding)
    produced = chosen.produce(result, lang, console_width, color)
    return produced if chosen.binary else shown_output(produced, color).encode(chosen.encoding)
