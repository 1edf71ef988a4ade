"""`hotline-check report LOG… --month YYYY-MM`: the monthly 通报 (clauses 3.3, 3.4)."""

from __future__ import annotations

import click

from checker.cli.common import current_config, lang_option, rules_option
from checker.cli.logs_options import (as_of_option, judged_status, load_inputs, mapping_option,
                                      parse_time_option)
from checker.cli.output_target import write_output
from checker.cli.progress import Phase
from checker.i18n import run_language, say
from checker.products.report.formats import FORMATS, render_report
from checker.reports.monthly import build_monthly_report
from checker.reports.months import MONTH_PATTERN
from checker.reports.trend import FEWEST_MONTHS, MOST_MONTHS, SpanError, build_trend, report_as_of, trend_span


def publication(ruleset, doc_number: str | None, cc: str | None, template: str | None):
    """The Word document's issuing office, 文号 and template: options, else the configuration."""
    from checker.render.docx import Publication
    config = current_config()
    if template is None and config is not None:
        beside = config.folder / "report-template.docx"
        template = str(beside) if beside.is_file() else None
    return Publication(office=(config.office_name if config else None) or ruleset.office_name,
                       doc_prefix=config.doc_prefix if config else None,
                       doc_number=doc_number, cc=cc, template=template)


_MESSAGES = {
    "not_a_month": {"zh": "“{value}”不是月份，应写作 YYYY-MM（如 2024-05）",
                    "en": "'{value}' is not a month YYYY-MM (e.g. 2024-05)"},
}


def _month(ctx, param, value: str | None) -> str | None:
    if value is not None and not MONTH_PATTERN.match(value):
        raise click.BadParameter(say(_MESSAGES, "not_a_month", run_language(), value=value))
    return value


@click.command("report")
@click.argument("logs", nargs=-1, required=True, type=click.Path())
@click.option("--month", callback=_month, metavar="YYYY-MM",
              help="The month reported: tickets first dispatched in it (or the --to of a span).")
@rules_option
@mapping_option
@as_of_option
@click.option("--leader-log", "leader_log", type=click.Path(dir_okay=False), default=None,
              help="Leaders' answering-day log (CSV/XLSX: date, unit, leader, attended).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@click.option("--months", type=click.IntRange(FEWEST_MONTHS, MOST_MONTHS), default=None,
              help="Also show the last N months side by side (the reported one last) and the year to date.")
@click.option("--from", "span_from", callback=_month, metavar="YYYY-MM", default=None,
              help="Instead of --months: show the months from this one to the reported one side by side.")
@click.option("--to", "span_to", callback=_month, metavar="YYYY-MM", default=None,
              help="With --from: the last month of the span, which is the month reported (--month may be left out).")
@click.option("--by-unit", "by_unit", is_flag=True, default=False,
              help="Write each unit's notice instead (整改通知单): a page (md, html, docx) or sheet (xlsx) per unit "
                   "with its rates and rank, overdue tickets, unsatisfied tickets and, with --months, its trend.")
@click.option("--doc-number", default=None, help="docx: the document's number in the year (文号), "
              "after the configuration's office.doc_prefix; left blank to fill in by hand.")
@click.option("--cc", default=None, help="docx: the 抄送 line, e.g. 区委办公室、区政府办公室.")
@click.option("--template", type=click.Path(dir_okay=False, exists=True), default=None,
              help="docx: the office's own 红头 template (default: report-template.docx beside "
                   "hotline-check.yaml, if there is one).")
@lang_option
def command(logs, month, rules_path, mapping_path, as_of_text, leader_log, fmt, output, months,
            span_from, span_to, by_unit, doc_number, cc, template, lang):
    """月度通报 — the monthly report: the three rates and the ranking per unit, key tickets by
    category, the overdue tickets (negative list), leader-day attendance, definitions.

    Exit status: 0 report written, 2 unreadable input or invalid rules.
    """
    try:
        month, shown = trend_span(month, months, span_from, span_to, lang)
    except SpanError as error:
        raise click.UsageError(str(error)) from None
    ruleset, log = load_inputs(logs, rules_path, mapping_path, columns=True)
    with Phase(log, lang) as phase:
        phase.checking("checking_month", month=month)
        as_of = parse_time_option(as_of_text, ruleset)
        report = build_monthly_report(log, ruleset, month, as_of=as_of, lang=lang, leader_log=leader_log)
        if shown:
            phase.show("trend", months=len(shown))
            report["trend"] = build_trend(log, ruleset, shown,
                                          as_of if as_of is not None else report_as_of(report), lang)
        phase.writing("report")
        # Only the Word document is shaped by it, and its module loads python-docx.
        shaped = publication(ruleset, doc_number, cc, template) if fmt == "docx" else None
        data = render_report(report, fmt, shaped, by_unit)
    write_output(data, output, binary=FORMATS[fmt].binary)
    return judged_status(0, log, lang)
