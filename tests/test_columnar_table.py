"""The columnar engine's sorted event table: every ticket's rows together, in the order the
per-ticket engine reads them (time, life order, input order), whatever the ids hash to and
however far apart the instants and input positions lie."""

from __future__ import annotations

import polars as pl
import pytest

from checker.columnar import table as event_table
from checker.columnar.table import EVENT_NAMES, build_table, frame_of_events
from checker.engine.audit import AuditOptions, run_audit
from checker.errors import CheckerError
from checker.model import Event
from checker.ruleset import load_ruleset
from support import instant


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def events():
    """Three tickets, rows shuffled; T2 has two events at one instant logged against their
    life order, T3 two of one kind at one instant (input order decides)."""
    rows = [("T3", "accepted", "2024-05-06 10:00", 7), ("T1", "dispatched", "2024-05-06 09:00", 0),
            ("T2", "accepted", "2024-05-07 09:00", 1), ("T3", "dispatched", "2024-05-06 09:30", 3),
            ("T2", "dispatched", "2024-05-07 09:00", 5), ("T1", "accepted", "2024-05-06 09:40", 2),
            ("T3", "accepted", "2024-05-06 10:00", 4), ("T2", "feedback", "2024-05-08 09:00", 6)]
    return [Event(ticket, name, instant(moment), seq, "log.csv", seq + 2, unit="区住建局")
            for ticket, name, moment, seq in rows]


def read_back(table):
    """(ticket id, event, input position) of each sorted row."""
    ids = table.tickets.get_column("ticket_id").to_list()
    return [(ids[key], EVENT_NAMES[code], seq) for key, code, seq in
            zip(table.tkey.tolist(), table.code.tolist(), table.column("seq").tolist())]


EXPECTED = {"T1": [("T1", "dispatched", 0), ("T1", "accepted", 2)],
            "T2": [("T2", "dispatched", 5), ("T2", "accepted", 1), ("T2", "feedback", 6)],
            "T3": [("T3", "dispatched", 3), ("T3", "accepted", 4), ("T3", "accepted", 7)]}


def by_ticket(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    return grouped


def test_each_tickets_rows_together_in_the_per_ticket_engines_order(rules):
    table = build_table(frame_of_events(events()), rules, instant("2024-06-01 00:00"))
    rows = read_back(table)
    assert by_ticket(rows) == EXPECTED
    # Contiguous: each ticket's rows form one run, and the run of key k is first_row[k]..end_row[k].
    ids = [row[0] for row in rows]
    runs = [ids[0]] + [after for before, after in zip(ids, ids[1:]) if after != before]
    assert len(runs) == len(set(runs)) == len(table.first_row)
    for key, (first, end) in enumerate(zip(table.first_row.tolist(), table.end_row.tolist())):
        assert set(table.tkey[first:end].tolist()) == {key} and len(set(ids[first:end])) == 1
    assert table.first_row[0] == 0 and table.end_row[-1] == table.rows
    assert table.events(list(range(table.rows))).get_column("ticket_id").to_list() == [r[0] for r in rows]


def test_ticket_ids_of_one_hash_are_still_told_apart(rules, monkeypatch):
    monkeypatch.setattr(pl.Series, "hash", lambda series: pl.zeros(series.len(), pl.UInt64, eager=True))
    table = build_table(frame_of_events(events()), rules, instant("2024-06-01 00:00"))
    assert len(table.first_row) == 3
    assert by_ticket(read_back(table)) == EXPECTED


def test_input_positions_and_instants_too_far_apart_to_pack_sort_the_same(rules):
    far = [Event(e.ticket_id, e.event, e.at, e.seq << 40, e.source, e.line, unit=e.unit) for e in events()]
    table = build_table(frame_of_events(far), rules, instant("2024-06-01 00:00"))
    assert {ticket: [(t, name, seq >> 40) for t, name, seq in rows]
            for ticket, rows in by_ticket(read_back(table)).items()} == EXPECTED
    assert table.frame.schema["seq"] == pl.Int64 and table.frame.schema["line"] == pl.Int32


def test_findings_the_same_when_every_id_shares_one_hash(rules, monkeypatch, tmp_path):
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import generate
    from checker.logs import read_logs
    path = tmp_path / "log.csv"
    generate.generate(150, path, seed=4, shuffle=True, violation_rate=0.2)
    log = read_logs([str(path)], rules.tz)
    options = AuditOptions(engine="columnar", pending=True)
    plain = run_audit(log, rules, options).findings
    monkeypatch.setattr(event_table.pl.Series, "hash", lambda series: pl.zeros(series.len(), pl.UInt64, eager=True))
    shared = run_audit(log, rules, options).findings
    assert plain and plain == shared


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York", "Asia/Kolkata"])
@pytest.mark.parametrize("spread", ["one year, every hour", "instants decades apart"])
def test_local_days_and_workdays_per_instant_as_the_calendar_says(rules, zone, spread):
    from zoneinfo import ZoneInfo

    import numpy as np

    from checker.calendar.clocks import local_days
    from checker.columnar import days as day_tables
    tz = ZoneInfo(zone)
    start = instant("2024-01-01 00:00")
    at = np.arange(start, start + 366 * 86400, 3599) if spread.startswith("one year") else \
        np.array([start - 30 * 365 * 86400 + 7, start + 3600 * 15, start + 10 * 365 * 86400 - 1, start])
    days = local_days(tz)
    ordinals = day_tables.local_ordinals(at, tz)
    assert ordinals.tolist() == [days.ordinal_of(int(moment)) for moment in at.tolist()]
    work, covered = day_tables.workday_table(ordinals, rules.calendar)
    for ordinal, is_work, known in zip(ordinals.tolist(), work.tolist(), covered.tolist()):
        try:
            expected = rules.calendar.is_workday_ordinal(ordinal)
        except CheckerError:                # a year the calendar lacks: not covered, not guessed
            assert not known
        else:
            assert known and is_work == expected
    assert covered.any()
