"""`hotline-check diff OLD NEW`: what changed between two rule sets, rule by rule."""

from __future__ import annotations

import click

from checker.cli.common import lang_option
from checker.output.rulediff_out import FORMATS, render
from checker.rulediff import diff_files


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, md (Markdown) for a report, json for tools.")
@lang_option
def command(old: str, new: str, output_format: str, lang: str) -> int:
    """对比两个规则集 — what changed between two rule sets, rule by rule.

    Both files are validated first. Exit status 0 when they are the same, 1 when they
    differ (like diff), 2 when a file is missing or invalid.
    """
    result = diff_files(old, new, lang=lang)
    click.echo(render(result, output_format, lang))
    return 0 if result.identical else 1
