"""A log audited bucket by bucket, in bounded memory, with the result of one run.

The inputs are split by ticket into a temporary folder (checker.buckets.split), removed at
the end whatever happens (an error, Ctrl-C). Each bucket is audited by the columnar engine at
the same as-of instant — the option's, or the latest instant of the whole log — so a
ticket's findings are what a single run finds for it. The results are put together as one
run puts them: findings in the audit's order (checker.finding_frame.finding_order), kept as columns, the data
notes in the order of the tickets' first rows in the input (the unit notes, then the urgency
notes, as checker.engine.data_quality gives them), each rule not checkable once with its
tickets summed, and every count summed.
"""

from __future__ import annotations

import math
import shutil
import signal
import tempfile
import threading

import polars as pl

from checker import limits
from checker.buckets.split import SplitLog, split_logs
from checker.columnar.in_order import WORKERS, in_order
from checker.finding_frame import combined, kept
from checker.model import AuditResult, Unjudged

# The order checker.engine.data_quality.ticket_notes gives the kinds of note in.
NOTE_KINDS = ("unknown_unit", "urgency_mismatch")
TEMPORARY_PREFIX = "hotline-check-buckets-"


def audit_in_buckets(files: list[str], ruleset, options, buckets: int, mapping=None,
                     progress=None, phase=None) -> tuple[AuditResult, SplitLog]:
    """(the audit result, the log as read) of `files` split into `buckets` buckets.
    `phase(bucket, buckets)`, when given, is told which bucket is audited."""
    folder = tempfile.mkdtemp(prefix=TEMPORARY_PREFIX)
    previous = _exit_on_terminate()
    try:
        log = split_logs(files, ruleset.tz, buckets, folder, mapping=mapping, progress=progress)
        return audit_split(log, ruleset, options, phase), log
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_terminate():
    """A scheduler stopping the job (SIGTERM) ends it as Ctrl-C does, through the `finally`
    that removes the folder; returns the handler to put back (None off the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupted(signum, frame):
        raise KeyboardInterrupt
    return signal.signal(signal.SIGTERM, interrupted)


def audit_split(log: SplitLog, ruleset, options, phase=None) -> AuditResult:
    """The buckets audited two at a time where two of them hold no more rows than a log read
    in memory may (IN_MEMORY_ROWS; in_order: each audit's Python beside the other's native
    work), else one after the other; their results put together in the buckets' order."""
    from checker.engine.audit import Audited, result_of
    as_of = options.as_of if options.as_of is not None else (log.latest or 0)
    merged = Audited(0, [], [], [], 0)
    parts = []
    notes: list[tuple] = []
    unjudged: dict[tuple, Unjudged] = {}

    def handed_out():
        """The buckets in turn, each said on the terminal (from this thread) as it starts."""
        for bucket in range(log.buckets):
            if phase is not None:
                phase(bucket, log.buckets)
            yield bucket

    def audit_bucket(bucket: int):
        from checker.columnar.audit import audit_frame
        frame = log.bucket_frame(bucket)
        if frame.height == 0:
            return None
        audited = audit_frame(frame, ruleset, options, as_of, log.unrecorded)
        # What is still running is only kept when asked for (--pending): a year to date holds
        # many open deadlines, and the findings are what stays in memory from bucket to bucket.
        findings = kept(audited.findings, options.pending, None)   # put in order once, at the end
        return audited, findings, _ordered_notes(audited.notes, frame, as_of)

    for done in in_order(audit_bucket, handed_out(), at_once(log)):
        if done is None:
            continue
        audited, findings, bucket_notes = done
        merged.tickets += audited.tickets
        merged.judged += audited.judged
        parts.append(findings)
        notes.extend(bucket_notes)
        for item in audited.unjudged:
            _add_unjudged(unjudged, item)
        del done, audited, findings
    merged.findings = combined(parts)
    notes.sort(key=lambda entry: entry[:2])
    merged.notes = [note for _, _, note in notes]
    merged.unjudged = sorted(unjudged.values(),
                             key=lambda item: (item.rule, item.check or "", item.reason, item.missing))
    return result_of(log, ruleset, options, as_of, merged)


def at_once(log: SplitLog) -> int:
    """How many buckets are audited at a time: two when two of them (of about equal size)
    hold no more rows than IN_MEMORY_ROWS, so that the buckets never hold more than a log
    read in memory would."""
    per_bucket = math.ceil(log.event_count / max(1, log.buckets))
    return WORKERS if WORKERS * per_bucket <= limits.int_limit("IN_MEMORY_ROWS") else 1


def _ordered_notes(notes: list, frame: pl.DataFrame, as_of: int) -> list[tuple]:
    """(kind's rank, first row of the ticket, note) of a bucket's notes: the key that puts
    the notes of all buckets in the order of one run."""
    if not notes:
        return []
    tickets = {note.ticket_id for note in notes}
    first = dict(frame.filter(pl.col("ticket_id").is_in(list(tickets)) & (pl.col("at") <= as_of))
                 .group_by("ticket_id").agg(pl.col("seq").min()).iter_rows())
    rank = {kind: number for number, kind in enumerate(NOTE_KINDS)}
    return [(rank.get(note.kind, len(NOTE_KINDS)), first.get(note.ticket_id, 0), note)
            for note in notes]


def _add_unjudged(merged: dict[tuple, Unjudged], item: Unjudged) -> None:
    key = (item.rule, item.check, item.reason, tuple(item.missing))
    if key not in merged:
        merged[key] = Unjudged(rule=item.rule, reason=item.reason, missing=list(item.missing),
                               check=item.check, tickets=item.tickets, sources=list(item.sources))
        return
    entry = merged[key]
    entry.tickets += item.tickets
    entry.sources = sorted(set(entry.sources) | set(item.sources))
