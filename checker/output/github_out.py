"""GitHub Actions workflow commands: one annotation per finding, rejected rows at their line.

Escaping follows the workflow-command rules: in the message `%`, CR and LF are
percent-encoded; in a property value `:` and `,` are too.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from checker.model import AuditResult, Finding
from checker.output import audit_notes
from checker.output.labels import column_name, rejected_reason, rule_name, ruleset_used, summary_line
from checker.output.sanitize import mask_personal
from checker.timefmt import iso

_LEVEL = {"violation": "error", "warning": "warning"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _title(rule: str, lang: str) -> str:
    name = rule_name(rule, lang)
    return rule if name == rule else f"{rule} {name}"


def _finding_line(finding: Finding, tz: ZoneInfo, lang: str) -> str:
    # A deadline still ahead is news, not a fault: it is a notice whatever its severity.
    level = "notice" if finding.status == "pending" else _LEVEL.get(finding.severity, "error")
    parts = [finding.ticket_id]
    if finding.unit:
        parts.append(finding.unit)
    parts.append(f"[{finding.clause}]")
    text = " ".join(parts) + ": " + (mask_personal(finding.message) or "")
    times = []
    if finding.due is not None:
        times.append(f"{column_name('due', lang)} {iso(finding.due, tz)}")
    times.append(f"{column_name('actual', lang)} {iso(finding.actual, tz) or '—'}")
    text += " (" + ", ".join(times) + ")"
    return f"::{level} title={escape_property(_title(finding.rule, lang))}::{escape_data(text)}"


def _notes_lines(result: AuditResult, lang: str) -> list[str]:
    """A rule not checkable is a warning (the audit is incomplete); a data note is a notice."""
    lines = [f"::warning title={escape_property(audit_notes.title('unjudged', lang))}::"
             f"{escape_data(audit_notes.unjudged_sentence(item, lang))}" for item in result.unjudged]
    for note in result.data_notes:
        ticket, kind, message, source, line = audit_notes.data_note_row(note, lang)
        where = f"file={escape_property(source)}," if source else ""
        where += f"line={line}," if line else ""
        lines.append(f"::notice {where}title={escape_property(kind)}::"
                     f"{escape_data(f'{ticket}: {message}' if ticket else message)}")
    return lines


def render_github(result: AuditResult, lang: str = "zh") -> str:
    tz = ZoneInfo(result.timezone)
    lines = [_finding_line(finding, tz, lang) for finding in result.findings]
    for rejected in result.rejected:
        where = f"file={escape_property(rejected.source)},line={rejected.line}" \
            if rejected.line else f"file={escape_property(rejected.source)}"
        reason = rejected_reason(rejected, lang)
        if rejected.sheet is not None:
            reason = f"[{rejected.sheet}] {reason}"
        lines.append(f"::error {where}::{escape_data(reason)}")
    lines += _notes_lines(result, lang)
    summary = summary_line(result.summary(), lang) + audit_notes.summary_suffix(result, lang)
    if result.ruleset_file:
        summary += "\n" + ruleset_used(result.ruleset_file, result.ruleset_hash, lang,
                                     result.ruleset_versions)
    lines.append(f"::notice::{escape_data(summary)}")
    return "\n".join(lines) + "\n"
