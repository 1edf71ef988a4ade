"""Findings as CSV for Excel: one row per finding, headers in the report language, every text
cell masked and defused (DESIGN.md: cells starting with = + - @ are neutralised)."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from checker.model import AuditResult, Finding
from checker.output import audit_notes
from checker.output.labels import (column_name, overdue_minutes, rule_name, ruleset_ref,
                                   status_name, verdict_name)
from checker.output.sanitize import mask_personal, neutralize_formula
from checker.timefmt import short

CSV_COLUMNS = ("ticket_id", "unit", "rule", "rule_name", "clause", "severity", "status", "due",
               "actual", "overdue_minutes", "message", "note", "ruleset_file")


def finding_row(finding: Finding, tz: ZoneInfo, lang: str, ruleset: str = "") -> list:
    """The spreadsheet row of a finding; instants as `YYYY-MM-DD HH:MM`, which Excel reads
    as dates; `ruleset` names the rule set that judged it (file@hash)."""
    minutes = overdue_minutes(finding)
    row = [
        finding.ticket_id,
        finding.unit or "",
        finding.rule,
        rule_name(finding.rule, lang),
        finding.clause,
        verdict_name(finding, lang),
        status_name(finding.status, lang),
        short(finding.due, tz),
        short(finding.actual, tz),
        "" if minutes is None else minutes,
        mask_personal(finding.message) or "",
        mask_personal(finding.note) or "",
        ruleset,
    ]
    return [neutralize_formula(cell) if isinstance(cell, str) else cell for cell in row]


def render_csv(result: AuditResult, lang: str = "zh") -> str:
    tz = ZoneInfo(result.timezone)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column_name(column, lang) for column in CSV_COLUMNS])
    ruleset = ruleset_ref(result.ruleset_file, result.ruleset_hash)
    by_version = {version["file"]: ruleset_ref(version["file"], version["hash"])
                  for version in result.ruleset_versions}
    for finding in result.findings:
        writer.writerow(finding_row(finding, tz, lang, by_version.get(finding.version, ruleset)))
    _write_notes(writer, result, lang)
    return buffer.getvalue()


def _write_notes(writer, result: AuditResult, lang: str) -> None:
    """Below the findings, after a blank line each: the rules not checkable, the data notes.
    One file keeps what a reader must not miss; a spreadsheet user sees them under the list."""
    for _, title, headers, rows in audit_notes.sections(result, lang):
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(headers)
        for row in rows:
            writer.writerow([neutralize_formula(cell) if isinstance(cell, str) else cell for cell in row])
