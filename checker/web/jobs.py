"""Long work (reading a large upload, an audit, a report) in a background thread; the page
polls its progress and moves on when it is done. The page never waits on the work."""

from __future__ import annotations

import secrets
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

from checker.errors import CheckerError, ErrorList


@dataclass
class Job:
    id: str
    next_url: str                       # where the page goes when the job is done
    phase: str = "job_reading"          # a key of checker.web.texts
    rows: int = 0
    done: bool = False
    error: str | None = None            # what the user reads when it failed
    started: float = field(default_factory=time.monotonic)
    result: Any = None

    def progress(self, rows: int) -> None:
        self.rows = rows

    def status(self) -> dict:
        return {"done": self.done, "error": self.error, "phase": self.phase, "rows": self.rows,
                "seconds": round(time.monotonic() - self.started, 1),
                "next": self.next_url if self.done and not self.error else None}


def checker_message(error: CheckerError, names: dict[str, str] | None = None) -> str:
    """A CheckerError as one readable text (several errors one per line), naming uploads as
    the user knows them, never by the server's own path."""
    errors = error.errors if isinstance(error, ErrorList) else [error]
    text = "\n".join(str(item) for item in errors)
    for stored, shown in (names or {}).items():
        text = text.replace(stored, shown)
    return text


def start_job(jobs: dict, next_url: str, work: Callable[[Job], Any],
              internal_error: Callable[[Exception], str], names: dict[str, str] | None = None) -> Job:
    """Run `work(job)` in a daemon thread; its CheckerError becomes the job's message."""
    job = Job(id=secrets.token_urlsafe(12), next_url=next_url)

    def run() -> None:
        try:
            job.result = work(job)
        except CheckerError as error:
            job.error = checker_message(error, names)
        except Exception as error:      # shown as one line; the traceback goes to the server log
            traceback.print_exc()
            job.error = internal_error(error)
        finally:
            job.done = True

    jobs[job.id] = job
    threading.Thread(target=run, name=f"hotline-check-job-{job.id}", daemon=True).start()
    return job
