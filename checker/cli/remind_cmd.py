"""`hotline-check remind LOG… --as-of T`: clause 3.2's reminder list, by unit."""

from __future__ import annotations

import shutil
import sys

import click

from checker.cli.common import current_config, lang_option, rules_option
from checker.cli.logs_options import (judged_status, load_inputs, mapping_option, parse_time_option,
                                      unit_option_value)
from checker.cli.output_target import write_output
from checker.cli.progress import Phase
from checker.i18n import say
from checker.reports.contacts import load_contacts
from checker.reports.reminders import build_reminders
from checker.products.remind.sms import units_without_contact
from checker.products.remind.formats import FORMATS, render_reminders


_MESSAGES = {
    "needs_contacts": {"zh": "--format sms-csv 需要联系人文件：--contacts FILE，或在 hotline-check.yaml 中设置 contacts",
                       "en": "--format sms-csv needs the contacts: --contacts FILE, or contacts in hotline-check.yaml"},
    "missing": {"zh": "以下单位没有登记联系人，短信未写入发送文件：{units}",
                "en": "no contact for these units, their messages are not in the file to send: {units}"},
}


def _contacts(path: str | None, fmt: str, ruleset, lang: str):
    """The contacts for the formats meant for sending; None for the others."""
    if fmt not in ("sms", "sms-csv"):
        return None
    if path is None:
        config = current_config()
        path = str(config.contacts) if config is not None and config.contacts else None
    if path is None:
        if fmt == "sms-csv":
            raise click.UsageError(say(_MESSAGES, "needs_contacts", lang))
        return None
    return load_contacts(path, ruleset, lang)


@click.command("remind")
@click.argument("logs", nargs=-1, required=True, type=click.Path())
@rules_option
@mapping_option
@click.option("--as-of", "as_of_text", required=True, metavar="T",
              help="The instant of the list, e.g. '2024-11-28 10:00' (events after it are ignored).")
@click.option("--unit", default=None, help="Only this handling unit's reminders.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table",
              show_default=True, help="table, json, csv, xlsx, sms (one text message per unit) or "
                                      "sms-csv (手机号码,短信内容 for an SMS platform; needs --contacts).")
@click.option("--contacts", "contacts_path", type=click.Path(dir_okay=False), default=None,
              help="The units' contacts (CSV/XLSX: 单位, 联系人, 手机) that sms and sms-csv address "
                   "(default: the configuration's contacts).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@lang_option
def command(logs, rules_path, mapping_path, as_of_text, unit, fmt, output, contacts_path, lang):
    """提醒督促清单 — the tickets to remind at an instant (clause 3.2): not accepted in time, about to
    expire, overdue, and unsatisfied at the visit but not yet returned.

    Exit status: 0 nothing to remind, 1 something to remind, 2 unreadable input or invalid rules.
    """
    ruleset, log = load_inputs(logs, rules_path, mapping_path, columns=True)
    unit = unit_option_value(unit, ruleset, lang)
    as_of = parse_time_option(as_of_text, ruleset)
    with Phase(log, lang) as phase:
        phase.checking("checking_at")
        result = build_reminders(log, ruleset, as_of, unit=unit, rejected=len(log.rejected))
        contacts = _contacts(contacts_path, fmt, ruleset, lang)
        phase.writing("reminders", count=len(result.reminders))
        width = shutil.get_terminal_size((160, 40)).columns if sys.stdout.isatty() else 160
        data = render_reminders(result, fmt, lang, console_width=width,
                                color=sys.stdout.isatty() and not output, contacts=contacts)
    if contacts is not None and fmt == "sms-csv":
        missing = units_without_contact(result, contacts)
        if missing:
            click.echo("hotline-check: " + say(_MESSAGES, "missing", lang, units="、".join(missing)), err=True)
    write_output(data, output, binary=FORMATS[fmt].binary)
    return judged_status(1 if result.reminders else 0, log, lang)
