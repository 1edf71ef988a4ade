"""How validation results are shown: text for people, JSON for tools, GitHub annotations and
JUnit XML for CI."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.validation.runner import FileReport, kind_name

FORMATS = ("text", "json", "github", "junit")

MESSAGES = {
    "valid_file": {"zh": "有效：{path}（{kind}）", "en": "valid: {path} ({kind})"},
    "all_valid": {"zh": "{files} 个文件有效", "en": "{files} file(s) valid"},
    "invalid": {"zh": "{errors} 个错误，涉及 {files} 个文件", "en": "{errors} error(s) in {files} file(s)"},
    "warnings": {"zh": "；{warnings} 个警告", "en": "; {warnings} warning(s)"},
}


def report_errors(reports: list[FileReport]) -> int:
    return sum(len(report.errors) for report in reports)


def render(reports: list[FileReport], output_format: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _RENDERERS[output_format](reports, lang)


def render_text(reports: list[FileReport], lang: str = DEFAULT_LANGUAGE) -> str:
    invalid = [report for report in reports if not report.valid]
    warnings = [str(warning) for report in reports for warning in report.warnings]
    counted = say(MESSAGES, "warnings", lang, warnings=len(warnings)) if warnings else ""
    if not invalid:
        lines = [say(MESSAGES, "valid_file", lang, path=report.path, kind=kind_name(report.kind, lang))
                 for report in reports]
        lines += warnings
        lines.append(say(MESSAGES, "all_valid", lang, files=len(reports)) + counted)
        return "\n".join(lines)
    lines = [str(error) for report in invalid for error in report.errors]
    errors = len(lines)
    lines += warnings
    lines.append(say(MESSAGES, "invalid", lang, errors=errors, files=len(invalid)) + counted)
    return "\n".join(lines)


def render_json(reports: list[FileReport], lang: str = DEFAULT_LANGUAGE) -> str:
    document = {
        "valid": all(report.valid for report in reports),
        "files": [
            {"path": report.path, "kind": report.kind, "valid": report.valid,
             "errors": [{"line": e.line, "column": e.column, "message": e.message} for e in report.errors],
             "warnings": [{"line": w.line, "column": w.column, "message": w.message} for w in report.warnings]}
            for report in reports
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def render_github(reports: list[FileReport], lang: str = DEFAULT_LANGUAGE) -> str:
    """GitHub Actions workflow commands: one `::error` annotation per error."""
    lines = []
    for report in reports:
        for level, items in (("error", report.errors), ("warning", report.warnings)):
            for error in items:
                properties = [f"file={_escape_property(error.file or report.path)}"]
                if error.line is not None:
                    properties.append(f"line={error.line}")
                    if error.column is not None:
                        properties.append(f"col={error.column}")
                lines.append(f"::{level} {','.join(properties)}::{_escape_data(error.message)}")
    if not report_errors(reports):
        lines.append(say(MESSAGES, "all_valid", lang, files=len(reports)))
    return "\n".join(lines)


def render_junit(reports: list[FileReport], lang: str = DEFAULT_LANGUAGE) -> str:
    """A JUnit XML test suite, one test case per file, failing with that file's errors."""
    failures = sum(1 for report in reports if not report.valid)
    root = ElementTree.Element("testsuites", name="hotline-check validate",
                               tests=str(len(reports)), failures=str(failures), errors="0")
    suite = ElementTree.SubElement(root, "testsuite", name="hotline-check validate",
                                   tests=str(len(reports)), failures=str(failures), errors="0")
    for report in reports:
        case = ElementTree.SubElement(suite, "testcase", classname=f"validate.{report.kind or 'unknown'}",
                                      name=report.path)
        if report.errors:
            failure = ElementTree.SubElement(case, "failure", message=report.errors[0].message,
                                             type="invalid")
            failure.text = "\n".join(str(error) for error in report.errors)
        if report.warnings:
            ElementTree.SubElement(case, "system-err").text = "\n".join(str(w) for w in report.warnings)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_RENDERERS = {"text": render_text, "json": render_json, "github": render_github, "junit": render_junit}
