"""The yardstick: three of the Nanzheng checks as one hand-written DuckDB query.

- acceptance-1h (2.1.2): every dispatch or redispatch made on a workday of the official
  calendar, or of an urgent ticket, must be accepted within 1 hour; its cycle ends at the
  next acceptance, or at the next (re)dispatch or the closing, whichever comes first.
- feedback-deadline (2.1.3): every dispatch, redispatch or return must be followed by
  feedback within 3 h (emergency), 24 h (basic living) or 5 natural days (other: the start
  day not counted, due at 24:00 of the fifth day, holidays included); an extension approved
  by the office, with a promised time, at or before the due time then in force, moves the due
  time to the promised one (extensions apply in turn).
- return-after-visit (2.3.3): a visit that is unresolved or unsatisfied must be followed by a
  return before the ticket is closed.

Deadlines are inclusive; the log is judged at its latest instant. The classes, their
categories, the office's names and the calendar come from the shipped rule files, read as
data; everything else is written here again in SQL, independently of the checker's engines.
Events at the same instant are ordered by a ticket's life order.

    python benchmarks/duckdb_checks.py LOG [--out flagged.json]

prints the number of flagged tickets per check; --out writes the ticket ids. Needs duckdb
(the `bench` extra).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
import yaml

HERE = Path(__file__).resolve().parent
RULES = HERE.parent / "rules" / "nanzheng-2024.yaml"
CALENDAR = HERE.parent / "rules" / "calendars" / "cn-mainland.yaml"

LIFE = ("received", "dispatched", "redispatched", "head_notified", "accepted", "citizen_contacted",
        "coordinated", "progress", "extension_requested", "extension_approved", "extension_rejected",
        "archive_requested", "archive_approved", "archive_rejected", "citizen_informed", "feedback",
        "visited", "returned", "reminded", "closed")

QUERY = """
WITH raw AS (
  SELECT ticket_id, event, {at} AS at_text, actor, category, deadline_class, urgent, resolved,
         satisfaction, {promised} AS promised_text
  FROM {source}
),
ev AS (
  SELECT r.ticket_id, r.event, l.rank AS life, r.actor, r.category, r.deadline_class, r.urgent,
         r.resolved, r.satisfaction,
         epoch(strptime(r.at_text, '%Y-%m-%d %H:%M:%S'))::BIGINT - 28800 AS t,
         epoch(strptime(r.promised_text, '%Y-%m-%d %H:%M:%S'))::BIGINT - 28800 AS promised
  FROM raw r JOIN life l ON l.event = r.event
),
o AS (
  SELECT *, row_number() OVER (PARTITION BY ticket_id ORDER BY t, life) AS pos FROM ev
),
tk AS (
  SELECT ticket_id,
         arg_min(category, pos) FILTER (WHERE category IS NOT NULL) AS category,
         arg_min(deadline_class, pos) FILTER (WHERE deadline_class IS NOT NULL) AS explicit_class,
         arg_min(urgent, pos) FILTER (WHERE urgent IS NOT NULL) AS explicit_urgent
  FROM o GROUP BY ticket_id
),
tc AS (
  SELECT tk.ticket_id,
         coalesce(tk.explicit_class, exact.cls, head.cls, 'other') AS cls
  FROM tk
  LEFT JOIN classes exact ON exact.category = tk.category
  LEFT JOIN classes head ON head.category = trim(regexp_extract(tk.category, '^(.*?)[-/／>·:：—]', 1))
),
t AS (
  SELECT tc.ticket_id, tc.cls,
         coalesce(lower(tk.explicit_urgent) IN ('true', '1', 'yes', '是', 'y'),
                  tc.cls IN (SELECT cls FROM urgent_classes)) AS urgent
  FROM tc JOIN tk USING (ticket_id)
),
latest AS (SELECT max(t) AS at FROM ev),
acc AS (   -- a start's cycle ends at the next acceptance, (re)dispatch or closing
  SELECT ticket_id, event, t, lead(t) OVER (PARTITION BY ticket_id ORDER BY pos) AS term
  FROM o WHERE event IN ('accepted', 'dispatched', 'redispatched', 'closed')
),
fb AS (     -- … at the next feedback, (re)dispatch, return or closing
  SELECT ticket_id, event, t, pos,
         lead(t) OVER (PARTITION BY ticket_id ORDER BY pos) AS term,
         lead(pos) OVER (PARTITION BY ticket_id ORDER BY pos) AS term_pos
  FROM o WHERE event IN ('feedback', 'dispatched', 'redispatched', 'returned', 'closed')
),
rv AS (
  SELECT ticket_id, event, pos,
    min(CASE WHEN event = 'closed' THEN pos END) OVER f AS close_pos,
    min(CASE WHEN event = 'returned' THEN pos END) OVER f AS return_pos,
    event = 'visited' AND (lower(resolved) IN ('false', '0', 'no', '否', '未解决', 'n')
                           OR satisfaction IN ('unsatisfied', '不满意')) AS bad_visit
  FROM o WHERE event IN ('visited', 'returned', 'closed')
  WINDOW f AS (PARTITION BY ticket_id ORDER BY pos ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
),
acceptance AS (
  SELECT DISTINCT w.ticket_id
  FROM acc w JOIN t USING (ticket_id) JOIN cal ON cal.day = (w.t + 28800) // 86400, latest
  WHERE w.event IN ('dispatched', 'redispatched') AND (cal.work OR t.urgent)
    AND coalesce(w.term, latest.at) > w.t + 3600
),
fb_start AS (
  SELECT w.ticket_id, w.pos, w.term_pos AS fb_term_pos, w.term AS fb_term,
         CASE t.cls WHEN 'emergency' THEN w.t + 3 * 3600
                    WHEN 'basic_living' THEN w.t + 24 * 3600
                    ELSE ((w.t + 28800) // 86400 + 6) * 86400 - 28800 END AS base_due
  FROM fb w JOIN t USING (ticket_id)
  WHERE w.event IN ('dispatched', 'redispatched', 'returned')
),
ext AS (
  SELECT s.ticket_id, s.pos,
         list({{'at': e.t, 'due': e.promised}} ORDER BY e.pos) AS chain
  FROM fb_start s JOIN o e ON e.ticket_id = s.ticket_id AND e.pos > s.pos
       AND e.pos < coalesce(s.fb_term_pos, 9223372036854775807)
  WHERE e.event = 'extension_approved' AND e.promised IS NOT NULL
    AND e.actor IN (SELECT name FROM office)
  GROUP BY s.ticket_id, s.pos
),
feedback AS (
  SELECT DISTINCT s.ticket_id
  FROM fb_start s LEFT JOIN ext USING (ticket_id, pos), latest
  WHERE coalesce(s.fb_term, latest.at) >
        CASE WHEN ext.chain IS NULL THEN s.base_due
             ELSE list_reduce(ext.chain,
                              lambda acc, x: CASE WHEN x.at <= acc.due THEN x ELSE acc END,
                              {{'at': 0::BIGINT, 'due': s.base_due}}).due END
),
returns AS (
  SELECT DISTINCT ticket_id FROM rv
  WHERE bad_visit AND close_pos IS NOT NULL AND (return_pos IS NULL OR return_pos > close_pos)
)
SELECT 'acceptance-1h' AS rule, ticket_id FROM acceptance
UNION ALL SELECT 'feedback-deadline', ticket_id FROM feedback
UNION ALL SELECT 'return-after-visit', ticket_id FROM returns
"""


def _source(path: str) -> tuple[str, str, str]:
    """(FROM clause, at expression, promised_at expression) for a log file."""
    quoted = path.replace("'", "''")
    if path.endswith(".parquet"):
        return f"read_parquet('{quoted}')", '"at"', "promised_at"
    if path.endswith((".jsonl", ".ndjson")):
        return (f"read_json('{quoted}', format = 'newline_delimited', columns = {{{_json_columns()}}})",
                '"at"', "promised_at")
    return f"read_csv('{quoted}', header = true, all_varchar = true)", '"at"', "promised_at"


def _json_columns() -> str:
    names = ("ticket_id", "event", "at", "unit", "actor", "category", "deadline_class", "urgent",
             "key_category", "resolved", "satisfaction", "promised_at", "outcome", "channel", "note")
    return ", ".join(f"'{name}': 'VARCHAR'" for name in names)


def _tables(connection) -> None:
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    calendar = yaml.safe_load(CALENDAR.read_text(encoding="utf-8"))
    connection.execute("CREATE TEMP TABLE life(event VARCHAR, rank INTEGER)")
    connection.executemany("INSERT INTO life VALUES (?, ?)", [(e, i) for i, e in enumerate(LIFE)])
    connection.execute("CREATE TEMP TABLE classes(category VARCHAR, cls VARCHAR)")
    pairs = {}
    for cls, categories in rules["classification"]["by_category"].items():
        for category in categories:
            pairs.setdefault(category, cls)
    connection.executemany("INSERT INTO classes VALUES (?, ?)", list(pairs.items()))
    connection.execute("CREATE TEMP TABLE urgent_classes(cls VARCHAR)")
    connection.executemany("INSERT INTO urgent_classes VALUES (?)",
                           [(k,) for k, v in rules["classes"].items() if v.get("urgent")])
    office = rules["office"]
    connection.execute("CREATE TEMP TABLE office(name VARCHAR)")
    connection.executemany("INSERT INTO office VALUES (?)",
                           [(name,) for name in {office["actor"], *office.get("aliases", ())}])
    # The official calendar as one row per day: a make-up day works, a holiday or weekend rests.
    rows = []
    epoch = date(1970, 1, 1).toordinal()
    for year, block in calendar["years"].items():
        holidays, makeup = set(), set()
        for entry in block.get("holidays") or ():
            first, last = date.fromisoformat(str(entry["from"])), date.fromisoformat(str(entry["to"]))
            holidays.update(range(first.toordinal(), last.toordinal() + 1))
        for entry in block.get("workdays") or ():
            makeup.add(date.fromisoformat(str(entry["date"])).toordinal())
        for ordinal in range(date(int(year), 1, 1).toordinal(), date(int(year), 12, 31).toordinal() + 1):
            work = ordinal in makeup or (ordinal not in holidays and date.fromordinal(ordinal).weekday() < 5)
            rows.append((ordinal - epoch, work))
    connection.execute("CREATE TEMP TABLE cal(day BIGINT, work BOOLEAN)")
    connection.executemany("INSERT INTO cal VALUES (?, ?)", rows)


def flagged(path: str) -> dict[str, list[str]]:
    connection = duckdb.connect()
    # On a shared machine DuckDB's default (80 % of RAM) can be more than is free: the bound
    # and the folder it spills to past it (default: the system's temporary folder, not the
    # working folder) can be set.
    connection.execute(f"SET temp_directory = '{os.environ.get('DUCKDB_TEMP_DIRECTORY', tempfile.gettempdir())}'")
    if os.environ.get("DUCKDB_MEMORY_LIMIT"):
        connection.execute(f"SET memory_limit = '{os.environ['DUCKDB_MEMORY_LIMIT']}'")
    _tables(connection)
    source, at, promised = _source(path)
    rows = connection.execute(QUERY.format(source=source, at=at, promised=promised)).fetchall()
    result: dict[str, list[str]] = {"acceptance-1h": [], "feedback-deadline": [], "return-after-visit": []}
    for rule, ticket in rows:
        result[rule].append(ticket)
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Three Nanzheng checks as one DuckDB query.")
    parser.add_argument("log")
    parser.add_argument("--out", type=Path, default=None, help="write the flagged ticket ids (JSON)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    result = flagged(args.log)
    seconds = time.perf_counter() - started
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    counts = "  ".join(f"{rule} {len(tickets):,}" for rule, tickets in result.items())
    print(f"duckdb {seconds:.2f} s  {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
