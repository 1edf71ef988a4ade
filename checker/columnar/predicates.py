"""The rule files' conditions and actor tests over columns: each distinct combination of the
values a condition reads is judged once by the per-ticket engine's own compiled predicate
(checker/conditions.py) or actor test, and the answer spread back over the rows."""

from __future__ import annotations

import numpy as np
import polars as pl

from checker.columnar.table import TICKET_FIELDS, EventTable
from checker.errors import CheckerError
from checker.model import Event, Ticket

_EVENT_FIELDS = ("unit", "actor", "category", "deadline_class", "urgent", "key_category",
                 "resolved", "satisfaction", "promised_at", "outcome", "channel", "note")


def condition_fields(condition) -> set[str]:
    """Every field a condition names."""
    if not condition:
        return set()
    if isinstance(condition, list):
        return set().union(*(condition_fields(part) for part in condition))
    found = set()
    for key in ("all", "any"):
        if key in condition:
            found |= condition_fields(condition[key])
    if "not" in condition:
        found |= condition_fields(condition["not"])
    if "field" in condition:
        found.add(condition["field"])
    return found


def evaluate(predicate, condition, table: EventTable, rows: np.ndarray, fields, workday: np.ndarray):
    """The predicate on the ticket and event of each row in `rows`, and where it could not
    be answered (a day of a year the calendar lacks: the per-ticket engine says so)."""
    if not condition or len(rows) == 0:
        return np.ones(len(rows), dtype=bool), np.zeros(len(rows), dtype=bool)
    names = condition_fields(condition)
    columns = {}
    for name in sorted(names):
        if name.startswith("event."):
            column = name[len("event."):]
            if column == "on_workday":
                columns[name] = pl.Series(workday[rows])
            elif column in table.frame.columns:
                columns[name] = table.frame.get_column(column).gather(rows)
    for name in _ticket_fields(names):
        columns["ticket." + name] = table.tickets.get_column(name).gather(table.tkey[rows])
    if not columns:                        # the condition reads nothing that varies
        columns["_none"] = pl.repeat(None, len(rows), eager=True)
    first, group = groups_of(columns)
    verdict = np.zeros(len(first), dtype=bool)
    unanswered = np.zeros(len(first), dtype=bool)
    for number, position in enumerate(first):
        row = int(rows[position])
        event = stand_in_event(table, row)
        ticket = stand_in_ticket(table, int(table.tkey[row]), event)
        try:
            verdict[number] = bool(predicate(ticket, event, fields))
        except CheckerError:
            unanswered[number] = True
    return verdict[group], unanswered[group]


def groups_of(columns: dict) -> tuple[list[int], np.ndarray]:
    """The rows of equal values in every one of `columns` (Series of one length) as groups:
    (each group's first position, each position's group number)."""
    keys = pl.DataFrame(columns).with_row_index("_row")
    groups = keys.group_by(list(columns)).agg(pl.col("_row").first().alias("_first"),
                                              pl.col("_row").alias("_rows"))
    members = groups.select(pl.int_range(pl.len()).alias("_group"), "_rows").explode("_rows")
    group = np.empty(keys.height, dtype=np.int64)
    group[members.get_column("_rows").to_numpy()] = members.get_column("_group").to_numpy()
    return groups.get_column("_first").to_list(), group


def _ticket_fields(names: set[str]) -> tuple[str, ...]:
    """The ticket attributes the condition's fields read (`key_ticket`: the key category;
    every one of them for a name this does not know)."""
    wanted = {"key_category" if name == "key_ticket" else name
              for name in names if not name.startswith("event.")} - {"unit"}
    return tuple(name for name in TICKET_FIELDS if name in wanted) if wanted <= set(TICKET_FIELDS) \
        else TICKET_FIELDS


def stand_in_event(table: EventTable, row: int) -> Event:
    values = table.frame.row(row, named=True)
    return Event(table.tickets.get_column("ticket_id")[values["tkey"]], values["event"], values["at"], values["seq"],
                 values["source"] or "", values["line"] or 0,
                 **{name: values[name] for name in _EVENT_FIELDS})


def stand_in_ticket(table: EventTable, tkey: int, event: Event) -> Ticket:
    attributes = table.tickets.row(tkey, named=True)
    return Ticket(attributes["ticket_id"], [event],
                  **{name: attributes[name] for name in TICKET_FIELDS})


def actor_matches(context, table: EventTable, actor, unrecorded: np.ndarray | None = None) -> np.ndarray:
    """Per row: whether its actor is the rule's `actor` (every row when the rule names none),
    as the per-ticket engine's `TicketContext.actor_matches` reads it; `unrecorded`, per row:
    its actor is one the source does not record, which matches any."""
    if actor is None:
        return np.ones(table.rows, dtype=bool)
    number, actors = table.dictionary("actor")
    verdict = [context.actor_matches(Event("_", "received", 0, 0, actor=name), actor)
               for name in [*actors, None]]            # number -1, the last: no actor logged
    matches = np.array(verdict, dtype=bool)[number]
    return matches if unrecorded is None else matches | unrecorded
