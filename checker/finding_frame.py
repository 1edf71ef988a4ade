"""Findings as one frame: what the columnar engine hands over instead of a `Finding` per
finding, in the audit's order, with the `Finding` objects built only if a caller reads them.

The frame holds the columns the writers read (checker.output.finding_columns.SCHEMA) and two
more: `_order`, the last key of the audit's order (the cycle's start or the trigger's
instant), and `_detail`, the finding's `detail` as JSON text, so a finding built from the
frame is the one the per-ticket engine builds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Iterable

import polars as pl

from checker.model import Finding
from checker.output.labels import unit_rank
from checker.output.finding_columns import SCHEMA

ORDER, DETAIL = "_order", "_detail"
FRAME_SCHEMA = {**SCHEMA, ORDER: pl.Int64, DETAIL: pl.String}
# finding_order as columns: a missing unit, check or note sorts as "",
# a missing instant as 0; Python's order of strings is the byte order of their UTF-8.
_ORDER_KEYS = (("unit", ""), ("ticket_id", None), ("due", 0), ("rule", None), ("check", ""),
               ("actual", 0), ("status", None), ("message", None), ("note", ""), (ORDER, None))


def order_value(detail: dict) -> int:
    return detail.get("start") or detail.get("trigger") or 0


def finding_order(finding: Finding):
    """Unit, ticket, due time, rule, check; then what else tells two findings apart, so the
    order is the same whatever the engine and the row order of the log."""
    return (finding.unit or "", finding.ticket_id, finding.due or 0, finding.rule, finding.check or "",
            finding.actual or 0, finding.status, finding.message, finding.note or "",
            order_value(finding.detail))


def frame_of_findings(findings: Iterable[Finding]) -> pl.DataFrame:
    """Finding objects (the per-ticket engine's, or any) as the columns of FRAME_SCHEMA."""
    findings = list(findings)
    columns = {name: [getattr(finding, name) for finding in findings] for name in SCHEMA}
    columns[ORDER] = [order_value(finding.detail) for finding in findings]
    columns[DETAIL] = [json.dumps(finding.detail, ensure_ascii=False) for finding in findings]
    return pl.DataFrame(columns, schema=FRAME_SCHEMA)


def findings_of_frame(frame: pl.DataFrame) -> list[Finding]:
    names = list(SCHEMA)
    return [Finding(**dict(zip(names, values)), detail=json.loads(detail))
            for *values, detail in frame.select(*names, DETAIL).iter_rows()]


def sort_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The findings in the audit's order (stable: equal keys keep their order)."""
    keys = [pl.col(name) if empty is None else pl.col(name).fill_null(empty)
            for name, empty in _ORDER_KEYS]
    return frame.sort(keys, maintain_order=True)


class FindingList(Sequence):
    """The findings of a frame as a read-only sequence of Finding objects, built on first use.
    Counting and writing them (`frame`) builds none."""

    def __init__(self, frame: pl.DataFrame):
        self.frame = frame
        self._built: list[Finding] | None = None

    def _objects(self) -> list[Finding]:
        if self._built is None:
            self._built = findings_of_frame(self.frame)
        return self._built

    def __len__(self) -> int:
        return self.frame.height

    def __getitem__(self, index):
        return self._objects()[index]

    def __iter__(self):
        return iter(self._objects())

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FindingList({self.frame.height} findings)"


def frame_of(findings) -> pl.DataFrame:
    """The frame of a FindingList, or of a list of findings."""
    return findings.frame if isinstance(findings, FindingList) else frame_of_findings(findings)


def combined(parts: Iterable) -> FindingList:
    """Findings of several parts (FindingLists or lists) as one FindingList, in part order."""
    frames = [frame_of(part) for part in parts]
    frames = [frame for frame in frames if frame.height] or [frame_of_findings([])]
    return FindingList(pl.concat(frames, how="vertical") if len(frames) > 1 else frames[0])


def counts(findings) -> dict:
    """{(severity, status): number} of findings, without building them from a frame."""
    if isinstance(findings, FindingList):
        grouped = findings.frame.group_by("severity", "status").len()
        return {(severity, status): count for severity, status, count in grouped.iter_rows()}
    result: dict = {}
    for finding in findings:
        key = (finding.severity, finding.status)
        result[key] = result.get(key, 0) + 1
    return result


def kept(findings, pending: bool, unit: str | None):
    """The findings an audit reports, in their order as given: those still running only with
    `pending`, only the unit's with `unit`."""
    if isinstance(findings, FindingList):
        frame = findings.frame
        if not pending:
            frame = frame.filter(pl.col("status") != "pending")
        if unit:
            frame = frame.filter(pl.col("unit") == unit)
        return FindingList(frame)
    return [finding for finding in findings if (pending or finding.status != "pending")
            and (not unit or finding.unit == unit)]


def reported(findings, pending: bool, unit: str | None):
    """`kept`, in the audit's order."""
    chosen = kept(findings, pending, unit)
    if isinstance(chosen, FindingList):
        return FindingList(sort_frame(chosen.frame))
    return sorted(chosen, key=finding_order)


def with_more(findings, more: list[Finding]):
    """`findings` (a FindingList or a list) and `more`, in the audit's order."""
    if isinstance(findings, FindingList):
        return FindingList(sort_frame(combined([findings, more]).frame))
    return sorted([*findings, *more], key=finding_order)


def unit_counts(findings) -> list[tuple[str | None, dict]]:
    """Per unit (None: no unit), units with most findings first as labels.by_unit orders
    them: {"violation", "warning", "pending": number} of its findings, counted from the frame
    without building them."""
    counted: dict[str | None, dict] = {}
    if isinstance(findings, FindingList):
        kinds = findings.frame.select(
            pl.col("unit").replace("", None),
            pl.when(pl.col("status") == "pending").then(pl.lit("pending")).otherwise(pl.col("severity"))
            .alias("kind")).group_by("unit", "kind").len()
        for unit, kind, number in kinds.iter_rows():
            counted.setdefault(unit, {})[kind] = number
    else:
        for finding in findings:
            kind = "pending" if finding.status == "pending" else finding.severity
            tally = counted.setdefault(finding.unit or None, {})
            tally[kind] = tally.get(kind, 0) + 1
    return sorted(counted.items(), key=lambda item: unit_rank(item[0], sum(item[1].values())))


def first_of_unit(findings, unit: str | None, count: int) -> list[Finding]:
    """The first `count` findings of `unit` (None: those without a unit), in their order;
    from a frame only these are built."""
    if isinstance(findings, FindingList):
        column = pl.col("unit")
        chosen = (column.is_null() | (column == "")) if unit is None else column == unit
        return findings_of_frame(findings.frame.filter(chosen).head(count))
    return [finding for finding in findings if (finding.unit or None) == unit][:count]
