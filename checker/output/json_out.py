"""The findings JSON of DESIGN.md (schema: schemas/findings.schema.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from zoneinfo import ZoneInfo

from checker.model import AuditResult, Finding, Rejected
from checker.output.audit_notes import data_note_to_dict, unjudged_to_dict
from checker.output.sanitize import mask_personal
from checker.timefmt import iso


# A finding's message is its check's, and notes repeat: each text is masked once.
_masked = lru_cache(maxsize=1 << 16)(mask_personal)


def finding_to_dict(finding: Finding, tz: ZoneInfo) -> dict:
    return {
        "ticket_id": finding.ticket_id,
        "rule": finding.rule,
        "clause": finding.clause,
        "severity": finding.severity,
        "unit": finding.unit,
        "due": iso(finding.due, tz),
        "actual": iso(finding.actual, tz),
        "message": _masked(finding.message),
        "status": finding.status,
        "check": finding.check,
        "responsible": finding.responsible,
        "note": _masked(finding.note),
        "ruleset_version": finding.version,
    }


def rejected_to_dict(rejected: Rejected) -> dict:
    entry = {"source": rejected.source, "line": rejected.line,
             "reason": mask_personal(rejected.reason)}
    if rejected.sheet is not None:
        entry["sheet"] = rejected.sheet
    return entry


def result_to_dict(result: AuditResult) -> dict:
    tz = ZoneInfo(result.timezone)
    return {
        "ruleset": {"id": result.ruleset_id, "source": result.ruleset_source,
                    "file": result.ruleset_file, "hash": result.ruleset_hash,
                    **({"versions": result.ruleset_versions} if result.ruleset_versions else {})},
        "as_of": iso(result.as_of, tz),
        "summary": result.summary(),
        "findings": [finding_to_dict(finding, tz) for finding in result.findings],
        "rejected": [rejected_to_dict(rejected) for rejected in result.rejected],
        "unjudged": [unjudged_to_dict(item) for item in result.unjudged],
        "data_notes": [data_note_to_dict(note) for note in result.data_notes],
    }


def render_json(result: AuditResult, lang: str = "zh") -> str:
    """JSON is the same in every language: ids and the engine's messages, not display names."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=2) + "\n"
