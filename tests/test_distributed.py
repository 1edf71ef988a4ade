"""The same findings on Spark: the log partitioned by ticket id, each partition audited by
`audit_partition` inside `mapInArrow`, the union compared with one machine's audit."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from checker.columnar.partition import FINDING_SCHEMA, audit_partition, log_to_arrow
from checker.columnar.reader import read_logs_frame
from checker.engine.audit import AuditOptions, run_audit
from checker.ruleset import load_ruleset

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    path = tmp_path_factory.mktemp("spark") / "log.csv"
    generate.generate(300, path, first_day=date(2024, 9, 20), days=30, seed=11, shuffle=True,
                      violation_rate=0.1)
    return read_logs_frame([str(path)], load_ruleset().tz)


def rows(table: pa.Table) -> list[tuple]:
    return sorted(tuple(row.values()) for row in table.to_pylist())


def single_machine(log) -> list[tuple]:
    rules = load_ruleset()
    result = run_audit(log, rules, AuditOptions(engine="reference"))
    return sorted((f.ticket_id, f.rule, f.check, f.clause, f.severity, f.status, f.responsible,
                   f.unit, f.due, f.actual, f.message, f.note) for f in result.findings)


def test_partitions_by_ticket_give_the_findings_of_one_machine(log):
    rules = load_ruleset()
    as_of = int(log.frame.get_column("at").max())
    events = log_to_arrow(log)
    ids = events.column("ticket_id").to_pylist()
    parts = [events.filter(pa.array([hash(i) % 3 == k for i in ids])) for k in range(3)]
    union = pa.concat_tables([audit_partition(part, rules, as_of) for part in parts])
    assert rows(union) == single_machine(log) and union.num_rows > 0


def test_spark_local_mode(log):
    # CI installs the spark extra and a JRE (.ci/run): there the test must run.
    pyspark = (__import__("pyspark") if os.environ.get("CI")
               else pytest.importorskip("pyspark", reason="pip install '.[spark]' (needs a JRE)"))
    from pyspark.sql import SparkSession
    from pyspark.sql.pandas.types import from_arrow_schema

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("hotline-check-test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "3")
             .getOrCreate())
    try:
        as_of = int(log.frame.get_column("at").max())
        frame = spark.createDataFrame(log_to_arrow(log)).repartition(3, "ticket_id")

        def judge(batches):
            from checker.columnar.partition import audit_partition
            from checker.ruleset import load_ruleset
            batches = list(batches)
            if batches:
                table = pa.Table.from_batches(batches)
                yield from audit_partition(table, load_ruleset(), as_of).to_batches()

        found = frame.mapInArrow(judge, schema=from_arrow_schema(FINDING_SCHEMA)).toArrow()
    finally:
        spark.stop()
    assert pyspark.__version__ and rows(found) == single_machine(log)
