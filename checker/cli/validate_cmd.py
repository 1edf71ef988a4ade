"""`hotline-check validate [PATH…]`: check rule sets, calendars, clause lists and mappings."""

from __future__ import annotations

import click

from checker.cli.common import current_config, lang_option
from checker.output.sanitize import clean_text
from checker.resources import shown_path
from checker.validation import validate_paths
from checker.validation.formats import FORMATS, render


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people; json, github (workflow annotations) or junit (XML) for tools and CI.")
@click.option("--strict", is_flag=True,
              help="Fail (status 2) on warnings too, such as a shown text lacking Chinese or English.")
@lang_option
def command(paths: tuple[str, ...], output_format: str, strict: bool, lang: str) -> int:
    """校验规则文件 — validate rule files (schema and meaning).

    PATH: files or folders, searched for *.yaml / *.yml (default: the working folder
    configuration and every rule file it names; without one, the shipped rules/).
    A shown text (interpretation, message, a rate's name) lacking Chinese, or English when
    --lang en is given or the rule set declares `languages: [zh, en]`, is a warning.
    Exit status 0 when every file is valid, 2 otherwise (with --strict, also on a warning).
    """
    targets = list(paths)
    config = None if targets else current_config()
    if config is not None:
        targets = [shown_path(path) for path in config.validation_targets()]
    reports = validate_paths(targets, lang=lang)
    click.echo(clean_text(render(reports, output_format, lang)))
    failed = not all(report.valid for report in reports) or (strict and any(r.warnings for r in reports))
    return 2 if failed else 0
