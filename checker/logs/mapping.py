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
from checker.i18n import say
from checker.logs.encoding import check_encoding_name
from checker.logs.header import clean_header
from checker.logs.rows import CellPlan, cell_text, column_label
from checker.logs.timestamps import format_problem
from checker.validation import load_valid
from checker.vocabulary import BOOLEANS, CANONICAL_COLUMNS, EVENTS

REQUIRED_COLUMNS = ("ticket_id", "event", "at")

# Mapping errors speak to the office that wrote the mapping: in Chinese, naming the column.
MESSAGES = {
    "missing_column": {
        "zh": "表头缺少映射文件{using}要求的列“{column}”（{canonical}）；找到的表头行（第 {line} 行）为：{header}。"
              "请核对列名，或修改映射文件{hint}",
        "en": "the header lacks the column '{column}' ({canonical}) that mapping{using} names; the "
              "header row found (line {line}) is: {header}. Check the column name or edit the "
              "mapping{hint}"},
    "missing_canonical": {
        "zh": "表头缺少必需的列：{canonical}{using}；找到的表头行（第 {line} 行）为：{header}。"
              "如导出使用其他列名，请用 --mapping 指定映射文件（可用 hotline-check mapping init 生成）",
        "en": "the header lacks the required column {canonical}{using}; the header row found "
              "(line {line}) is: {header}. If the export uses other headers, name a mapping with "
              "--mapping (hotline-check mapping init writes one)"},
    "both_give": {"zh": "“{first}”和“{second}”两列都对应 {canonical}，请在映射文件中只保留一列",
                  "en": "columns '{first}' and '{second}' both give '{canonical}'"},
    "optional_hint": {"zh": "（导出确实没有这一列的，从映射文件删去它；平台不记录该环节的，写入 unrecorded）",
                      "en": " (remove it if the export has no such column; list a step the "
                            "platform does not record under unrecorded)"},
    "needs_reason": {
        "zh": "values.{column} 中“{value}”的字面含义不是 {target}（如“一般”不是“基本满意”，“已办结”不是“已解决”）；"
              "如本平台确是此意，写明理由：{value}: {{value: {target}, reason: \"……\"}}，否则删去这一行（含此值的行将被拒）",
        "en": "values.{column}: '{value}' does not plainly mean {target} (一般 is not 基本满意, 已办结 is "
              "not 已解决); if the platform means it so, state why: {value}: {{value: {target}, "
              "reason: \"…\"}}, or remove the line (rows with it are then refused)"},
    "bad_flag": {"zh": "{column}：未知取值“{value}”（请在映射文件该事件的 happened_if.yes 或 no 下添加）",
                 "en": "{column}: unknown value '{value}' (add it under happened_if.yes or no of that event)"},
}


def _say(key: str, **values) -> str:
    return say(MESSAGES, key, "zh", **values)


ANY_VALUE = "any"


@dataclass(frozen=True)
class HappenedIf:
    """A wide event recorded by a flag column (是否延期 = 是) rather than by a time cell alone."""
    column: str
    yes: frozenset[str] = frozenset()    # values meaning the step happened (empty: any value)
    no: frozenset[str] = frozenset()     # values meaning it did not


@dataclass(frozen=True)
class WideEvent:
    column: str | None                   # the export's header holding this event's time
    event: str                           # canonical event name
    fields: dict[str, str] = field(default_factory=dict)   # canonical column -> export header
    set: dict[str, Any] = field(default_factory=dict)      # canonical column -> constant
    happened_if: HappenedIf | None = None
    assume_at: str | None = None         # a time column standing in when this one is empty

    def headers(self) -> list[str]:
        """Every export header this event reads: a mapping naming one the export lacks is wrong."""
        named = [self.column] if self.column else []
        named += list(self.fields.values())
        if self.happened_if:
            named.append(self.happened_if.column)
        if self.assume_at:
            named.append(self.assume_at)
        return named


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
    unrecorded: tuple[str, ...] = ()          # events (or event.field) the platform does not record
    optional: tuple[str, ...] = ()            # canonical columns (or headers) an export may lack
    ticket_attributes: dict[str, str] = field(default_factory=dict)   # column -> from_any_row | from_own_row
    reasons: dict[str, str] = field(default_factory=dict)             # values.COLUMN.VALUE -> why

    def declared_unrecorded(self) -> frozenset[str]:
        """What this mapping's platform does not record: the `unrecorded` list, and for the
        wide layout every event it names no column for, who acted on an event it gives no
        actor, and when an event happened whose time it must assume."""
        missing = set(self.unrecorded)
        if self.layout == "wide":
            named = {item.event for item in self.events}
            missing.update(event for event in EVENTS if event not in named)
            shared_actor = "actor" in self.columns.values()
            for item in self.events:
                if not shared_actor and "actor" not in item.fields and "actor" not in item.set:
                    missing.add(f"{item.event}.actor")
                if item.column is None:
                    missing.add(f"{item.event}.at")
        return frozenset(missing)


IDENTITY = Mapping(id="canonical", title="canonical columns (no mapping)")


# --- loading ---------------------------------------------------------------------------

