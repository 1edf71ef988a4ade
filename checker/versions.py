"""Rule set versions by date: a folder of rule set files, each with its `effective` period.

`load_versions(folder)` validates every rule set file directly in the folder (test cases,
calendars and mappings beside them are not versions), checks that their periods follow each
other without overlap or gap (`validation.semantic.overlapping_periods`, across all of them),
and returns the latest version carrying all of them in `versions`. A ticket is judged by the
version in force on the local day of its first dispatch (`RuleSet.version_for`); the latest
version gives what belongs to the whole run (time zone, report sections, reminder windows).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from checker.errors import CheckerError, ErrorList
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.resources import content_hash, short_digest

MESSAGES = {
    "out_of_force": {
        "zh": "工单首次派单日 {day} 不在任何规则集版本的生效期内（{periods}），未审计",
        "en": "the ticket's first dispatch day {day} is outside every rule set version's period "
              "({periods}); not audited"},
    "period": {"zh": "{file} {start} 起{end}", "en": "{file} from {start}{end}"},
    "period_end": {"zh": "至 {end} 前", "en": " until {end}"},
    "no_versions": {"zh": "文件夹中没有规则集文件（顶层有 rules 的 *.yaml）",
                    "en": "the folder holds no rule set file (a *.yaml with a top-level 'rules')"},
}

_SUFFIXES = (".yaml", ".yml")


def version_files(folder: str | Path) -> list[Path]:
    """The rule set files directly in `folder`, in name order."""
    from checker.validation.runner import detect_kind
    from checker.yamlio import load_yaml_file
    found = []
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or not path.name.endswith(_SUFFIXES) or path.name.startswith("."):
            continue
        try:
            kind = detect_kind(load_yaml_file(path).data, path)
        except CheckerError:
            kind = "ruleset"          # a broken file is reported by loading it as a version
        if kind == "ruleset":
            found.append(path)
    return found


def load_versions(folder: str | Path, lang: str = DEFAULT_LANGUAGE):
    """The latest version of the folder, with every version (oldest first) in `versions`."""
    from checker.validation import load_valid
    from checker.validation.semantic import overlapping_periods
    folder = str(folder)
    files = version_files(folder)
    if not files:
        raise CheckerError(say(MESSAGES, "no_versions", lang), file=folder)
    errors: list[CheckerError] = []
    loaded = []
    for path in files:
        try:
            loaded.append(load_valid(str(path), "ruleset", lang))
        except ErrorList as broken:
            errors.extend(broken.errors)
    errors += overlapping_periods(loaded, lang, same_id_only=False)
    if errors:
        raise ErrorList(errors)
    versions = sorted((item.built for item in loaded),     # built once, by load_valid
                      key=lambda version: (version.effective_from, version.path))
    chained = []
    for version, following in zip(versions, versions[1:] + [None]):
        ends = version.effective_until or (following.effective_from if following else None)
        chained.append(replace(version, ends=ends))
    latest = chained[-1]
    return replace(latest, versions=tuple(chained), origin=folder, file_hash=folder_hash(chained))


def folder_hash(versions) -> str:
    """One hash for a set of versions: their file names and contents, in date order."""
    digest = hashlib.sha256()
    for version in versions:
        digest.update(f"{Path(version.path).name}\0{content_hash(version.path)}\n".encode("utf-8"))
    return short_digest(digest)


def in_force(versions, day: date):
    """The version whose period [from, ends) holds `day`; None when none does."""
    for version in versions:
        if version.effective_from <= day and (version.ends is None or day < version.ends):
            return version
    return None


def periods_text(listing: list[dict], lang: str = DEFAULT_LANGUAGE) -> str:
    """nanzheng-2024.yaml 2024-01-01 起至 2025-01-01 前；nanzheng-2025.yaml 2025-01-01 起
    (`listing` as `versions_listing` gives it)."""
    parts = [say(MESSAGES, "period", lang, file=Path(version["file"]).name, start=version["from"],
                 end=say(MESSAGES, "period_end", lang, end=version["until"]) if version["until"] else "")
             for version in listing]
    return ("；" if lang == "zh" else "; ").join(parts)


def out_of_force_notes(tickets, ruleset, lang: str = DEFAULT_LANGUAGE) -> list:
    """A data-quality note for each ticket no version judges (a folder whose periods do not
    reach its first dispatch)."""
    from checker.calendar.clocks import local_days
    from checker.model import DataNote
    days = local_days(ruleset.tz)
    periods = periods_text(versions_listing(ruleset), lang)
    notes = []
    for ticket in tickets:
        if ticket.rules is not None:
            continue
        first = ticket.first_dispatch() or ticket.events[0]
        day = date.fromordinal(days.ordinal_of(first.at))
        notes.append(DataNote(kind="out_of_force", ticket_id=ticket.ticket_id, source=first.source,
                              line=first.line, message=say(MESSAGES, "out_of_force", lang, day=day,
                                                           periods=periods)))
    return notes


def versions_listing(ruleset) -> list[dict]:
    """The versions of a folder as outputs list them: file, hash, from, until (None: open)."""
    return [{"file": version.shown_file, "hash": version.file_hash,
             "from": version.effective_from.isoformat(),
             "until": version.ends.isoformat() if version.ends else None}
            for version in ruleset.versions]
