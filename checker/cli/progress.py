"""A progress bar on stderr for long logs, only when stderr is a terminal."""

from __future__ import annotations

import sys

SHOW_AFTER_ROWS = 100_000


class RowProgress:
    """Called with the running row count; draws nothing until the log proves long."""

    def __init__(self, label: str = "读取工单日志"):
        self._label = label
        self._progress = None
        self._task = None
        self._enabled = sys.stderr.isatty()

    def __call__(self, rows: int) -> None:
        if not self._enabled or rows < SHOW_AFTER_ROWS:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      TextColumn("{task.completed:,} 行"), TimeElapsedColumn(),
                                      console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self._label, total=None)
        self._progress.update(self._task, completed=rows)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


class Phase:
    """A spinner on stderr naming what runs now (核查 20,000 张工单…, 写出结果…) for a long log,
    so that no phase of a long run is silent; nothing when stderr is not a terminal."""

    def __init__(self, rows: int):
        self._enabled = sys.stderr.isatty() and rows >= SHOW_AFTER_ROWS
        self._status = None

    def show(self, label: str) -> None:
        if not self._enabled:
            return
        if self._status is None:
            from rich.console import Console
            self._status = Console(stderr=True).status(label)
            self._status.start()
        else:
            self._status.update(label)

    def close(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None
