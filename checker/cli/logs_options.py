"""What `audit`, `explain`, `report` and `remind` share: reading the rule set and the logs."""

from __future__ import annotations

import click

from checker.cli.progress import RowProgress
from checker.logs import load_mapping, parse_instant, read_logs
from checker.ruleset import RuleSet, load_ruleset

mapping_option = click.option(
    "--mapping", "mapping_path", type=click.Path(dir_okay=False), default=None,
    help="Mapping file adapting a platform's export (rules/mappings/*.yaml).")

as_of_option = click.option(
    "--as-of", "as_of_text", default=None, metavar="T",
    help="The instant the log describes (default: its latest timestamp).")


def load_inputs(logs: tuple[str, ...], rules_path: str | None, mapping_path: str | None):
    """(rule set, log data); errors are CheckerErrors naming the file."""
    ruleset = load_ruleset(rules_path)
    mapping = load_mapping(mapping_path) if mapping_path else None
    progress = RowProgress()
    try:
        log = read_logs(list(logs), ruleset.tz, mapping=mapping, progress=progress)
    finally:
        progress.close()
    return ruleset, log


def parse_time_option(text: str | None, ruleset: RuleSet, option: str = "--as-of") -> int | None:
    """An instant given on the command line (no offset: the rule set's timezone)."""
    if text is None:
        return None
    try:
        return parse_instant(text, ruleset.tz)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None
