"""Time the audit on a large log: reading, grouping and every rule.

The log is the sample month repeated with fresh ticket ids (each copy keeps the sample's
mix of scenarios and violations), written once to a cache folder, rows shuffled so the
reader cannot rely on ticket order.

    python benchmarks/bench_audit.py --tickets 100000
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

from checker.engine.audit import AuditOptions, run_audit
from checker.logs import read_logs
from checker.ruleset import load_ruleset

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "fixtures" / "sample-2024-05.csv"


def build_log(tickets: int, target: Path) -> int:
    with SAMPLE.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [row for row in reader if row[0]]
    per_copy = len({row[0] for row in rows})
    copies = max(1, tickets // per_copy)
    out_rows = [[f"{row[0]}-{copy}", *row[1:]] for copy in range(copies) for row in rows]
    random.Random(1).shuffle(out_rows)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(out_rows)
    return copies * per_copy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    args = parser.parse_args()
    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    target = cache / f"log-{args.tickets}.csv"
    if not target.exists():
        build_log(args.tickets, target)
    rules = load_ruleset()
    started = time.perf_counter()
    log = read_logs([str(target)], rules.tz)
    read_done = time.perf_counter()
    result = run_audit(log, rules, AuditOptions())
    audit_done = time.perf_counter()
    print(f"tickets {result.tickets:,}  rows {log.rows:,}  findings {len(result.findings):,}")
    print(f"read   {read_done - started:7.2f} s  ({log.rows / (read_done - started):,.0f} rows/s)")
    print(f"audit  {audit_done - read_done:7.2f} s  ({result.tickets / (audit_done - read_done):,.0f} tickets/s)")
    print(f"total  {audit_done - started:7.2f} s")


if __name__ == "__main__":
    main()
