"""A row the file-format reader could not turn into cells (an unbalanced quote, bytes that do
not decode, a JSON line nested past the bound): it travels in place of the cells, with its
reason, and becomes a rejected row at its own line while the rows after it are still read."""

from __future__ import annotations


class BadRow:
    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason

    def __repr__(self) -> str:
        return f"BadRow({self.reason!r})"