def load_mapping(path: str) -> Mapping:
    """A validated mapping file; CheckerError at the offending line on any mistake."""
    return load_valid(path, "mapping").built


def build_mapping(loaded) -> Mapping:
    """A Mapping from a file that passed the schema and meaning checks. `validate` runs this
    too (checker.validation.runner), so what validates always loads."""
    path = loaded.path
    data = loaded.data
    for position, pattern in enumerate(data.get("timestamp_formats", ())):
        problem = format_problem(pattern)
        if problem is not None:
            raise loaded.error(problem, ["timestamp_formats", position])
    if data.get("encoding"):
        try:
            check_encoding_name(data["encoding"], str(path))
        except CheckerError as bad:
            raise loaded.error(bad.message, ["encoding"]) from None
    if data["layout"] == "wide" and "ticket_id" not in data.get("columns", {}).values():
        raise loaded.error("a wide mapping must rename one column to ticket_id", ["columns"])
    events = tuple(_wide_event(item) for item in data.get("events", ()))
    for position, item in enumerate(data.get("events", ())):
        if "column" not in item and "happened_if" not in item:
            raise loaded.error("an event needs its time column, or happened_if naming the column "
                               "that says it happened", ["events", position])
    values, reasons = {}, {}
    doubtful = _needs_reason()
    for column, table in data.get("values", {}).items():
        values[column] = {}
        for alias, target in table.items():
            if isinstance(target, dict):        # {value: …, reason: …}: a reading that needs a why
                reasons[f"{column}.{alias}"] = target["reason"]
                target = target["value"]
            elif str(alias) in doubtful.get(column, ()):
                raise loaded.error(_say("needs_reason", column=column, value=alias, target=_plain(target)),
                                   ["values", column, alias])
            values[column][str(alias)] = target
    return Mapping(id=data["id"], title=data.get("title", ""), layout=data["layout"],
                   columns=dict(data.get("columns", {})), values=values,
                   timestamp_formats=tuple(data.get("timestamp_formats", ())), events=events,
                   encoding=data.get("encoding"), sheet=data.get("sheet"), path=str(path),
                   unrecorded=tuple(data.get("unrecorded", ())),
                   optional=tuple(data.get("optional_columns", ())),
                   ticket_attributes=dict(data.get("ticket_attributes", {})), reasons=reasons)


def _needs_reason() -> dict[str, list[str]]:
    """The words a mapping may read only with a reason (rules/header-synonyms.yaml)."""
    from checker.logs.synonyms import load_synonyms
    try:
        return load_synonyms().needs_reason
    except CheckerError:
        return {}


def _plain(value) -> str:
    return "true" if value is True else "false" if value is False else str(value)


def _wide_event(item: dict) -> WideEvent:
    flag = item.get("happened_if")
    happened = None
    if flag is not None:
        yes = flag.get("yes", ())
        happened = HappenedIf(column=flag["column"],
                              yes=frozenset([ANY_VALUE] if yes == ANY_VALUE else (str(v) for v in yes)),
                              no=frozenset(str(v) for v in flag.get("no", ())))
    return WideEvent(column=item.get("column"), event=item["event"],
                     fields=dict(item.get("fields", {})), set=dict(item.get("set", {})),
                     happened_if=happened, assume_at=item.get("assume_at"))


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


def canonical_header(header: list[str]) -> list[str] | None:
    """A header's columns as the row readers read it without a mapping (plan_for with
    IDENTITY): each cell stripped, a canonical column in any case by its name, any other cell
    as `_column_N` (N its position), which they ignore. None when they would not read it so:
    a canonical column given twice, a required one missing (a shipped export's mapping may)."""
    names, seen = [], set()
    for position, cell in enumerate(clean_header(header)):
        canonical = _canonical_of(cell, IDENTITY) if cell else None
        if canonical is None:
            names.append(f"_column_{position}")
            continue
        if canonical in seen:
            return None
        seen.add(canonical)
        names.append(canonical)
    return names if set(REQUIRED_COLUMNS) <= seen else None


@dataclass
class WideEventPlan:
    event: str
    time_index: int | None
    fields: list[tuple[str, int]]
    constants: dict
    flag: tuple[int, HappenedIf] | None = None
    assume_index: int | None = None
    assume_header: str | None = None


@dataclass
class WidePlan:
    ticket_index: int
    shared: list[tuple[str, int]]         # per-ticket columns copied onto every event
    events: list[WideEventPlan]


