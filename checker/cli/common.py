"""Options shared by the commands."""

from __future__ import annotations

import click

from checker.i18n import LANGUAGES, DEFAULT_LANGUAGE

lang_option = click.option(
    "--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
    help="Language of the output: zh (中文) or en.")

rules_option = click.option(
    "--rules", "rules_path", type=click.Path(dir_okay=False), default=None,
    help="Rule set file (default: the shipped nanzheng-2024.yaml).")
