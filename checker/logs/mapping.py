"""Mapping files: how a platform's export becomes canonical event rows.

A mapping (rules/mappings/*.yaml, schema schemas/mapping.schema.json) renames the export's
headers to canonical columns, adds value vocabularies and timestamp formats, and for the
wide layout (one row per ticket, one time column per event) says which event each time
column records and which other columns travel with it. Adapting a new export is editing a
mapping file; no Python changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker import resources
from checker.errors import CheckerError
from checker.logs.encoding import check_encoding_name
from checker.logs.rows import CellPlan
from checker.validation import load_valid
from checker.vocabulary import CANONICAL_COLUMNS

REQUIRED_COLUMNS = ("ticket_id", "event", "at")


@dataclass(frozen=True)
class WideEvent:
    column: str                          # the export's header holding this event's time
    event: str                           # canonical event name
    fields: dict[str, str] = field(default_factory=dict)   # canonical column -> export header
    set: dict[str, Any] = field(default_factory=dict)      # canonical column -> constant


@dataclass(frozen=True)
class Mapping:
    id: str
    title: str = ""
    layout: str = "long"
    columns: dict[str, str] = field(default_factory=dict)   # export header -> canonical column
    values: dict[str, dict] = field(default_factory=dict)   # canonical column -> {alias: value}
    timestamp_formats: tuple[str, ...] = ()
    events: tuple[WideEvent, ...] = ()
    encoding: str | None = None
    sheet: str | None = None
    path: str | None = None


IDENTITY = Mapping(id="canonical", title="canonical columns (no mapping)")


# --- loading ---------------------------------------------------------------------------

def load_mapping(path: str) -> Mapping:
    """A validated mapping file; CheckerError at the offending line on any mistake."""
    loaded = load_valid(path, "mapping")
    data = loaded.data
    if data.get("encoding"):
        try:
            check_encoding_name(data["encoding"], str(path))
        except CheckerError as bad:
            raise loaded.error(bad.message, ["encoding"]) from None
    if data["layout"] == "wide" and "ticket_id" not in data.get("columns", {}).values():
        raise loaded.error("a wide mapping must rename one column to ticket_id", ["columns"])
    events = tuple(WideEvent(column=item["column"], event=item["event"],
                             fields=dict(item.get("fields", {})), set=dict(item.get("set", {})))
                   for item in data.get("events", ()))
    values = {column: {str(alias): target for alias, target in table.items()}
              for column, table in data.get("values", {}).items()}
    return Mapping(id=data["id"], title=data.get("title", ""), layout=data["layout"],
                   columns=dict(data.get("columns", {})), values=values,
                   timestamp_formats=tuple(data.get("timestamp_formats", ())), events=events,
                   encoding=data.get("encoding"), sheet=data.get("sheet"), path=str(path))


@lru_cache(maxsize=1)
def shipped_mappings() -> tuple[Mapping, ...]:
    """The mappings shipped in rules/mappings/, in file-name order."""
    directory = resources.mappings_dir()
    if not directory.is_dir():
        return ()
    return tuple(load_mapping(str(path)) for path in sorted(Path(directory).glob("*.yaml")))


# --- headers ---------------------------------------------------------------------------

def _canonical_of(header: str, mapping: Mapping) -> str | None:
    if header in mapping.columns:
        return mapping.columns[header]
    lowered = header.lower()
    return lowered if lowered in CANONICAL_COLUMNS else None


def clean_header(cells) -> list[str]:
    return ["" if cell is None else str(cell).strip().lstrip("\ufeff") for cell in cells]


@dataclass
class WidePlan:
    ticket_index: int
    shared: list[tuple[str, int]]         # per-ticket columns copied onto every event
    events: list[tuple[str, int, list[tuple[str, int]], dict]]   # (event, time index, fields, set)


def plan_for(header: list[str], mapping: Mapping, source: str) -> CellPlan | WidePlan:
    """How to read rows under this header; CheckerError if required columns are missing."""
    index: dict[str, int] = {}
    canonical_index: dict[str, int] = {}
    for position, name in enumerate(header):
        if not name:
            continue
        index.setdefault(name, position)
        canonical = _canonical_of(name, mapping)
        if canonical is None:
            continue
        if canonical in canonical_index:
            first = header[canonical_index[canonical]]
            raise CheckerError(f"columns '{first}' and '{name}' both give '{canonical}'", file=source)
        canonical_index[canonical] = position

    if mapping.layout == "long":
        missing = [column for column in REQUIRED_COLUMNS if column not in canonical_index]
        if missing:
            raise CheckerError(_missing_message(missing, header, mapping), file=source)
        return CellPlan(canonical_index)

    missing = [] if "ticket_id" in canonical_index else ["ticket_id"]
    missing += [item.column for item in mapping.events if item.column not in index]
    if missing:
        raise CheckerError(_missing_message(missing, header, mapping), file=source)
    shared = [(column, position) for column, position in canonical_index.items()
              if column not in ("ticket_id", "event", "at")]
    events = []
    for item in mapping.events:
        fields = [(column, index[name]) for column, name in item.fields.items() if name in index]
        events.append((item.event, index[item.column], fields, item.set))
    return WidePlan(ticket_index=canonical_index["ticket_id"], shared=shared, events=events)


def _missing_message(missing: list[str], header: list[str], mapping: Mapping) -> str:
    shown = ", ".join(name for name in header if name) or "(empty)"
    using = f" (mapping {mapping.id})" if mapping is not IDENTITY else ""
    return (f"missing required column(s) {', '.join(missing)}{using}; the header has: {shown}. "
            f"Name a mapping file with --mapping if the export uses other headers")


def choose_plan(header: list[str], mapping: Mapping | None, source: str) -> tuple[Mapping, Any]:
    """The plan for a header. Without a mapping: canonical headers, else the first shipped
    mapping whose columns the header has (so the shipped Chinese exports read as they are)."""
    if mapping is not None:
        return mapping, plan_for(header, mapping, source)
    try:
        return IDENTITY, plan_for(header, IDENTITY, source)
    except CheckerError as first_error:
        for candidate in shipped_mappings():
            try:
                return candidate, plan_for(header, candidate, source)
            except CheckerError:
                continue
        raise first_error


# --- rows ------------------------------------------------------------------------------

def wide_rows(cells, plan: WidePlan) -> list[dict]:
    """The event rows of one wide row: one per non-empty time cell, in mapping order."""
    width = len(cells)
    produced = []
    ticket = cells[plan.ticket_index] if plan.ticket_index < width else None
    shared = None
    for event, time_index, fields, constants in plan.events:
        at = cells[time_index] if time_index < width else None
        if at is None or (at.__class__ is str and not at.strip()):
            continue
        if shared is None:
            shared = {column: cells[position] for column, position in plan.shared
                      if position < width}
        row = dict(shared)
        row["ticket_id"] = ticket
        row["event"] = event
        row["at"] = at
        for column, position in fields:
            if position < width:
                row[column] = cells[position]
        row.update(constants)
        produced.append(row)
    return produced


def rename_record(record: dict, mapping: Mapping) -> dict:
    """A JSON Lines record with its keys renamed to canonical columns (unknown keys dropped)."""
    renamed = {}
    for key, value in record.items():
        canonical = _canonical_of(str(key).strip(), mapping)
        if canonical is not None and canonical not in renamed:
            renamed[canonical] = value
    return renamed
