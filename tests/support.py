"""Builders for engine tests: events written the way a log states them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from checker.engine.audit import AuditOptions, run_audit
from checker.model import Event

SHANGHAI = ZoneInfo("Asia/Shanghai")


def instant(text: str) -> int:
    """'2024-05-06 10:00[:ss]' in Asia/Shanghai → epoch seconds."""
    return int(datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).timestamp())


class Log:
    """A hand-written log: `log.add("T1", "dispatched", "2024-05-06 09:00", unit="汉山街道")`."""

    def __init__(self):
        self.events: list[Event] = []
        self.rejected: list = []
        self.sources = ["test"]

    @property
    def rows(self) -> int:
        return len(self.events)

    def add(self, ticket_id: str, event: str, at: str, **fields) -> "Log":
        if "promised_at" in fields and isinstance(fields["promised_at"], str):
            fields["promised_at"] = instant(fields["promised_at"])
        self.events.append(Event(ticket_id=ticket_id, event=event, at=instant(at),
                                 seq=len(self.events), source="test", line=len(self.events) + 2,
                                 **fields))
        return self


def audit(log: Log, ruleset, as_of: str | None = None, pending: bool = False, lang: str = "zh"):
    options = AuditOptions(as_of=instant(as_of) if as_of else None, pending=pending, lang=lang)
    return run_audit(log, ruleset, options)


def found(result, rule: str | None = None, ticket: str | None = None, check: str | None = None):
    return [f for f in result.findings
            if (rule is None or f.rule == rule) and (ticket is None or f.ticket_id == ticket)
            and (check is None or f.check == check)]


def report_as(report: dict, fmt: str):
    """The monthly report in `fmt` as its user opens it: text for md/html/json, bytes otherwise."""
    from checker.products.report.formats import FORMATS, render_report
    data = render_report(report, fmt)
    return data if FORMATS[fmt].binary else data.decode("utf-8")


def render_markdown(report: dict) -> str:
    return report_as(report, "md")


def render_html(report: dict) -> str:
    return report_as(report, "html")


def render_xlsx(report: dict) -> bytes:
    return report_as(report, "xlsx")


def render_json(report: dict) -> str:
    return report_as(report, "json")
