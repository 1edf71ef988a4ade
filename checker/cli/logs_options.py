"""What `audit`, `explain`, `report` and `remind` share: reading the rule set and the logs."""

from __future__ import annotations

import os

import click

from checker.cli.common import configured_mapping
from checker import limits
from checker.cli.output_target import note_input
from checker.cli.progress import RowProgress
from checker.errors import CheckerError
from checker.resources import shown_path
from checker.i18n import DEFAULT_LANGUAGE, run_language, say
from checker.instants import parse_typed_instant
from checker.logs import load_mapping, read_logs
from checker.logs.inputs import log_files
from checker.output.phrasing import joined
from checker.ruleset import RuleSet, load_ruleset

mapping_option = click.option(
    "--mapping", "mapping_path", type=click.Path(dir_okay=False), default=None,
    callback=configured_mapping,
    help="Mapping file adapting a platform's export (rules/mappings/*.yaml; default: the "
         "working folder configuration's mapping).")

as_of_option = click.option(
    "--as-of", "as_of_text", default=None, metavar="T",
    help="The instant the log describes (default: its latest timestamp): now, today, yesterday, "
         "a date (its end, 24:00), '2024-05-20 10:00' or '2024年5月20日 10:00'.")


def prepare_inputs(logs: tuple[str, ...], rules_path: str | None, mapping_path: str | None):
    """(rule set, mapping, log files) before anything is read: `logs` are files and folders
    of parts (checker.logs.inputs; each file skipped in a folder is said on stderr)."""
    ruleset = load_ruleset(rules_path)
    mapping = load_mapping(mapping_path) if mapping_path else None
    files = log_files(logs, run_language())
    for skipped in files.skipped:
        click.echo(f"hotline-check: {skipped.text(run_language())}", err=True)
    for path in files.files:
        note_input(path)
    note_input(ruleset.path)
    return ruleset, mapping, files.files


def read_inputs(files: list[str], ruleset: RuleSet, mapping, columns: bool = False):
    """The log files read whole. `columns`: into columns for the columnar engine (unless
    $HOTLINE_CHECK_ENGINE=reference)."""
    progress = RowProgress(run_language())
    try:
        if columns and os.environ.get("HOTLINE_CHECK_ENGINE", "columnar") == "columnar" \
                and not ruleset.versions:
            from checker.columnar.reader import read_logs_frame
            return read_logs_frame(files, ruleset.tz, mapping=mapping, progress=progress)
        return read_logs(files, ruleset.tz, mapping=mapping, progress=progress)
    finally:
        progress.close()


def load_inputs(logs: tuple[str, ...], rules_path: str | None, mapping_path: str | None,
                columns: bool = False):
    """(rule set, log data); errors are CheckerErrors naming the file (prepare_inputs,
    read_inputs)."""
    ruleset, mapping, files = prepare_inputs(logs, rules_path, mapping_path)
    return ruleset, read_inputs(files, ruleset, mapping, columns)


_JUDGED_TEXT = {
    "no_event": {"zh": "没有读到任何事件（共 {rows} 行数据，拒收 {rejected} 行）：无法审计",
                 "en": "no event was read ({rows} data rows, {rejected} rejected): nothing could be audited"},
    "too_many_rejected": {
        "zh": "拒收 {rejected} 行，占全部 {rows} 行数据的 {share}，超过上限 {limit}（{variable}）：结果不可作为审计结论",
        "en": "{rejected} of {rows} data rows rejected ({share}), more than the bound of {limit} "
              "({variable}): the result cannot stand as an audit"},
}


def judged_status(status: int, log, lang: str = DEFAULT_LANGUAGE) -> int:
    """The command's status, or 2 (with one line saying why on stderr) when the input could not
    be judged: no event read, or more than the bound's share of rows rejected (checker.limits)."""
    # The engine's module (and polars) imported here, once a log was read: `calendar` and
    # others that only parse a time option do not load them.
    from checker.engine.audit import frame_height
    rows, rejected = log.rows, len(log.rejected)
    if not frame_height(log):
        message = say(_JUDGED_TEXT, "no_event", lang, rows=rows, rejected=rejected)
    else:
        bound = limits.limit("REJECTED_SHARE")
        if rows == 0 or rejected / rows <= bound:
            return status
        message = say(_JUDGED_TEXT, "too_many_rejected", lang, rejected=rejected, rows=rows,
                      share=f"{rejected / rows:.0%}", limit=f"{bound:.0%}",
                      variable=limits.env_name("REJECTED_SHARE"))
    click.echo(f"hotline-check: {message}", err=True)
    return 2


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


_UNIT_TEXT = {
    "unknown": {"zh": "--unit：“{name}”不是规则集 {ruleset} 中的承办单位{hint}",
                "en": "--unit: '{name}' is not a unit of the rule set {ruleset}{hint}"},
    "closest": {"zh": "。是否应为：{names}？", "en": ". Did you mean: {names}?"},
    "none": {"zh": "。单位名单见规则集的 units 部分", "en": ". The units are listed under `units` in the rule set"},
}


def unit_option_value(name: str | None, ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """`--unit NAME` as the canonical name of the unit it names (an alias works); a name that
    matches no unit stops the command (exit 2) with the closest names."""
    if name is None:
        return None
    canonical = ruleset.canonical_unit(name)
    if canonical is not None:
        return canonical
    closest = ruleset.closest_units(name)
    hint = (say(_UNIT_TEXT, "closest", lang, names=joined(closest, lang))
            if closest else say(_UNIT_TEXT, "none", lang))
    raise CheckerError(say(_UNIT_TEXT, "unknown", lang, name=name, ruleset=shown_path(ruleset.path), hint=hint))
