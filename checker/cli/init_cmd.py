"""`hotline-check init [DIR]`: write the office's working folder."""

from __future__ import annotations

import click

from checker.cli.common import lang_option
from checker.workdir.init import init_folder


@click.command("init")
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False), metavar="[DIR]")
@click.option("--force", is_flag=True, help="Overwrite files that exist already.")
@click.option("--office", "office_name", default=None,
              help="The office's name (default: the rule set's office name).")
@click.option("--doc-prefix", default=None, help="The prefix of the office's document numbers (文号).")
@lang_option
def command(folder: str, force: bool, office_name: str | None, doc_prefix: str | None, lang: str) -> int:
    """建立本办公室的工作目录 — write the office's working folder: a copy of the shipped rule set,
    its test cases, the calendar and the mappings, and the configuration hotline-check.yaml
    naming them. Every command run in DIR or below it then uses these files.

    DIR: the folder (default: the working folder). Exit status 0 when written, 2 when a file
    exists already (nothing is written; --force overwrites) or cannot be written.
    """
    click.echo(init_folder(folder, force=force, office_name=office_name, doc_prefix=doc_prefix,
                           lang=lang), nl=False)
    return 0
