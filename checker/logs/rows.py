"""One row of canonical columns turned into an Event, or the reason it is rejected.

A row is a dict `{canonical column: cell}` (after the mapping's renames and, for the
wide layout, the unpivot). Cells are strings, or the native values a spreadsheet or a
JSON line holds (datetime, number, bool). Values are stripped; an empty cell is absent.

Rejection reasons are stored in English (they travel inside `Rejected.reason`, which is
what the findings JSON shows); `localize_reason` gives the Chinese for a report.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from checker import vocabulary as vocab
from checker.i18n import pick, say
from checker.logs import timestamps
from checker.logs.timestamps import instant_of_cell, parse_instant
from checker.model import Event

MESSAGES = {
    "no_ticket": {"zh": "缺少工单编号（ticket_id）", "en": "missing ticket_id"},
    "no_event": {"zh": "缺少事件（event）", "en": "missing event"},
    "unknown_event": {"zh": "未知事件“{value}”（请在映射文件的 values.event 下添加）",
                      "en": "unknown event '{value}' (add it under values.event of the mapping)"},
    "no_at": {"zh": "缺少时间（at）", "en": "missing timestamp (at)"},
    "no_unit": {"zh": "“{event}”缺少承办单位（unit）", "en": "{event} without unit"},
    "visit_needs": {"zh": "回访缺少{column}", "en": "visited without {column}"},
    "bad_value": {"zh": "{column}：未知取值“{value}”（请在映射文件的 values.{add} 下添加）",
                  "en": "{column}: unknown value '{value}' (add it under values.{add} of the mapping)"},
    "bad_promised": {"zh": "承诺时间（promised_at）：{detail}", "en": "promised_at: {detail}"},
    "bad_json": {"zh": "不是有效的 JSON：{detail}", "en": "invalid JSON: {detail}"},
    "not_object": {"zh": "不是 JSON 对象", "en": "not a JSON object"},
}

_COLUMN_ZH = {
    "ticket_id": "工单编号", "event": "事件", "at": "时间", "unit": "承办单位", "actor": "操作人",
    "category": "诉求类别", "deadline_class": "时限类别", "urgent": "紧急", "key_category": "重点类别",
    "resolved": "是否解决", "satisfaction": "满意度", "promised_at": "承诺时间", "outcome": "办结方式",
    "channel": "渠道", "note": "备注",
}

# Columns whose values must come from a vocabulary, and the built-in one.
VOCABULARIES: dict[str, dict] = {
    "event": vocab.EVENT_ALIASES,
    "satisfaction": vocab.SATISFACTION,
    "resolved": vocab.BOOLEANS,
    "urgent": vocab.BOOLEANS,
    "outcome": vocab.OUTCOMES,
    "deadline_class": vocab.CLASS_ALIASES,
    "key_category": vocab.KEY_CATEGORY_ALIASES,
}
FREE_TEXT = ("unit", "actor", "category", "channel", "note")


def column_label(column: str, lang: str = "zh") -> str:
    """承办单位 for `unit` in Chinese; the canonical name itself in English."""
    return _COLUMN_ZH.get(column, column) if lang == "zh" else column


def reason(key: str, **values) -> str:
    return say(MESSAGES, key, "en", **values)


def cell_text(value) -> str | None:
    """A cell as stripped text; None when empty. 1001.0 from a spreadsheet is '1001'."""
    if value is None:
        return None
    if value.__class__ is not str:
        if value is True or value is False:
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
    value = value.strip()
    return value or None


def vocabulary_value(table: dict, text: str):
    """A vocabulary's value for a stripped cell: as written, else in lower case (TRUE, Received);
    None when it is not in the vocabulary."""
    found = table.get(text)
    return table.get(text.lower()) if found is None else found


class RowBuilder:
    """Builds Events from canonical rows with the vocabularies and formats of one mapping."""

    def __init__(self, tz: ZoneInfo, extra_values: dict[str, dict] | None = None,
                 timestamp_formats: tuple[str, ...] = (), unit_from_any_row: bool = False,
                 unrecorded: frozenset[str] = frozenset()):
        self.tz = tz
        # A visit's result the export does not record is not asked of its rows.
        self.visit_needs = tuple(column for column in ("resolved", "satisfaction")
                                 if f"visited.{column}" not in unrecorded)
        # A dispatch without its unit waits for the ticket's other rows (fill_from_any_row).
        self.unit_from_any_row = unit_from_any_row
        self.formats = tuple(timestamp_formats)
        extra_values = extra_values or {}
        self.vocabularies: dict[str, dict] = {}
        for column, builtin in VOCABULARIES.items():
            merged = dict(builtin)
            merged.update(extra_values.get(column, {}))
            self.vocabularies[column] = merged
        # Free-text columns may have aliases too (e.g. unit names, channels); others pass.
        self.translations = {column: dict(extra_values[column])
                             for column in FREE_TEXT if extra_values.get(column)}

    def _lookup(self, column: str, text: str):
        return vocabulary_value(self.vocabularies[column], text)

    def _instant(self, value) -> int:
        if value.__class__ is str:
            return parse_instant(value, self.tz, self.formats)
        return instant_of_cell(value, self.tz, self.formats)

    def build(self, row: dict, seq: int, source: str, line: int) -> Event | str:
        """An Event from a {canonical column: cell} dict, or the English reason it is rejected."""
        result = self._start(row.get("ticket_id"), row.get("event"), row.get("at"),
                             seq, source, line)
        if result.__class__ is str:
            return result
        apply = self._apply
        for column, value in row.items():
            if value is None or column in _SKIP:
                continue
            problem = apply(result, column, value)
            if problem is not None:
                return problem
        return self._finish(result, self.unit_from_any_row, self.visit_needs)

    def build_cells(self, cells, plan: "CellPlan", seq: int, source: str, line: int) -> Event | str:
        """The same from a table row (a list of cells) and the positions of its columns."""
        if len(cells) < plan.width:
            cells = list(cells) + [None] * (plan.width - len(cells))
        result = self._start(cells[plan.ticket_id], cells[plan.event], cells[plan.at],
                             seq, source, line)
        if result.__class__ is str:
            return result
        apply = self._apply
        for column, position in plan.optional:
            value = cells[position]
            if value is None or value == "":
                continue
            problem = apply(result, column, value)
            if problem is not None:
                return problem
        return self._finish(result, self.unit_from_any_row, self.visit_needs)

    def _start(self, ticket_id, event_text, at_value, seq, source, line) -> Event | str:
        if ticket_id.__class__ is str:
            ticket_id = ticket_id.strip()
            if not ticket_id:
                return reason("no_ticket")
        else:
            ticket_id = cell_text(ticket_id)
            if ticket_id is None:
                return reason("no_ticket")
        event_text = event_text.strip() if event_text.__class__ is str else cell_text(event_text)
        if not event_text:
            return reason("no_event")
        event_name = self._lookup("event", event_text)
        if event_name is None:
            return reason("unknown_event", value=event_text)
        if at_value.__class__ is str:
            if not at_value or at_value.isspace():
                return reason("no_at")
            try:
                at = parse_instant(at_value, self.tz, self.formats)
            except ValueError as error:
                return str(error)
        else:
            if at_value.__class__ is not datetime:
                at_value = cell_text(at_value)
                if at_value is None:
                    return reason("no_at")
            try:
                at = instant_of_cell(at_value, self.tz, self.formats)
            except ValueError as error:
                return str(error)
        return Event(ticket_id, event_name, at, seq, source, line)

    def _apply(self, event: Event, column: str, value) -> str | None:
        """Sets one optional column on the event; the rejection reason if its value is bad."""
        if column == "promised_at":
            if value.__class__ is not datetime:
                value = cell_text(value)
                if value is None:
                    return None
            try:
                event.promised_at = self._instant(value)
            except ValueError as error:
                return reason("bad_promised", detail=str(error))
            return None
        text = value.strip() if value.__class__ is str else cell_text(value)
        if not text:
            return None
        if column in self.vocabularies:
            known = self._lookup(column, text)
            if known is None:
                return reason("bad_value", column=column, value=text, add=column)
            setattr(event, column, known)
        elif column in _FREE_TEXT_SET:
            table = self.translations.get(column)
            setattr(event, column, table.get(text, text) if table else text)
        return None

    @staticmethod
    def _finish(event: Event, unit_later: bool = False,
                visit_needs: tuple[str, ...] = ("resolved", "satisfaction")) -> Event | str:
        name = event.event
        if name == "dispatched" or name == "redispatched":
            if event.unit is None and not unit_later:
                return reason("no_unit", event=name)
        elif name == "visited":
            for column in visit_needs:
                if getattr(event, column) is None:
                    return reason("visit_needs", column=column)
        return event


class CellPlan:
    """Positions of the canonical columns in a table's rows."""

    __slots__ = ("ticket_id", "event", "at", "optional", "width", "columns")

    def __init__(self, positions: dict[str, int]):
        self.ticket_id = positions["ticket_id"]
        self.event = positions["event"]
        self.at = positions["at"]
        self.optional = [(column, position) for column, position in positions.items()
                         if column not in _SKIP]
        self.width = max(positions.values()) + 1
        self.columns = frozenset(positions)

    def has(self, column: str) -> bool:
        return column in self.columns


