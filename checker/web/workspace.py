"""One session's work in memory: the uploaded files (in its own temporary folder, under
names the server chose), the mapping, the log read, the audit result, the jobs.

The audit result stays in memory so that paging and filtering 100,000 tickets costs a pass
over a list, not a new audit."""

from __future__ import annotations

import secrets
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class UploadedFile:
    name: str               # as the user's computer called it: shown, never used as a path
    path: Path              # where the server stored it: its own folder, its own name
    kind: str               # csv, xlsx, jsonl, parquet …
    size: int


@dataclass
class Audited:
    """A finished audit and what the pages derive from it."""
    log: Any                            # checker.logs.LogData
    ruleset: Any                        # checker.ruleset.RuleSet
    result: Any                         # checker.model.AuditResult
    ticket_days: dict[str, str]         # ticket -> first dispatch day (YYYY-MM-DD)
    ticket_events: dict[str, list]      # ticket -> its events, so one is explained without a pass over all
    months: list[str]                   # months of first dispatch, newest first
    unknown_units: list[tuple[str, int, list[str]]] = field(default_factory=list)
    unknown_categories: list[tuple[str, int, list[str]]] = field(default_factory=list)
    selections: dict = field(default_factory=dict)   # filters -> (findings chosen, counts)


class Workspace:
    def __init__(self, folder: Path):
        self.folder = folder
        self.files: list[UploadedFile] = []
        self.proposed: Any = None                 # (mapping_form.Proposed, other files' names)
        self.mapping_text: str | None = None      # the mapping file confirmed by the user
        self.mapping_path: Path | None = None     # where it was saved in the working folder
        self.audited: Audited | None = None
        self.cache: dict[tuple, Any] = {}         # (page, parameters) -> built report or list
        self.building: dict[tuple, Any] = {}      # (page, parameters) -> the job building it
        self.jobs: dict[str, Any] = {}
        self.lock = threading.Lock()
        self._counter = 0

    @classmethod
    def create(cls, root: Path) -> "Workspace":
        folder = Path(root) / secrets.token_hex(8)
        folder.mkdir(mode=0o700)
        return cls(folder)

    def new_file_path(self, kind: str) -> Path:
        """A fresh path for an upload: a number and the format's extension, nothing the user sent."""
        with self.lock:
            self._counter += 1
            return self.folder / f"upload-{self._counter:04d}.{kind}"

    def add_files(self, files: list[UploadedFile]) -> None:
        with self.lock:
            self.files.extend(files)
            self.proposed = None
            self.reset_results()

    def clear_files(self) -> None:
        with self.lock:
            for uploaded in self.files:
                uploaded.path.unlink(missing_ok=True)
            self.files = []
            self.proposed = None
            self.mapping_text = None
            self.mapping_path = None
            self.reset_results()

    def reset_results(self) -> None:
        self.audited = None
        self.cache = {}
        self.building = {}

    def display_names(self) -> dict[str, str]:
        """Stored path -> the name the user knows the file by (for messages and sources)."""
        return {str(uploaded.path): uploaded.name for uploaded in self.files}

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
