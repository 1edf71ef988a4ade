"""`hotline-check audit LOG…`: every violation of the rule set in the ticket logs."""

from __future__ import annotations

import shutil
import sys
from types import SimpleNamespace

import click

from checker.cli.common import lang_option, rules_option
from checker.cli.logs_options import (as_of_option, judged_status, mapping_option, parse_time_option,
                                      prepare_inputs, read_inputs, unit_option_value)
from checker.cli.output_target import write_output
from checker.cli.progress import SHOW_AFTER_ROWS, Phase, RowProgress
from checker.errors import CheckerError
from checker.i18n import say
from checker.engine.audit import AuditOptions, chosen_engine, run_audit
from checker.output.registry import FORMATS, render
from checker.buckets.plan import bucket_count
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
@click.option("--buckets", type=int, default=None, metavar="N",
              help="Split the log by ticket into N buckets on disk and audit them two at a "
                   "time (one after the other when two would hold more than "
                   "HOTLINE_CHECK_LIMIT_IN_MEMORY_ROWS rows), in bounded memory (default: "
                   "automatically past that many rows; docs/scale.md).")
@lang_option
def command(logs, rules_path, mapping_path, as_of_text, date_from, date_to, leader_log_path, unit,
            pending, fmt, output, encoding, buckets, lang):
    """审计工单日志 — audit ticket logs against the rule set: every violation, with the clause it breaks.

    LOGS are files (CSV, JSON Lines, XLSX, Parquet) or folders of parts (docs/log-formats.md).

    Exit status: 0 no violation, 1 violations found, 2 unreadable input or invalid rules, or
    nothing could be judged. Rules not checkable for some tickets are listed in the output and
    leave the status to what was judged (docs/decisions.md).
    """
    ruleset, mapping, files = prepare_inputs(logs, rules_path, mapping_path)
    unit = unit_option_value(unit, ruleset, lang)
    options = AuditOptions(as_of=parse_time_option(as_of_text, ruleset),
                           date_from=date_from.date() if date_from else None,
                           date_to=date_to.date() if date_to else None,
                           unit=unit, pending=pending, lang=lang)
    buckets = bucket_count(files, buckets, chosen_engine(options, ruleset), bool(ruleset.versions), lang)
    if buckets and leader_log_path:
        raise CheckerError(say(_TEXT, "leader_buckets", lang))
    phase = None
    try:
        if buckets:
            result, log = _audit_in_buckets(files, ruleset, mapping, options, buckets, lang)
            phase = Phase(log, lang)
        else:
            log = read_inputs(files, ruleset, mapping, columns=True)
            phase = Phase(log, lang)
            phase.checking()
            # The leader-day audit reads the events again; otherwise they are the engine's.
            result = run_audit(log, ruleset, options, release=not leader_log_path)
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
        if phase is not None:
            phase.close()
    if not output:
        write_output(data, output, binary=FORMATS[fmt].binary)
    if not result.violations and nothing_judged(result):
        click.echo(f"hotline-check: {say(_TEXT, 'nothing_judged', lang)}", err=True)
        return 2
    return judged_status(1 if result.violations else 0, log, lang)


def _audit_in_buckets(files, ruleset, mapping, options, buckets: int, lang: str):
    from checker.buckets.audit import audit_in_buckets
    progress = RowProgress(lang)
    phase = Phase(_LONG, lang)

    def show(bucket: int, total: int) -> None:
        progress.close()
        phase.show("bucket", bucket=bucket + 1, buckets=total)
    try:
        return audit_in_buckets(files, ruleset, options, buckets, mapping, progress, show)
    finally:
        progress.close()
        phase.close()


_LONG = SimpleNamespace(rows=SHOW_AFTER_ROWS)    # a log split into buckets is long: say each phase
_TEXT = {"leader_buckets": {"zh": "--leader-log 不能与分桶核查同用：请对工单日志单独运行领导接听日核查，"
                                  "或用 HOTLINE_CHECK_LIMIT_IN_MEMORY_ROWS 提高上限",
                            "en": "--leader-log cannot be used on a log audited in buckets: audit the "
                                  "leader-day log on its own, or raise HOTLINE_CHECK_LIMIT_IN_MEMORY_ROWS"},
         "nothing_judged": {"zh": "没有一项规则能对任何工单作出判断（见“无法核查的规则”）",
                            "en": "no rule could be judged on any ticket (see the rules not checkable)"}}


def nothing_judged(result) -> bool:
    """Tickets to audit, and not one check of one ticket could be judged (DESIGN: exit 2)."""
    return bool(result.tickets and result.unjudged and not result.judged)