_SKIP = frozenset(("ticket_id", "event", "at"))
_FREE_TEXT_SET = frozenset(FREE_TEXT)


# --- Chinese for stored reasons ------------------------------------------------------

_patterns: list[tuple[re.Pattern, dict]] | None = None


def _compile() -> list[tuple[re.Pattern, dict]]:
    from checker.logs import csv_reader, jsonl_reader, leader_log   # they import this module
    compiled = []
    for catalogue in (MESSAGES, timestamps.MESSAGES, leader_log.MESSAGES, csv_reader.ROW_MESSAGES,
                      jsonl_reader.ROW_MESSAGES):
        for entry in catalogue.values():
            parts = re.split(r"\{(\w+)\}", entry["en"])
            regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*)"
                            for i, part in enumerate(parts))
            compiled.append((re.compile(regex, re.S), entry))
    # The most specific template (longest fixed text) first.
    compiled.sort(key=lambda item: -len(re.sub(r"\{\w+\}", "", item[1]["en"])))
    return compiled


def localize_reason(text: str, lang: str = "zh") -> str:
    """A stored rejection reason in `lang`; unknown text is returned as it is."""
    global _patterns
    if lang == "en":
        return text
    if _patterns is None:
        _patterns = _compile()
    for pattern, entry in _patterns:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = match.groupdict()
        if "detail" in values:
            values["detail"] = localize_reason(values["detail"], lang)
        if "event" in values:
            values["event"] = vocab.EVENT_NAMES_ZH.get(values["event"], values["event"])
        if "column" in values:
            values["column"] = _COLUMN_ZH.get(values["column"], values["column"])
        return pick(entry, lang).format(**values)
    return text
