"""JUnit XML for CI: a test suite per unit, a test case per ticket and rule.

A violation is a <failure>; a warning is reported in <system-out> (it should not fail a
build); a pending deadline is <skipped>; rejected input rows are <error>s of their own suite.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

from checker.model import AuditResult, Finding
from checker.output import audit_notes
from checker.output.labels import (by_unit, check_name, column_name, rule_name, source_name, text, rejected_reason,
                                   unit_name)
from checker.output.phrasing import with_aside
from checker.output.sanitize import mask_personal
from checker.timefmt import iso

# XML 1.0 forbids most control characters even when escaped.
_XML_ILLEGAL = dict.fromkeys(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))


def _xml_text(value) -> str:
    return "" if value is None else str(value).translate(_XML_ILLEGAL)


def _describe(finding: Finding, tz: ZoneInfo, lang: str) -> str:
    lines = [mask_personal(finding.message) or ""]
    if finding.check:
        lines.append(f"{column_name('check', lang)}: {with_aside(check_name(finding.check, lang), f'{finding.rule}/{finding.check}', lang)}")
    lines.append(f"{column_name('clause', lang)}: {finding.clause}")
    lines.append(f"{column_name('due', lang)}: {iso(finding.due, tz) or '—'}")
    lines.append(f"{column_name('actual', lang)}: {iso(finding.actual, tz) or '—'}")
    if finding.note:
        lines.append(f"{column_name('note', lang)}: {mask_personal(finding.note)}")
    return "\n".join(lines)


def _testcase(suite: ET.Element, classname: str, ticket: str, rule: str,
              findings: list[Finding], tz: ZoneInfo, lang: str) -> dict[str, int]:
    case = ET.SubElement(suite, "testcase", classname=_xml_text(classname),
                         name=_xml_text(f"{ticket} {rule} {rule_name(rule, lang)}"
                                        if rule_name(rule, lang) != rule else f"{ticket} {rule}"))
    violated = [f for f in findings if f.status == "violated" and f.severity == "violation"]
    warned = [f for f in findings if f.status == "violated" and f.severity != "violation"]
    pending = [f for f in findings if f.status == "pending"]
    if violated:
        failure = ET.SubElement(case, "failure", type="violation",
                                message=_xml_text(mask_personal(violated[0].message)))
        failure.text = _xml_text("\n\n".join(_describe(f, tz, lang) for f in violated))
    elif pending and not warned:
        ET.SubElement(case, "skipped", message=_xml_text(text("not_due", lang)))
    if warned:
        out = ET.SubElement(case, "system-out")
        out.text = _xml_text("\n\n".join(_describe(f, tz, lang) for f in warned))
    return {"tests": 1, "failures": int(bool(violated)), "errors": 0,
            "skipped": int(not violated and not warned and bool(pending))}


def _set_counts(element: ET.Element, counts: dict[str, int]) -> None:
    for key, value in counts.items():
        element.set(key, str(value))


def _notes_suite(root: ET.Element, result: AuditResult, lang: str) -> dict[str, int]:
    """A rule not checkable is a <skipped> case of its own suite; data notes go to its
    <system-out>. Neither fails a build: they say what the audit could not see."""
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if not result.unjudged and not result.data_notes:
        return counts
    name = audit_notes.title("unjudged", lang)
    suite = ET.SubElement(root, "testsuite", name=_xml_text(name))
    _ruleset_properties(suite, result)
    for item in result.unjudged:
        label, rule_id, *_ = audit_notes.unjudged_row(item, lang)
        case = ET.SubElement(suite, "testcase", classname=_xml_text(name),
                             name=_xml_text(f"{rule_id} {label}"))
        ET.SubElement(case, "skipped", message=_xml_text(audit_notes.unjudged_sentence(item, lang)))
        counts["tests"] += 1
        counts["skipped"] += 1
    if result.data_notes:
        out = ET.SubElement(suite, "system-out")
        out.text = _xml_text("\n".join(
            " | ".join(str(cell) for cell in audit_notes.data_note_row(note, lang) if cell != "")
            for note in result.data_notes))
    _set_counts(suite, counts)
    return counts


def _ruleset_properties(suite: ET.Element, result: AuditResult) -> None:
    """Which rule set judged the suite, as JUnit properties (CI shows them with the suite)."""
    if not result.ruleset_file:
        return
    properties = ET.SubElement(suite, "properties")
    for name, value in (("ruleset.id", result.ruleset_id), ("ruleset.file", result.ruleset_file),
                        ("ruleset.hash", result.ruleset_hash)):
        ET.SubElement(properties, "property", name=name, value=_xml_text(value))


def render_junit(result: AuditResult, lang: str = "zh") -> str:
    """The XML text, to be encoded as UTF-8 (what its declaration says and CI parsers read)."""
    tz = ZoneInfo(result.timezone)
    root = ET.Element("testsuites", name=_xml_text(result.ruleset_id))
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for unit, findings in by_unit(result.findings):
        name = unit_name(unit, lang)
        suite = ET.SubElement(root, "testsuite", name=_xml_text(name))
        _ruleset_properties(suite, result)
        cases: dict[tuple[str, str], list[Finding]] = {}
        for finding in findings:
            cases.setdefault((finding.ticket_id, finding.rule), []).append(finding)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for (ticket, rule), group in cases.items():
            for key, value in _testcase(suite, name, ticket, rule, group, tz, lang).items():
                counts[key] += value
        _set_counts(suite, counts)
        for key in totals:
            totals[key] += counts[key]
    if result.rejected:
        name = text("rejected_rows", lang)
        suite = ET.SubElement(root, "testsuite", name=_xml_text(name))
        _ruleset_properties(suite, result)
        for rejected in result.rejected:
            case = ET.SubElement(suite, "testcase", classname=_xml_text(name),
                                 name=_xml_text(f"{source_name(rejected)}:{rejected.line}"))
            reason = _xml_text(rejected_reason(rejected, lang))
            error = ET.SubElement(case, "error", type="rejected", message=reason)
            error.text = reason
        counts = {"tests": len(result.rejected), "failures": 0,
                  "errors": len(result.rejected), "skipped": 0}
        _set_counts(suite, counts)
        for key in totals:
            totals[key] += counts[key]
    counts = _notes_suite(root, result, lang)
    for key in totals:
        totals[key] += counts[key]
    _set_counts(root, totals)
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
