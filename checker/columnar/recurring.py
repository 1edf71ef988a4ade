"""Rule kind `recurring`: not evaluated column-wise yet; the tickets it applies to (an
applying opening event) are judged by the per-ticket engine (checker/engine/recurring.py)."""

from __future__ import annotations

import numpy as np

from checker.columnar import predicates
from checker.columnar.run import Run


def evaluate(check, run: Run) -> None:
    table = run.table
    rows = np.flatnonzero(table.is_event(check.spec["from"]))
    applies, failed = predicates.evaluate(check.applies, check.spec.get("applies_when"), table,
                                          rows, run.fields, run.workday)
    run.hand_over_rows(rows, applies | failed)