def plan_for(header: list[str], mapping: Mapping, source: str, line: int = 1) -> CellPlan | WidePlan:
    """How to read rows under this header; CheckerError (in Chinese) naming the one column
    missing and showing the header found."""
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
            raise CheckerError(_say("both_give", first=first, second=name, canonical=canonical),
                               file=source, line=line)
        canonical_index[canonical] = position

    def missing(column: str | None, canonical: str | list[str]) -> CheckerError:
        shown = "，".join(name for name in header if name) or "（空）"
        using = f"（{mapping.id}）" if mapping is not IDENTITY else ""
        if column is None:
            names = "、".join(f"{c}（{column_label(c)}）" for c in canonical)
            return CheckerError(_say("missing_canonical", canonical=names, using=using, line=line,
                                     header=shown), file=source, line=line)
        return CheckerError(_say("missing_column", column=column, canonical=canonical, using=using,
                                 line=line, header=shown, hint=_say("optional_hint")),
                            file=source, line=line)

    # Every column the mapping names must be there (any one of the headers it gives for a
    # canonical column): a typo must never pass as a step the platform does not record.
    if mapping is not IDENTITY:
        by_canonical: dict[str, list[str]] = {}
        for name, canonical in mapping.columns.items():
            by_canonical.setdefault(canonical, []).append(name)
        for canonical, names in by_canonical.items():
            if (canonical not in mapping.optional and not any(name in index for name in names)
                    and not any(name in mapping.optional for name in names)):
                raise missing(names[0], canonical)

    if mapping.layout == "long":
        absent = [column for column in REQUIRED_COLUMNS if column not in canonical_index]
        if absent:
            raise missing(None, absent)
        return CellPlan(canonical_index)

    if "ticket_id" not in canonical_index:
        raise missing(None, ["ticket_id"])
    for item in mapping.events:
        for name in item.headers():
            if name not in index and (name == item.column or name not in mapping.optional):
                raise missing(name, item.event)
    shared = [(column, position) for column, position in canonical_index.items()
              if column not in ("ticket_id", "event", "at")]
    events = []
    for item in mapping.events:
        flag = (index[item.happened_if.column], item.happened_if) if item.happened_if else None
        events.append(WideEventPlan(
            event=item.event, time_index=index[item.column] if item.column else None,
            fields=[(column, index[name]) for column, name in item.fields.items() if name in index],
            constants=item.set, flag=flag,
            assume_index=index[item.assume_at] if item.assume_at else None,
            assume_header=item.assume_at))
    return WidePlan(ticket_index=canonical_index["ticket_id"], shared=shared, events=events)


def choose_plan(header: list[str], mapping: Mapping | None, source: str,
                line: int = 1) -> tuple[Mapping, Any]:
    """The plan for a header. Without a mapping: canonical headers, else the first shipped
    mapping whose columns the header has (so the shipped Chinese exports read as they are)."""
    if mapping is not None:
        return mapping, plan_for(header, mapping, source, line)
    try:
        return IDENTITY, plan_for(header, IDENTITY, source, line)
    except CheckerError as first_error:
        for candidate in shipped_mappings():
            try:
                return candidate, plan_for(header, candidate, source, line)
            except CheckerError:
                continue
        raise first_error


# --- rows ------------------------------------------------------------------------------

def _empty(value) -> bool:
    return value is None or (value.__class__ is str and not value.strip())


ASSUMED = "__assumed__"     # key of a wide row's assumption, read off by the reader


def wide_rows(cells, plan: WidePlan) -> list[dict]:
    """The event rows of one wide row: one per recorded step, in mapping order.

    A step is recorded by a non-empty time cell, or by its flag (是否延期 = 是). A flagged
    step without its time takes the time of `assume_at`, and says so under ASSUMED; an
    unknown flag value gives the row a `__rejected__` reason instead."""
    width = len(cells)
    produced = []
    ticket = cells[plan.ticket_index] if plan.ticket_index < width else None
    shared = None
    for item in plan.events:
        at = cells[item.time_index] if item.time_index is not None and item.time_index < width else None
        assumed = None
        if item.flag is not None:
            position, flag = item.flag
            value = cell_text(cells[position]) if position < width else None
            state = _flag_state(value, flag)
            if state is None:
                produced.append({"__rejected__": _say("bad_flag", column=flag.column, value=value)})
                continue
            if not state:
                continue
            if _empty(at):
                stand_in = item.assume_index
                at = cells[stand_in] if stand_in is not None and stand_in < width else None
                if _empty(at):
                    continue
                assumed = item.assume_header
        elif _empty(at):
            continue
        if shared is None:
            shared = {column: cells[position] for column, position in plan.shared
                      if position < width}
        row = dict(shared)
        row["ticket_id"] = ticket
        row["event"] = item.event
        row["at"] = at
        for column, position in item.fields:
            if position < width:
                row[column] = cells[position]
        row.update(item.constants)
        if assumed is not None:
            row[ASSUMED] = assumed
        produced.append(row)
    return produced


def _flag_state(value: str | None, flag: HappenedIf) -> bool | None:
    """True: the step happened; False: it did not; None: a value the mapping does not know.
    Beside the mapping's own `yes`/`no` words, 是/否 (and the other yes/no words of the
    vocabulary) are understood; `yes: any` takes any non-empty cell as yes."""
    if value is None:
        return False
    if value in flag.no:
        return False
    if value in flag.yes or ANY_VALUE in flag.yes:
        return True
    return BOOLEANS.get(value.lower())


def rename_record(record: dict, mapping: Mapping) -> dict:
    """A JSON Lines record with its keys renamed to canonical columns (unknown keys dropped)."""
    renamed = {}
    for key, value in record.items():
        canonical = _canonical_of(str(key).strip(), mapping)
        if canonical is not None and canonical not in renamed:
            renamed[canonical] = value
    return renamed
