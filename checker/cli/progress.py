"""What a long command is doing, on stderr, only when stderr is a terminal.

Every command reading a log (`audit`, `report`, `remind`, `explain`, `diff --log`) says each
phase with its counts — reading N rows, checking N tickets, writing — once the log proves
long (SHOW_AFTER_ROWS); a short log, a pipe or a file gets nothing, so outputs and
scripts never see it.
"""

from __future__ import annotations

import sys

from checker.i18n import run_language, say

SHOW_AFTER_ROWS = 100_000

PHASES = {
    "reading": {"zh": "正在读取工单日志：已读 {rows:,} 行…", "en": "reading the ticket log: {rows:,} rows…"},
    "checking": {"zh": "正在核查 {tickets:,} 张工单（{events:,} 个事件）…",
                 "en": "checking {tickets:,} tickets ({events:,} events)…"},
    "checking_month": {"zh": "正在核查 {tickets:,} 张工单（{events:,} 个事件），统计 {month} 的三率和排名…",
                       "en": "checking {tickets:,} tickets ({events:,} events) for the rates and ranking of {month}…"},
    "checking_at": {"zh": "正在核查 {tickets:,} 张工单（{events:,} 个事件）在该时刻的期限…",
                    "en": "checking the deadlines of {tickets:,} tickets ({events:,} events) at that instant…"},
    "checking_both": {"zh": "正在按新旧两个规则集核查 {tickets:,} 张工单（{events:,} 个事件）…",
                      "en": "checking {tickets:,} tickets ({events:,} events) under both rule sets…"},
    "finding_ticket": {"zh": "正在从 {events:,} 个事件中查找工单 {ticket}…",
                       "en": "finding ticket {ticket} among {events:,} events…"},
    "trend": {"zh": "正在逐月统计 {months} 个月的三率…", "en": "computing the rates of {months} months side by side…"},
    "writing": {"zh": "正在写出 {what}…", "en": "writing {what}…"},
    "bucket": {"zh": "正在核查第 {bucket}/{buckets} 桶（日志已按工单分桶）…",
               "en": "checking bucket {bucket} of {buckets} (the log split by ticket)…"},
}

WHAT = {
    "findings": {"zh": "{count:,} 项结果", "en": "{count:,} findings"},
    "report": {"zh": "通报", "en": "the report"},
    "reminders": {"zh": "{count:,} 项提醒", "en": "{count:,} reminders"},
}


def on_terminal() -> bool:
    return sys.stderr.isatty()


def phase_text(key: str, lang: str | None = None, **counts) -> str:
    return say(PHASES, key, lang or run_language(), **counts)


def what_text(key: str, lang: str | None = None, **counts) -> str:
    return say(WHAT, key, lang or run_language(), **counts)


def ticket_count(log) -> int:
    """How many tickets a log holds (read into columns or as events)."""
    frame = getattr(log, "frame", None)
    if frame is not None:
        return frame.get_column("ticket_id").n_unique() if frame.height else 0
    return len({event.ticket_id for event in log.events})


class _Status:
    """One spinner line on stderr (rich), started on the first label, replaced by each next one."""

    def __init__(self):
        self._status = None

    def draw(self, label: str) -> None:
        if self._status is None:
            from rich.console import Console
            self._status = Console(stderr=True).status(label)
            self._status.start()
        else:
            self._status.update(label)

    def stop(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None


class RowProgress:
    """Called by the readers with the running row count; draws nothing until the log proves long."""

    def __init__(self, lang: str | None = None):
        self._lang = lang
        self._enabled = on_terminal()
        self._status = _Status()

    def __call__(self, rows: int) -> None:
        if self._enabled and rows >= SHOW_AFTER_ROWS:
            self._status.draw(phase_text("reading", self._lang, rows=rows))

    def close(self) -> None:
        self._status.stop()


class Phase:
    """The phases after reading (核查 20,000 张工单…, 写出结果…) for a long log; nothing when stderr
    is not a terminal. Use as a context manager: the line is gone when the command ends."""

    def __init__(self, log, lang: str | None = None):
        self._log = log
        self._lang = lang
        self._enabled = on_terminal() and getattr(log, "rows", 0) >= SHOW_AFTER_ROWS
        self._status = _Status()

    def checking(self, key: str = "checking", **values) -> None:
        """A checking phase, with the log's tickets and events counted (only when shown)."""
        if self._enabled:
            from checker.engine.audit import frame_height   # with polars: only once a log was read
            self._status.draw(phase_text(key, self._lang, tickets=ticket_count(self._log),
                                         events=frame_height(self._log), **values))

    def show(self, key: str, **values) -> None:
        if self._enabled:
            self._status.draw(phase_text(key, self._lang, **values))

    def writing(self, what: str, **counts) -> None:
        if self._enabled:
            self._status.draw(phase_text("writing", self._lang, what=what_text(what, self._lang, **counts)))

    def close(self) -> None:
        self._status.stop()

    def __enter__(self) -> "Phase":
        return self

    def __exit__(self, *_) -> None:
        self.close()
