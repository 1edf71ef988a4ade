"""`hotline-check diff OLD NEW [--log LOG…]`: what changed between two rule sets, rule by rule,
and what the change does to a log."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli.common import configured_rules, lang_option
from checker.cli.logs_options import as_of_option, mapping_option, parse_time_option
from checker.output.rulediff_out import FORMATS, render_with_impact
from checker.output.sanitize import clean_text
from checker.rulediff import diff_files


def _rule_file(path: str) -> str:
    """A rule set file; for a folder of versions, its latest version."""
    if Path(path).is_dir():
        from checker.ruleset import load_ruleset
        return load_ruleset(path).path
    return path


@click.command("diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path(), required=False)
@click.option("--log", "logs", multiple=True, type=click.Path(),
              help="Also audit this log under both rule sets: the findings that appear or vanish, "
                   "ticket by ticket, and the rates and ranks that move, per unit (repeatable).")
@mapping_option
@as_of_option
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, md (Markdown) for a report, json for tools.")
@lang_option
def command(old: str, new: str, logs: tuple[str, ...], mapping_path: str | None, as_of_text: str | None,
            output_format: str, lang: str) -> int:
    """对比两个规则集 — what changed between two rule sets, rule by rule, the calendar's holidays
    and make-up workdays too; with --log, what the change does to that log.

    NEW defaults to the working folder configuration's rule set, so `diff OLD` shows what the
    office changed; a folder of versions is compared by its latest version (--log audits it
    whole). Both are validated first. Exit status 0 when they are the same, 1 when they differ
    (like diff), 2 when a file is missing or invalid.
    """
    new = new or configured_rules()
    if new is None:
        raise click.UsageError("缺少 NEW：请给出新规则集，或在工作目录中运行 / missing NEW: name the new "
                               "rule set, or run in a working folder (hotline-check init)")
    result = diff_files(_rule_file(old), _rule_file(new), lang=lang)
    impact = None
    if logs:
        from checker.cli.logs_options import load_inputs
        from checker.cli.progress import Phase
        from checker.rulediff_log import log_impact
        ruleset, log = load_inputs(logs, new, mapping_path)
        with Phase(log, lang) as phase:
            phase.checking("checking_both")
            impact = log_impact(old, new, log, parse_time_option(as_of_text, ruleset), lang)
    click.echo(clean_text(render_with_impact(result, impact, output_format, lang)))
    return 0 if result.identical and not (impact and (impact.findings or impact.units)) else 1
