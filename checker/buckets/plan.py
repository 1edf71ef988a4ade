"""Whether a log is audited in memory or in buckets, and in how many.

The rows of the inputs are counted (Parquet: from the file's metadata, exactly; other
formats: estimated from the file size) without reading them. Up to IN_MEMORY_ROWS rows the
log is read whole; past it, it is split into about BUCKET_ROWS rows a bucket (both in
checker/limits.py, each changeable with HOTLINE_CHECK_LIMIT_<NAME>). `--buckets N` forces N.
"""

from __future__ import annotations

import math
import os

from checker import limits
from checker.errors import CheckerError
from checker.i18n import say

# A canonical CSV row of a real export is 80–120 bytes; an XLSX row compresses to about 40; a
# JSON Lines record, which names its keys, 150 (empty keys left out) to 300 (written as null).
BYTES_PER_ROW = {".xlsx": 40, ".jsonl": 200, ".ndjson": 200}
DEFAULT_BYTES_PER_ROW = 80
MAX_BUCKETS = 10_000

TEXT = {
    "engine": {"zh": "分桶核查只用于列式引擎与单个规则集文件（当前为{what}）：请去掉 --buckets，"
                     "或把日志按工单分成几部分分别核查",
               "en": "auditing in buckets needs the columnar engine and a single rule set file "
                     "(here: {what}): drop --buckets, or split the log by ticket and audit the parts"},
    "reference": {"zh": "参照引擎", "en": "the reference engine"},
    "versions": {"zh": "规则集版本文件夹", "en": "a folder of rule set versions"},
    "too_many": {"zh": "--buckets 应在 1 到 {most} 之间", "en": "--buckets must be between 1 and {most}"},
}


def estimated_rows(files: list[str]) -> int:
    total = 0
    for path in files:
        extension = os.path.splitext(path)[1].lower()
        if extension == ".parquet":
            try:
                import pyarrow.parquet as pq
                total += pq.ParquetFile(path).metadata.num_rows
                continue
            except Exception:        # not Parquet: the reader says so when it opens it
                pass
        try:
            size = os.path.getsize(path)
        except OSError:
            continue
        total += size // BYTES_PER_ROW.get(extension, DEFAULT_BYTES_PER_ROW)
    return total


def bucket_count(files: list[str], forced: int | None, engine: str, versions: bool,
                 lang: str = "zh") -> int:
    """0 to read the log in memory, else the number of buckets. Forced buckets with an
    engine or rule set that cannot use them stop with a message; above the bound they are
    only used where they can be."""
    if forced is not None and not 1 <= forced <= MAX_BUCKETS:
        raise CheckerError(say(TEXT, "too_many", lang, most=MAX_BUCKETS))
    usable = engine == "columnar" and not versions
    if forced is not None:
        if not usable:
            what = say(TEXT, "versions" if versions else "reference", lang)
            raise CheckerError(say(TEXT, "engine", lang, what=what))
        return forced
    if not usable:
        return 0
    rows = estimated_rows(files)
    if rows <= limits.int_limit("IN_MEMORY_ROWS"):
        return 0
    return min(MAX_BUCKETS, max(2, math.ceil(rows / limits.int_limit("BUCKET_ROWS"))))
