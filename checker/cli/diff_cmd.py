"""`hotline-check diff OLD NEW`: what changed between two rule sets, rule by rule."""

from __future__ import annotations

import click

from checker.cli.common import configured_rules, lang_option
from checker.output.rulediff_out import FORMATS, render
from checker.rulediff import diff_files
from checker.output.sanitize import clean_text


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False), required=False)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, md (Markdown) for a report, json for tools.")
@lang_option
def command(old: str, new: str, output_format: str, lang: str) -> int:
    """对比两个规则集 — what changed between two rule sets, rule by rule.

    NEW defaults to the working folder configuration's rule set, so `diff OLD` shows what the
    office changed. Both files are validated first. Exit status 0 when they are the same, 1
    when they differ (like diff), 2 when a file is missing or invalid.
    """
    new = new or configured_rules()
    if new is None:
        raise click.UsageError("缺少 NEW：请给出新规则集，或在工作目录中运行 / missing NEW: name the new "
                               "rule set, or run in a working folder (hotline-check init)")
    result = diff_files(old, new, lang=lang)
    click.echo(clean_text(render(result, output_format, lang)))
    return 0 if result.identical else 1
