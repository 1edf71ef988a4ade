"""`hotline-check test [RULESET]`: run a rule set's own example cases (its *.tests.yaml)."""

from __future__ import annotations

import click

from checker.cli.common import current_config, lang_option
from checker.resources import shown_path
from checker.output.ruletests_out import FORMATS, render_many
from checker.ruletests import load_suites, run_suite
from checker.output.sanitize import clean_text


@click.command("test")
@click.argument("target", required=False, type=click.Path(), metavar="[RULESET]")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people; json, github (workflow annotations) or junit (XML) for tools and CI.")
@lang_option
def command(target: str | None, output_format: str, lang: str) -> int:
    """运行规则集自带的测试用例 — run the rule set's test cases.

    RULESET: a rule set (its NAME.tests.yaml beside it is run), a tests file itself, or a
    folder of rule set versions (each version's tests file is run)
    (default: the working folder configuration's tests, else the shipped nanzheng-2024 rule
    set). Exit status 0 when every case passes, 1 when a case fails, 2 when a file is broken.
    """
    config = current_config() if target is None else None
    if config is not None:
        target = shown_path(config.tests or config.rules)
    runs = [(suite, run_suite(suite, lang=lang)) for suite in load_suites(target, lang=lang)]
    click.echo(clean_text(render_many(runs, output_format, lang)))
    return 0 if all(result.passed for _, results in runs for result in results) else 1
