"""The outcome of a rule set's own test cases (checker.ruletests) as text, JSON, GitHub
workflow annotations or JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from checker.i18n import DEFAULT_LANGUAGE, pick, say
from checker.model import Finding
from checker.output.github_out import escape_data, escape_property
from checker.output.labels import column_name, severity_name, status_name
from checker.resources import shown_path
from checker.ruletests import INSTANT_KEYS, CaseResult, Expected, Suite, summary
from checker.timefmt import iso, local_text, short

FORMATS = ("text", "json", "github", "junit")

MESSAGES = {
    "heading": {"zh": "规则集测试：{path}（规则集 {ruleset}）",
                "en": "Rule set tests: {path} (rule set {ruleset})"},
    "missing": {"zh": "缺少", "en": "missing"},
    "unexpected": {"zh": "多出", "en": "unexpected"},
    "rates": {"zh": "考核", "en": "rates"},
    "summary": {"zh": "{total} 个用例：{passed} 个通过，{failed} 个失败",
                "en": "{total} cases: {passed} passed, {failed} failed"},
    "ticket": {"zh": "工单 {ticket}", "en": "ticket {ticket}"},
    "never": {"zh": "—（未发生）", "en": "— (never)"},
    "case_failed": {"zh": "用例“{name}”未通过", "en": "case '{name}' failed"},
    "written_at": {"zh": "（{where}）", "en": " ({where})"},
}


def _when(epoch: int | None, suite: Suite, lang: str) -> str:
    return say(MESSAGES, "never", lang) if epoch is None else local_text(epoch, suite.ruleset.tz, lang)


def describe_expected(item: Expected, suite: Suite, lang: str = DEFAULT_LANGUAGE) -> str:
    values = item.values
    parts = [values["rule"] + (f"/{values['check']}" if "check" in values else ""),
             say(MESSAGES, "ticket", lang, ticket=values["ticket"])]
    if "severity" in values:
        parts.append(severity_name(values["severity"], lang))
    parts.append(status_name(values["status"], lang))
    for key in ("unit", "clause"):
        if key in values:
            parts.append(f"{column_name(key, lang)} {values[key]}")
    for key in INSTANT_KEYS:
        if key in values:
            parts.append(f"{column_name(key, lang)} {_when(values[key], suite, lang)}")
    return "  ".join(parts)


def describe_finding(finding: Finding, suite: Suite, lang: str = DEFAULT_LANGUAGE) -> str:
    label = finding.rule + (f"/{finding.check}" if finding.check else "")
    parts = [label, say(MESSAGES, "ticket", lang, ticket=finding.ticket_id),
             severity_name(finding.severity, lang), status_name(finding.status, lang)]
    if finding.unit:
        parts.append(f"{column_name('unit', lang)} {finding.unit}")
    parts.append(f"{column_name('due', lang)} {_when(finding.due, suite, lang)}")
    parts.append(f"{column_name('actual', lang)} {_when(finding.actual, suite, lang)}")
    return "  ".join(parts)


def difference_lines(result: CaseResult, suite: Suite, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """What differs, one line per missing or unexpected finding."""
    lines = [f"{say(MESSAGES, 'missing', lang)}  {describe_expected(item, suite, lang)}"
             + say(MESSAGES, "written_at", lang, where=f"{suite.path}:{item.line}")
             for item in result.missing]
    lines += [f"{say(MESSAGES, 'unexpected', lang)}  {describe_finding(finding, suite, lang)}"
              for finding in result.unexpected]
    lines += [f"{say(MESSAGES, 'rates', lang)}  {problem}" for problem in result.rate_mismatches]
    return lines


def render(suite: Suite, results: list[CaseResult], output_format: str,
           lang: str = DEFAULT_LANGUAGE) -> str:
    return _RENDERERS[output_format](suite, results, lang)


def render_many(runs: list[tuple[Suite, list[CaseResult]]], output_format: str,
                lang: str = DEFAULT_LANGUAGE) -> str:
    """Several suites (a folder of versions): text and annotations one after the other, JSON as
    a list of the documents, JUnit as one document with a suite each."""
    if len(runs) == 1:
        return render(*runs[0], output_format, lang)
    if output_format == "json":
        return "[\n" + ",\n".join(render_json(suite, results, lang) for suite, results in runs) + "\n]"
    if output_format == "junit":
        root = ElementTree.Element("testsuites", name="hotline-check test")
        for suite, results in runs:
            root.extend(ElementTree.fromstring(render_junit(suite, results, lang).split("\n", 1)[1]))
        for key in ("tests", "failures", "errors"):
            root.set(key, str(sum(int(element.get(key, 0)) for element in root)))
        ElementTree.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode")
    return "\n\n".join(render(suite, results, output_format, lang) for suite, results in runs)


def render_text(suite: Suite, results: list[CaseResult], lang: str = DEFAULT_LANGUAGE) -> str:
    lines = [say(MESSAGES, "heading", lang, path=suite.path, ruleset=suite.ruleset.id)]
    for result in results:
        mark = "✓" if result.passed else "✗"
        lines.append(f"{mark} {result.case.name}")
        if not result.passed:
            lines.append(f"    {suite.path}:{result.case.line}")
            lines += [f"    {line}" for line in difference_lines(result, suite, lang)]
    lines.append(say(MESSAGES, "summary", lang, **summary(results)))
    return "\n".join(lines)


def _expected_json(item: Expected, suite: Suite) -> dict:
    values = {key: (iso(value, suite.ruleset.tz) if key in INSTANT_KEYS else value)
              for key, value in item.values.items()}
    return {**values, "line": item.line}


def _finding_json(finding: Finding, suite: Suite) -> dict:
    tz = suite.ruleset.tz
    return {"rule": finding.rule, "check": finding.check, "ticket": finding.ticket_id,
            "severity": finding.severity, "status": finding.status, "unit": finding.unit,
            "clause": finding.clause, "due": iso(finding.due, tz), "actual": iso(finding.actual, tz),
            "message": finding.message}


def render_json(suite: Suite, results: list[CaseResult], lang: str = DEFAULT_LANGUAGE) -> str:
    document = {
        "file": suite.path,
        "ruleset": {"id": suite.ruleset.id, "path": shown_path(suite.ruleset.path)},
        "summary": summary(results),
        "cases": [{"name": result.case.name, "line": result.case.line, "passed": result.passed,
                   "description": pick(result.case.description, lang).strip(),
                   "missing": [_expected_json(item, suite) for item in result.missing],
                   "unexpected": [_finding_json(finding, suite) for finding in result.unexpected],
                   "rates": list(result.rate_mismatches)}
                  for result in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def render_github(suite: Suite, results: list[CaseResult], lang: str = DEFAULT_LANGUAGE) -> str:
    """One `::error` workflow annotation per failing case, at its line; then the summary."""
    lines = []
    for result in results:
        if result.passed:
            continue
        title = say(MESSAGES, "case_failed", lang, name=result.case.name)
        body = "\n".join(difference_lines(result, suite, lang))
        lines.append(f"::error file={escape_property(suite.path)},line={result.case.line},"
                     f"title={escape_property(title)}::{escape_data(body)}")
    lines.append(say(MESSAGES, "summary", lang, **summary(results)))
    return "\n".join(lines)


def render_junit(suite: Suite, results: list[CaseResult], lang: str = DEFAULT_LANGUAGE) -> str:
    """A JUnit XML test suite with one test case per case."""
    counts = summary(results)
    name = f"hotline-check test {suite.ruleset.id}"
    root = ElementTree.Element("testsuites", name=name, tests=str(counts["total"]),
                               failures=str(counts["failed"]), errors="0")
    element = ElementTree.SubElement(root, "testsuite", name=name, tests=str(counts["total"]),
                                     failures=str(counts["failed"]), errors="0", file=suite.path)
    for result in results:
        case = ElementTree.SubElement(element, "testcase", classname=f"ruletests.{suite.ruleset.id}",
                                      name=result.case.name, file=suite.path, line=str(result.case.line))
        if not result.passed:
            failure = ElementTree.SubElement(case, "failure", type="mismatch",
                                             message=say(MESSAGES, "case_failed", lang, name=result.case.name))
            failure.text = "\n".join(difference_lines(result, suite, lang))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode")


_RENDERERS = {"text": render_text, "json": render_json, "github": render_github, "junit": render_junit}
