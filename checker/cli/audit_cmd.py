"""`hotline-check audit LOG…`: every violation of the rule set in the ticket logs."""

from __future__ import annotations

import shutil
import sys

import click

from checker.cli.common import lang_option, rules_option
from checker.cli.logs_options import (as_of_option, judged_status, load_inputs, mapping_option,
                                      parse_time_option, unit_option_value)
from checker.cli.output_target import write_output
from checker.cli.progress import Phase
from checker.i18n import say
from checker.engine.audit import AuditOptions, run_audit
from checker.output.registry import FORMATS, render
from checker.engine.leader_day import add_leader_day_findings


@click.command("audit")
@click.argument("logs", nargs=-1, required=True, type=click.Path())
@rules_option
@mapping_option
@as_of_option
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only tickets first dispatched on or after this day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Only tickets first dispatched on or before this day (YYYY-MM-DD).")
@click.option("--leader-log", "leader_log_path", type=click.Path(dir_okay=False), default=None,
              help="Leader-day log (CSV/XLSX: 日期, 单位, 领导, 是否到场) to audit clause 2.2.2 too.")
@click.option("--unit", default=None, help="Only findings of this handling unit.")
@click.option("--pending", is_flag=True, help="Also list deadlines still running at as-of.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@click.option("--encoding", default=None,
              help="Text encoding of csv output (default utf-8-sig; gb18030 for older Excel).")
@lang_option
def command(logs, rules_path, mapping_path, as_of_text, date_from, date_to, leader_log_path, unit,
            pending, fmt, output, encoding, lang):
    """审计工单日志 — audit ticket logs against the rule set: every violation, with the clause it breaks.

    Exit status: 0 no violation, 1 violations found, 2 unreadable input or invalid rules, or
    nothing could be judged. Rules not checkable for some tickets are listed in the output and
    leave the status to what was judged (docs/decisions.md).
    """
    ruleset, log = load_inputs(logs, rules_path, mapping_path, columns=True)
    unit = unit_option_value(unit, ruleset, lang)
    options = AuditOptions(as_of=parse_time_option(as_of_text, ruleset),
                           date_from=date_from.date() if date_from else None,
                           date_to=date_to.date() if date_to else None,
                           unit=unit, pending=pending, lang=lang)
    phase = Phase(log, lang)
    try:
        phase.checking()
        result = run_audit(log, ruleset, options)
        if leader_log_path:
            add_leader_day_findings(result, ruleset, leader_log_path, log, lang, unit=unit)
        phase.writing("findings", count=len(result.findings))
        width = shutil.get_terminal_size((160, 40)).columns if sys.stdout.isatty() else 160
        if output:
            # Written into the file as it is rendered (a large audit is never whole in memory).
            write_output(lambda stream: render(result, fmt, lang, stream, console_width=width,
                                               encoding=encoding), output, binary=FORMATS[fmt].binary)
        else:
            data = render(result, fmt, lang, console_width=width, color=sys.stdout.isatty(),
                          encoding=encoding)
    finally:
        phase.close()
    if not output:
        write_output(data, output, binary=FORMATS[fmt].binary)
    if not result.violations and nothing_judged(result):
        click.echo(f"hotline-check: {say(_TEXT, 'nothing_judged', lang)}", err=True)
        return 2
    return judged_status(1 if result.violations else 0, log, lang)


_TEXT = {"nothing_judged": {"zh": "没有一项规则能对任何工单作出判断（见“无法核查的规则”）",
                  "en": "no rule could be judged on any ticket (see the rules not checkable)"}}


def nothing_judged(result) -> bool:
    """Tickets to audit, and not one check of one ticket could be judged (DESIGN: exit 2)."""
    return bool(result.tickets and result.unjudged and not result.judged)
