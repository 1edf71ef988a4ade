"""The domain objects shared by the readers, the engine and the reports.

Instants are integers (seconds since the epoch, UTC) on the hot path: comparing and
adding them costs nothing, and the calendar answers day questions from tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Event:
    ticket_id: str
    event: str                      # canonical name from checker.vocabulary.EVENTS
    at: int                         # epoch seconds
    seq: int                        # position in the input, for a stable order at equal times
    source: str = ""                # file the row came from
    line: int = 0                   # line (CSV/JSONL) or row (XLSX) of that file
    unit: str | None = None
    actor: str | None = None
    category: str | None = None
    deadline_class: str | None = None
    urgent: bool | None = None
    key_category: str | None = None
    resolved: bool | None = None
    satisfaction: str | None = None
    promised_at: int | None = None
    outcome: str | None = None
    channel: str | None = None
    note: str | None = None


@dataclass(slots=True)
class Rejected:
    source: str
    line: int
    reason: str
    sheet: str | None = None


@dataclass(slots=True)
class Ticket:
    ticket_id: str
    events: list[Event]             # ordered by (at, seq)
    category: str | None = None
    deadline_class: str = "other"
    urgent: bool = False
    key_category: str | None = None
    channel: str | None = None
    rules: object = None            # the rule set version judging it (a folder of versions); None: none in force

    def first_dispatch(self) -> Event | None:
        """The first `dispatched` event: it fixes the ticket's month and its dated values."""
        return next((event for event in self.events if event.event == "dispatched"), None)


@dataclass(slots=True)
class Finding:
    ticket_id: str
    rule: str
    clause: str
    severity: str                   # violation | warning
    unit: str | None
    due: int | None                 # epoch seconds
    actual: int | None
    message: str
    status: str = "violated"        # violated | pending
    check: str | None = None        # the named check of a multi-check rule
    responsible: str = "unit"       # unit | office
    note: str | None = None         # the note of the event the finding is about (masked on output)
    detail: dict = field(default_factory=dict)   # how the due time was computed, for explain
    version: str | None = None      # the rule set version file that judged it (a folder of versions)


@dataclass(slots=True)
class DataNote:
    """A data-quality note: something the input says that the audit had to read or assume.

    Not a finding of the notice: an unknown unit name, an urgency flag that contradicts the
    class, an extension whose approval time the export lacks. `kind` is a stable key
    (`unknown_unit`, `urgency_mismatch`, `assumed_approval`, ...); `message` is shown as is.
    """
    kind: str
    message: str
    ticket_id: str | None = None
    source: str = ""
    line: int = 0
    rule: str | None = None


@dataclass(slots=True)
class Unjudged:
    """A rule (or one named check) the audit could not judge, reported once, not per ticket.

    `reason` is `unrecorded` (the source does not record an event the rule needs: `missing`
    names the events), or `no_calendar` (a due time needs a year the calendar lacks: `missing`
    names the years); `tickets` counts the tickets it concerned.
    """
    rule: str
    reason: str
    missing: list[str]
    check: str | None = None
    tickets: int = 0
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class AuditResult:
    """Everything an audit found, ready for any renderer."""
    ruleset_id: str
    ruleset_source: str
    timezone: str                   # e.g. Asia/Shanghai, for showing instants
    as_of: int
    rows: int
    events: int
    tickets: int
    findings: list[Finding]         # or a checker.finding_frame.FindingList (built on first use)
    rejected: list[Rejected]
    inputs: list[str] = field(default_factory=list)
    data_notes: list[DataNote] = field(default_factory=list)
    unjudged: list[Unjudged] = field(default_factory=list)
    judged: int = 0                  # (ticket, check) evaluations completed: 0 with tickets = nothing judged
    ruleset_file: str = ""           # the rule set file used, as the user named or configured it
    ruleset_hash: str = ""           # short content hash of that file
    ruleset_versions: list[dict] = field(default_factory=list)   # a folder: {file, hash, from, until} each

    @property
    def finding_frame(self):
        """The findings as columns (checker.finding_frame), built from the objects when the
        audit gave objects."""
        from checker.finding_frame import frame_of
        return frame_of(self.findings)

    def _count(self, severity: str | None, status: str) -> int:
        from checker.finding_frame import counts
        return sum(number for (kind, state), number in counts(self.findings).items()
                   if state == status and severity in (None, kind))

    @property
    def violations(self) -> int:
        return self._count("violation", "violated")

    @property
    def warnings(self) -> int:
        return self._count("warning", "violated")

    @property
    def pending(self) -> int:
        return self._count(None, "pending")

    def summary(self) -> dict:
        return {"rows": self.rows, "events": self.events, "rejected": len(self.rejected),
                "tickets": self.tickets, "violations": self.violations,
                "warnings": self.warnings, "pending": self.pending}
