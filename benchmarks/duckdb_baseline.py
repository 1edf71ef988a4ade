"""The yardstick: three of the Nanzheng rules as one hand-written DuckDB query, on the same log.

acceptance within 1 hour (when dispatched on a weekday or urgent — weekends only, no holiday
table), feedback within 3 h / 24 h / 5 natural days by category, head notification within
30 minutes. It is a simplified reading (no redispatch, return or extension cycles), so it
is a lower bound of the work, not an equivalent. Needs `pip install duckdb` (benchmark only).

    python benchmarks/duckdb_baseline.py benchmarks/.cache/log-100000.csv
"""

from __future__ import annotations

import sys
import time

import duckdb

QUERY = """
WITH ev AS (
  SELECT ticket_id, event, CAST("at" AS TIMESTAMP) AS ts, category
  FROM read_csv(?, header = true, all_varchar = true)
  WHERE ticket_id IS NOT NULL AND TRY_CAST("at" AS TIMESTAMP) IS NOT NULL
),
t AS (
  SELECT ticket_id,
         min(ts) FILTER (WHERE event = 'dispatched') AS dispatched,
         min(ts) FILTER (WHERE event = 'accepted') AS accepted,
         min(ts) FILTER (WHERE event = 'feedback') AS feedback,
         min(ts) FILTER (WHERE event = 'head_notified') AS notified,
         any_value(category) FILTER (WHERE category IS NOT NULL) AS category
  FROM ev GROUP BY ticket_id
),
c AS (
  SELECT *, CASE WHEN category IN ('突发事件', '道路塌陷', '安全事故') THEN 'emergency'
                 WHEN split_part(category, '-', 1) IN ('停水', '供水', '停电', '供电') THEN 'basic_living'
                 ELSE 'other' END AS cls
  FROM t WHERE dispatched IS NOT NULL
)
SELECT
  count(*) FILTER (WHERE (dayofweek(dispatched) BETWEEN 1 AND 5 OR cls <> 'other')
                   AND coalesce(accepted, TIMESTAMP '9999-01-01') > dispatched + INTERVAL 1 HOUR),
  count(*) FILTER (WHERE coalesce(feedback, TIMESTAMP '9999-01-01') >
        CASE cls WHEN 'emergency' THEN dispatched + INTERVAL 3 HOUR
                 WHEN 'basic_living' THEN dispatched + INTERVAL 24 HOUR
                 ELSE CAST(CAST(dispatched AS DATE) + 6 AS TIMESTAMP) END),
  count(*) FILTER (WHERE cls <> 'other'
                   AND coalesce(notified, TIMESTAMP '9999-01-01') > dispatched + INTERVAL 30 MINUTE)
FROM c
"""


def main() -> None:
    path = sys.argv[1]
    started = time.perf_counter()
    counts = duckdb.execute(QUERY, [path]).fetchone()
    print(f"duckdb  {time.perf_counter() - started:7.2f} s  acceptance {counts[0]:,}  "
          f"feedback {counts[1]:,}  head-notification {counts[2]:,}")


if __name__ == "__main__":
    main()
