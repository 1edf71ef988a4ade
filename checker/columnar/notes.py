"""The per-ticket engine's data-quality notes (checker/engine/data_quality.py) over columns:
a unit name the rule set lacks, once per ticket and name at its first row; an urgency flag
contradicting the ticket's class, at the ticket's first row stating one. The messages are
the reference's own, written once per distinct name or combination; the notes in its order:
the unit notes, then the urgency notes, each by the ticket's first position in the input."""

from __future__ import annotations

import numpy as np
import polars as pl

from checker.columnar.run import Run
from checker.columnar.table import NONE
from checker.engine.data_quality import unit_message, urgency_message
from checker.model import DataNote


def ticket_notes(run: Run, tickets: np.ndarray, lang: str) -> list:
    """The notes of the tickets in `tickets` (a mask)."""
    table = run.table
    if not table.rows:
        return []
    order = np.argsort(np.minimum.reduceat(table.frame.get_column("seq").to_numpy(), table.first_row),
                       kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return _unit_notes(run, tickets, rank, lang) + _urgency_notes(run, tickets, rank, lang)


def _unit_notes(run: Run, tickets: np.ndarray, rank: np.ndarray, lang: str) -> list:
    table = run.table
    units = table.frame.get_column("unit")
    unknown = (units.is_not_null() & ~units.is_in(list(run.ruleset.units))).to_numpy()
    rows = np.flatnonzero(unknown & tickets[table.tkey])
    if not len(rows):
        return []
    # A ticket's first row of each name (the rows are in the ticket's order), by ticket rank;
    # the names numbered on these rows only (a large log's rows are not numbered for this).
    number = units.gather(rows).to_physical().cast(pl.Int64).to_numpy()
    pair = table.tkey[rows].astype(np.int64) * (int(number.max()) + 1) + number
    _, first = np.unique(pair, return_index=True)
    rows = rows[first]
    rows = rows[np.lexsort((rows, rank[table.tkey[rows]]))]
    found = list(_columns(table, rows, "unit"))
    messages = {name: unit_message(run.ruleset, name, lang) for name in {name for _, name, _, _ in found}}
    return [DataNote(kind="unknown_unit", ticket_id=ticket_id, source=source, line=line,
                     message=messages[name]) for ticket_id, name, source, line in found]


def _urgency_notes(run: Run, tickets: np.ndarray, rank: np.ndarray, lang: str) -> list:
    table = run.table
    frame = table.frame
    flagged = table.first_in_ticket(frame.get_column("urgent").is_not_null().to_numpy())
    keys = np.flatnonzero((flagged != NONE) & tickets)
    if not len(keys):
        return []
    rows = flagged[keys]
    urgent = frame.get_column("urgent").gather(rows).to_numpy().astype(bool)
    attributes = table.tickets[keys].select("category", "deadline_class")
    classes = attributes.get_column("deadline_class").cast(pl.String).to_list()
    urgent_class = {name: run.ruleset.is_urgent_class(name) for name in set(classes)}
    differs = urgent != np.array([urgent_class[name] for name in classes], dtype=bool)
    keys, rows = keys[differs], rows[differs]
    if not len(keys):
        return []
    stated = table.first_in_ticket(frame.get_column("deadline_class").is_not_null().to_numpy())[keys] != NONE
    attributes = attributes.filter(pl.Series(differs))
    combos = list(zip(urgent[differs].tolist(), stated.tolist(),
                      attributes.get_column("category").cast(pl.String).to_list(),
                      attributes.get_column("deadline_class").cast(pl.String).to_list()))
    messages = {combo: urgency_message(run.ruleset, *combo, lang) for combo in set(combos)}
    said = [messages[combo] for combo in combos]
    placed = np.argsort(rank[keys], kind="stable")
    notes = [DataNote(kind="urgency_mismatch", ticket_id=ticket_id, source=source, line=line, message=message)
             for (ticket_id, _, source, line), message in zip(_columns(table, rows, "urgent"), said)]
    return [notes[index] for index in placed.tolist()]


def _columns(table, rows: np.ndarray, name: str):
    """(ticket id, the column `name`, source, line) of each row, as the events hold them."""
    part = table.frame.select(name, "source", "line")[rows].with_columns(
        pl.col(pl.Categorical).cast(pl.String))
    ids = table.tickets.get_column("ticket_id").gather(table.tkey[rows])
    return zip(ids.to_list(), *(part.get_column(column).to_list() for column in part.columns))
