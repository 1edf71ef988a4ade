"""Reading ticket logs: CSV (UTF-8, UTF-8 with BOM, GB18030), JSON Lines and XLSX, in the
canonical long layout or adapted by a mapping file (renames, vocabularies, wide layout)."""

from checker.logs.mapping import Mapping, load_mapping
from checker.logs.reader import LogData, read_logs
from checker.logs.rows import localize_reason
from checker.logs.timestamps import parse_instant

__all__ = ["LogData", "Mapping", "load_mapping", "localize_reason", "parse_instant", "read_logs"]
