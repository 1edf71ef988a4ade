"""The routes of the workbench, page by page (each group in its own module)."""

from __future__ import annotations

from checker.web import pages_audit, pages_reports, pages_rules, pages_upload


def routes(bench) -> list:
    return (pages_upload.routes(bench) + pages_audit.routes(bench)
            + pages_reports.routes(bench) + pages_rules.routes(bench))
