"""The mapping step: an upload's headers, the meaning proposed for each, the clerk's
corrections, and the mapping file they make (saved in the working folder, validated like
every mapping before it is used).

A meaning is a canonical column (`unit`) or, for an export with one row per ticket, the
time of an event (`time:dispatched`). The proposal comes from one function,
`propose_meanings`, so a better proposer replaces it in one place."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import yaml

from checker.errors import CheckerError
from checker.logs.csv_reader import read_csv_table
from checker.logs.encoding import detect_encoding
from checker.logs.header import clean_header, find_header, looks_like_header
from checker.logs.mapping import IDENTITY, REQUIRED_COLUMNS, Mapping, load_mapping, shipped_mappings
from checker.logs.rows import _COLUMN_ZH as COLUMN_ZH
from checker.logs.xlsx_reader import read_xlsx_rows
from checker.output.labels import event_name
from checker.output.sanitize import mask_personal
from checker.vocabulary import CANONICAL_COLUMNS, EVENTS
from checker.web.refused import Refused
from checker.web.texts import t
from checker.web.workspace import UploadedFile

TIME_PREFIX = "time:"
FLAG_PREFIX = "flag:"
EXAMPLE_ROWS = 3
MAPPING_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


@dataclass
class Header:
    headers: list[str]
    examples: list[list[str]] = field(default_factory=list)   # per header, a few values


def _text(cell) -> str:
    if cell is None:
        return ""
    return str(cell).strip().lstrip("\ufeff")


def read_header(uploaded: UploadedFile) -> Header:
    """The header row of an upload (the fullest of its first rows) and a few example values."""
    path = str(uploaded.path)
    if uploaded.kind == "jsonl":
        return _jsonl_header(path)
    if uploaded.kind == "csv":
        rows = read_csv_table(path, detect_encoding(path))
    elif uploaded.kind == "xlsx":
        rows = read_xlsx_rows(path, None)
    else:
        raise CheckerError(f"no header reader for {uploaded.kind}", file=uploaded.name)
    search = find_header(rows, lambda header, line: header if looks_like_header(header) else None)
    if search.found is None:
        if search.guess is None:
            raise CheckerError("the file has no header row (it is empty)", file=path)
        headers = clean_header(search.guess[2])
        position = search.skipped.index(search.guess)
        below = [row[2] for row in search.skipped[position + 1:position + 1 + EXAMPLE_ROWS]]
    else:
        headers = search.found
        below = [row[2] for row in islice(rows, EXAMPLE_ROWS)]
    below = [[mask_personal(_text(cell)) for cell in cells] for cells in below]
    examples = [[row[i] for row in below if i < len(row) and row[i]] for i in range(len(headers))]
    return Header(headers, examples)


def _jsonl_header(path: str) -> Header:
    keys: dict[str, list[str]] = {}
    with open(path, encoding="utf-8-sig", errors="replace") as stream:
        for line in islice(stream, 50):
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                for key, value in record.items():
                    values = keys.setdefault(str(key), [])
                    if value not in (None, "") and len(values) < EXAMPLE_ROWS:
                        values.append(mask_personal(str(value)))
    if not keys:
        raise CheckerError("no JSON object in the first lines (is it JSON Lines?)", file=path)
    return Header(list(keys), list(keys.values()))


# --- the proposal ----------------------------------------------------------------------

@dataclass
class Proposed:
    """What the mapping page shows of an upload: its header, examples, a meaning per header,
    and where they came from (the mapping wizard's proposal, else the closest known mapping)."""
    header: Header
    meanings: list[str | None]
    wizard: object = None               # checker.mapping_wizard.Proposal, when it read the file
    base: Mapping = IDENTITY            # the known mapping the headers fit, without the wizard
    questions: list = field(default_factory=list)


def propose_for(uploaded: UploadedFile, ruleset) -> Proposed:
    """The proposal `hotline-check mapping init` makes for the file; for what it does not read
    (canonical headers, JSON Lines) the shipped mapping the headers fit best."""
    header = read_header(uploaded)
    if uploaded.kind in ("csv", "xlsx"):
        from checker.mapping_wizard import propose_mapping
        from checker.web.wizard_choices import meanings_of
        try:
            wizard = propose_mapping(str(uploaded.path), ruleset)
        except CheckerError:
            wizard = None
        if wizard is not None:
            wizard.source = uploaded.name
            if wizard.header != header.headers:
                header = Header(list(wizard.header), [[] for _ in wizard.header])
            return Proposed(header, meanings_of(wizard), wizard=wizard,
                            questions=list(wizard.questions))
    base, meanings = propose_meanings(header.headers)
    return Proposed(header, meanings, base=base)

def _meaning_in(header: str, mapping: Mapping) -> str | None:
    if header in mapping.columns:
        return mapping.columns[header]
    for item in mapping.events:
        if item.column == header:
            return TIME_PREFIX + item.event
        for canonical, source in item.fields.items():
            if source == header:
                return canonical
    return None


def propose_meanings(headers: list[str]) -> tuple[Mapping, list[str | None]]:
    """The mapping the headers fit best (canonical names or a shipped one) and, per header,
    the meaning proposed (None: not used)."""
    candidates = [IDENTITY, *shipped_mappings()]

    def meaning(header: str, mapping: Mapping) -> str | None:
        found = _meaning_in(header, mapping)
        if found is None and header.lower() in CANONICAL_COLUMNS:
            found = header.lower()
        return found

    base = max(candidates, key=lambda m: sum(1 for h in headers if h and meaning(h, m)))
    proposed = []
    for header in headers:
        found = meaning(header, base) if header else None
        if found is None and header:
            found = next((m for m in (meaning(header, c) for c in candidates) if m), None)
        proposed.append(found)
    return base, proposed


def meaning_choices(lang: str, meanings: list[str | None] = ()) -> list[tuple[str, str]]:
    """(value, label) of the drop-down: not used, the canonical columns, the event times, and
    any 'whether it happened' column the proposal found."""
    choices = [("", t("ignore", lang))]
    for meaning in meanings:
        if meaning and meaning.startswith(FLAG_PREFIX):
            event = meaning[len(FLAG_PREFIX):]
            choices.append((meaning, t("flag_of", lang, event=event_name(event, lang)) + f" ({meaning})"))
    for column in CANONICAL_COLUMNS:
        label = COLUMN_ZH.get(column, column) if lang == "zh" else column.replace("_", " ")
        choices.append((column, f"{label} ({column})"))
    for event in EVENTS:
        choices.append((TIME_PREFIX + event, t("time_of", lang, event=event_name(event, lang))
                        + f" ({TIME_PREFIX}{event})"))
    return choices


# --- from the corrected meanings to a mapping file -------------------------------------

def check_choices(headers: list[str], meanings: list[str | None]) -> dict[str, str]:
    """`meaning -> header` of the clerk's choices; Refused with what is wrong in their words."""
    given: dict[str, str] = {}
    for header, meaning in zip(headers, meanings):
        if not header:
            continue
        if not meaning and header.lower() in CANONICAL_COLUMNS:
            meaning = header.lower()    # a column named canonically is always read as such
        if not meaning:
            continue
        if meaning in given:
            raise Refused("err_mapping_twice", a=given[meaning], b=header, meaning=meaning)
        given[meaning] = header
    plain = {m for m in given if not m.startswith((TIME_PREFIX, FLAG_PREFIX))}
    times = [m for m in given if m.startswith(TIME_PREFIX)]
    if "ticket_id" not in plain:
        raise Refused("err_mapping_no_ticket")
    if times and ("event" in plain or "at" in plain):
        raise Refused("err_mapping", message=_mixed_layout())
    if not times:
        missing = [column for column in REQUIRED_COLUMNS if column not in plain]
        if missing:
            raise Refused("err_mapping_long_missing",
                          missing="、".join(COLUMN_ZH.get(c, c) for c in missing))
    return given


def mapping_text_of(proposed: Proposed, meanings: list[str | None], mapping_id: str,
                    title: str) -> str:
    """The mapping file the clerk confirmed: the wizard's commented file with their changes,
    or (without the wizard) the known mapping the headers fit, adapted."""
    if not MAPPING_ID.match(mapping_id):
        raise Refused("err_mapping_id", name=mapping_id)
    headers = proposed.header.headers
    given = check_choices(headers, meanings)
    if proposed.wizard is not None:
        import copy

        from checker.mapping_wizard import mapping_text
        from checker.web.wizard_choices import apply_choices
        wizard = proposed.wizard
        if list(meanings) != list(proposed.meanings):
            wizard = apply_choices(copy.deepcopy(wizard), given)
        text = mapping_text(wizard)
        return re.sub(r"(?m)^id: .*$", f"id: {mapping_id}", text, count=1)
    data = mapping_from_choices(given, proposed.base, mapping_id, title)
    return ("# Written by hotline-check serve from the headers of an uploaded export.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120))


def mapping_from_choices(given: dict[str, str], base: Mapping, mapping_id: str, title: str) -> dict:
    """The mapping file's data from checked choices, keeping the base mapping's vocabularies."""
    times = [(meaning[len(TIME_PREFIX):], header) for meaning, header in given.items()
             if meaning.startswith(TIME_PREFIX)]
    plain = {meaning: header for meaning, header in given.items()
             if not meaning.startswith((TIME_PREFIX, FLAG_PREFIX))}
    data: dict = {"id": mapping_id, "title": title}
    if not times:
        data["layout"] = "long"
        data["columns"] = {header: meaning for meaning, header in plain.items()}
    else:
        data["layout"] = "wide"
        base_fields = {(item.event, canonical): source for item in base.events
                       for canonical, source in item.fields.items()}
        travelling = {canonical for (_, canonical) in base_fields}
        shared = {header: meaning for meaning, header in plain.items()
                  if meaning == "ticket_id" or meaning not in travelling}
        data["columns"] = shared
        events = []
        for event, header in times:
            entry: dict = {"column": header, "event": event}
            fields = {canonical: plain[canonical] for canonical in travelling
                      if canonical in plain and (event, canonical) in base_fields}
            if fields:
                entry["fields"] = fields
            constants = next((dict(item.set) for item in base.events if item.event == event), {})
            if constants:
                entry["set"] = constants
            events.append(entry)
        data["events"] = events
    if base.values:
        data["values"] = {column: dict(table) for column, table in base.values.items()}
    if base.timestamp_formats:
        data["timestamp_formats"] = list(base.timestamp_formats)
    return data


def _mixed_layout() -> str:
    return "表格不能既有“事件”“时间”列又有环节时间列 / a table has either event and time columns or step time columns"


def add_aliases(text: str, column: str, aliases: dict[str, str]) -> str:
    """The mapping file with `alias -> canonical name` added to the vocabulary of `column`."""
    data = yaml.safe_load(text)
    values = data.get("values") or {}
    values.setdefault(column, {}).update(aliases)
    data["values"] = values
    return ("# Written by hotline-check serve: the mapping confirmed, with the names accepted.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120))


def save_mapping(text: str, folder: Path, scratch: Path) -> tuple[Path, Mapping]:
    """Validate the mapping (written first to the session's scratch folder), then put it in
    `folder` under its id. The id was checked against MAPPING_ID: it is never a path."""
    mapping_id = yaml.safe_load(text)["id"]
    if not MAPPING_ID.match(str(mapping_id)):
        raise Refused("err_mapping_id", name=mapping_id)
    draft = scratch / f"mapping-{mapping_id}.yaml"
    draft.write_text(text, encoding="utf-8")
    try:
        load_mapping(str(draft))
    except CheckerError as error:
        from checker.web.jobs import checker_message
        raise CheckerError(checker_message(error, {str(draft): f"{mapping_id}.yaml"})) from None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{mapping_id}.yaml"
    temporary = folder / f".{mapping_id}.yaml.part"
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    return target, load_mapping(str(target))
