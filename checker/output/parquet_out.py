"""Findings as Parquet, for data platforms: one row per finding, the fields of the findings
JSON as typed columns (instants as timestamps in the rule set's timezone), each text the value
a JSON reader gets from the findings JSON (masked; each distinct value once). What the JSON holds besides the findings (the
rule set, as-of, the summary, rejected rows, rules not checkable, data-quality notes) is kept
as that JSON in the file's key-value metadata under `hotline_check`, so one file says
everything the audit said."""

from __future__ import annotations

import io
import json

import polars as pl
import pyarrow.parquet as parquet

from checker.model import AuditResult
from checker.output.finding_columns import INSTANT_FIELDS, result_frame, shown_per_distinct
from checker.output.json_out import KEYS, column_token, result_to_dict
from checker.output.sanitize import shown_output

METADATA_KEY = "hotline_check"


def findings_table(result: AuditResult) -> pl.DataFrame:
    """The findings as the Parquet file holds them."""
    frame = result_frame(result)
    columns = []
    for key, column in KEYS:
        values = frame.get_column(column)
        if column in INSTANT_FIELDS:
            values = pl.from_epoch(values, time_unit="s").dt.convert_time_zone(result.timezone)
        else:
            token = column_token(column)
            values = shown_per_distinct(values, lambda value, token=token: json.loads(token(value)))
        columns.append(values.alias(key))
    return pl.DataFrame(columns)


def render_parquet(result: AuditResult, lang: str = "zh") -> bytes:
    """Parquet is the same in every language: ids and the engine's messages."""
    table = findings_table(result).to_arrow()
    rest = shown_output(json.dumps(result_to_dict(result, findings=False), ensure_ascii=False))
    table = table.replace_schema_metadata({METADATA_KEY: rest})
    buffer = io.BytesIO()
    parquet.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()
