"""The one error type users see: a message tied to a file, and a line and column when known."""

from __future__ import annotations


class CheckerError(Exception):
    """A user-facing error. Never shown as a traceback: the CLI prints `str(error)`."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        if self.file is None and self.line is None:
            return self.message
        return f"{self.location()}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.message}


class ErrorList(CheckerError):
    """Several errors found in one pass (a rule file with many mistakes)."""

    def __init__(self, errors: list[CheckerError]):
        first = errors[0] if errors else None
        super().__init__("; ".join(str(e) for e in errors),
                         file=first.file if first else None, line=first.line if first else None,
                         column=first.column if first else None)
        self.errors = errors

    def __str__(self) -> str:
        return self.message
