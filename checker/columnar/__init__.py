"""The columnar engine: the same compiled checks as checker/engine/, evaluated over sorted
event columns (polars, numpy) instead of ticket by ticket. The per-ticket engine stays the
reference; where a check meets something this engine does not evaluate column-wise, the
affected tickets are judged by the reference engine (see checker/columnar/audit.py)."""
