"""What `audit`, `explain`, `report` and `remind` share: reading the rule set and the logs."""

from __future__ import annotations

import click

from checker.cli.progress import RowProgress
from checker.i18n import DEFAULT_LANGUAGE
from checker.instants import parse_typed_instant
from checker.logs import load_mapping, read_logs
from checker.ruleset import RuleSet, load_ruleset

mapping_option = click.option(
    "--mapping", "mapping_path", type=click.Path(dir_okay=False), default=None,
    help="Mapping file adapting a platform's export (rules/mappings/*.yaml).")

as_of_option = click.option(
    "--as-of", "as_of_text", default=None, metavar="T",
    help="The instant the log describes (default: its latest timestamp): now, today, yesterday, "
         "a date (its end, 24:00), '2024-05-20 10:00' or '2024年5月20日 10:00'.")


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
    """An instant given on the command line (`now`, a date, `2024年5月20日 10:00` …: checker.instants)."""
    if text is None:
        return None
    context = click.get_current_context(silent=True)
    lang = (context.params.get("lang") if context else None) or DEFAULT_LANGUAGE
    try:
        return parse_typed_instant(text, ruleset.tz, lang)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None
