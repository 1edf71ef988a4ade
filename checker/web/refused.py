"""A request the workbench refuses, worded for the clerk: a key of checker.web.texts, the
values it names, and the HTTP status of the page that says it."""

from __future__ import annotations


class Refused(Exception):
    def __init__(self, key: str, status: int = 400, **values):
        super().__init__(key)
        self.key, self.status, self.values = key, status, values
