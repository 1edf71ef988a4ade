"""A rule set's own example cases (`*.tests.yaml`): load them and run them.

A tests file sits beside its rule set (rules/nanzheng-2024.tests.yaml for
rules/nanzheng-2024.yaml). Each case gives an as-of instant, a few events written with the
canonical log columns, and every finding expected. The events go through the same row
builder as a log, so Chinese aliases and vocabularies work as they do in a log.

A case passes when the findings equal the expected list: each expected item names a rule and
a ticket and may pin severity, check, status (default `violated`), unit, clause, due and
actual; only the keys given are compared, but every finding must be matched by one item.
Findings still pending are left out unless the case says `pending: true`.
Showing the outcome (text, json, github, junit) is checker.output.ruletests_out's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import resources
from checker.resources import shown_path
from checker.engine.audit import AuditOptions, run_audit
from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.logs.rows import RowBuilder, cell_text, localize_reason
from checker.logs.timestamps import parse_instant
from checker.model import Event, Finding
from checker.ruleset import RuleSet, load_ruleset
from checker.validation import load_valid
from checker.vocabulary import CANONICAL_COLUMNS
from checker.yamlio import LoadedYaml

TESTS_SUFFIXES = (".tests.yaml", ".tests.yml")

MESSAGES = {
    "no_tests_file": {"zh": "找不到规则集的测试用例文件 {path}",
                      "en": "the rule set has no test cases file {path}"},
    "no_ruleset": {"zh": "找不到被测规则集 {path}", "en": "the rule set {path} does not exist"},
    "duplicate_case": {"zh": "用例名称“{name}”重复（第 {line} 行已有）",
                       "en": "case name '{name}' used twice (first on line {line})"},
    "bad_event": {"zh": "事件无效：{reason}", "en": "invalid event: {reason}"},
    "unknown_column": {"zh": "未知的列“{column}”", "en": "unknown column '{column}'"},
    "bad_time": {"zh": "{key}：{reason}", "en": "{key}: {reason}"},
    "unknown_rule": {"zh": "规则集 {ruleset} 中没有规则“{rule}”",
                     "en": "the rule set {ruleset} has no rule '{rule}'"},
    "unknown_check": {"zh": "规则“{rule}”没有检查项“{check}”（有：{known}）",
                      "en": "rule '{rule}' has no check '{check}' (it has: {known})"},
    "no_unit_row": {"zh": "{unit}：{month} 的通报中没有该单位", "en": "{unit}: not in the report of {month}"},
    "no_figure": {"zh": "{unit}：通报中没有“{key}”（写指标 id、id.points、composite、rank、lists 或计数 id）",
                  "en": "{unit}: the report has no '{key}' (write an indicator id, id.points, composite, rank, lists or a count id)"},
    "figure_differs": {"zh": "{unit} {key}：应为 {want}，实际为 {got}", "en": "{unit} {key}: expected {want}, got {got}"},
}

# Keys of an expected item and the Finding attribute each is compared with.
_EXPECTED_KEYS = {"rule": "rule", "ticket": "ticket_id", "check": "check", "severity": "severity",
                  "status": "status", "unit": "unit", "clause": "clause", "due": "due",
                  "actual": "actual"}
INSTANT_KEYS = ("due", "actual")


@dataclass
class Expected:
    """One expected finding: the keys the case gives, instants as epoch seconds."""
    values: dict[str, Any]
    line: int

    def matches(self, finding: Finding) -> bool:
        return all(getattr(finding, _EXPECTED_KEYS[key]) == value for key, value in self.values.items())


@dataclass
class Case:
    name: str
    description: str | dict     # a plain text or {zh, en} (i18n.pick)
    as_of: int
    pending: bool
    events: list[Event]
    expect: list[Expected]
    line: int
    # {month?, units: {unit: {indicator id | id.points | composite | rank | lists | count id: value}}}
    expect_rates: dict | None = None


@dataclass
class Suite:
    path: str                 # the tests file
    ruleset: RuleSet
    cases: list[Case]


@dataclass
class CaseResult:
    case: Case
    findings: list[Finding]
    missing: list[Expected] = field(default_factory=list)
    unexpected: list[Finding] = field(default_factory=list)
    rate_mismatches: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected and not self.rate_mismatches


# --- finding the files -------------------------------------------------------------------

def is_tests_file(path: str | Path) -> bool:
    return str(path).endswith(TESTS_SUFFIXES)


def tests_file_for(ruleset_path: str | Path) -> Path:
    """rules/x.yaml → rules/x.tests.yaml (or .tests.yml when only that exists)."""
    path = Path(ruleset_path)
    stem = path.name[:-len(path.suffix)] if path.suffix in (".yaml", ".yml") else path.name
    candidates = [path.with_name(stem + suffix) for suffix in TESTS_SUFFIXES]
    return next((candidate for candidate in candidates if candidate.is_file()), candidates[0])


def ruleset_file_for(tests_path: str | Path, loaded: LoadedYaml, lang: str) -> str:
    """The rule set a tests file names with `ruleset:` (relative to it), or its namesake."""
    tests_path = Path(tests_path)
    named = loaded.data.get("ruleset") if isinstance(loaded.data, dict) else None
    if named:
        path = tests_path.parent / str(named)
        if not path.is_file():
            raise loaded.error(say(MESSAGES, "no_ruleset", lang, path=path), ["ruleset"])
        return str(path)
    for suffix in TESTS_SUFFIXES:
        if tests_path.name.endswith(suffix):
            path = tests_path.with_name(tests_path.name[:-len(suffix)] + suffix.replace(".tests", ""))
            if not path.is_file():
                raise CheckerError(say(MESSAGES, "no_ruleset", lang, path=path), file=str(tests_path))
            return str(path)
    raise CheckerError(say(MESSAGES, "no_ruleset", lang, path="?"), file=str(tests_path))


# --- loading -------------------------------------------------------------------------------

def load_suite(target: str | Path | None = None, lang: str = DEFAULT_LANGUAGE) -> Suite:
    """The cases of a rule set (its path, or its tests file's; default: the shipped one)."""
    if target is not None and is_tests_file(target):
        tests_path = shown_path(target)
        if not Path(tests_path).is_file():
            raise CheckerError(say(MESSAGES, "no_tests_file", lang, path=tests_path), file=tests_path)
        loaded = load_valid(tests_path, "tests", lang)
        ruleset = load_ruleset(ruleset_file_for(tests_path, loaded, lang))
    else:
        ruleset_path = str(target or resources.default_ruleset_path())
        tests_path = shown_path(tests_file_for(ruleset_path))
        if not Path(tests_path).is_file():
            raise CheckerError(say(MESSAGES, "no_tests_file", lang, path=tests_path), file=ruleset_path)
        ruleset = load_ruleset(ruleset_path)
        loaded = load_valid(tests_path, "tests", lang)
    return Suite(path=tests_path, ruleset=ruleset, cases=_cases(loaded, ruleset, lang))


def load_suites(target: str | Path | None = None, lang: str = DEFAULT_LANGUAGE) -> list[Suite]:
    """`load_suite` for a file; for a folder of versions, the suite of each version that has a
    tests file beside it (the folder is validated as versions first)."""
    if target is None or not Path(target).is_dir():
        return [load_suite(target, lang)]
    from checker.versions import version_files
    load_ruleset(target)                 # overlapping or gapped versions stop here
    suites = [load_suite(str(path), lang) for path in version_files(target)
              if tests_file_for(path).is_file()]
    if not suites:
        raise CheckerError(say(MESSAGES, "no_tests_file", lang, path=f"{target}/*.tests.yaml"),
                           file=str(target))
    return suites


def _cases(loaded: LoadedYaml, ruleset: RuleSet, lang: str) -> list[Case]:
    cases: list[Case] = []
    first_line: dict[str, int] = {}
    for index, raw in enumerate(loaded.data["cases"]):
        path = ["cases", index]
        line = loaded.position(path)[0]
        name = str(raw["name"])
        if name in first_line:
            raise loaded.error(say(MESSAGES, "duplicate_case", lang, name=name, line=first_line[name]),
                               path + ["name"])
        first_line[name] = line
        cases.append(Case(
            name=name, description=raw.get("description") or "",
            as_of=_instant(loaded, raw["as_of"], path + ["as_of"], "as_of", ruleset, lang),
            pending=bool(raw.get("pending", False)),
            events=_events(loaded, raw["events"], path + ["events"], ruleset, lang),
            expect=[_expected(loaded, item, path + ["expect", position], ruleset, lang)
                    for position, item in enumerate(raw["expect"])],
            line=line, expect_rates=raw.get("expect_rates")))
    return cases


def _instant(loaded: LoadedYaml, text: Any, path: list, key: str, ruleset: RuleSet, lang: str) -> int:
    try:
        return parse_instant(str(text), ruleset.tz)
    except ValueError as error:
        raise loaded.error(say(MESSAGES, "bad_time", lang, key=key,
                               reason=localize_reason(str(error), lang)), path) from None


def _events(loaded: LoadedYaml, rows: list[dict], path: list, ruleset: RuleSet, lang: str) -> list[Event]:
    builder = RowBuilder(ruleset.tz)
    events = []
    for seq, row in enumerate(rows):
        row_path = path + [seq]
        for column in row:
            if column not in CANONICAL_COLUMNS:
                raise loaded.error(say(MESSAGES, "unknown_column", lang, column=column), row_path, key=column)
        line = loaded.position(row_path)[0]
        built = builder.build(row, seq=seq, source=loaded.path, line=line)
        if isinstance(built, str):
            raise loaded.error(say(MESSAGES, "bad_event", lang, reason=localize_reason(built, lang)), row_path)
        events.append(built)
    return events


def _expected(loaded: LoadedYaml, item: dict, path: list, ruleset: RuleSet, lang: str) -> Expected:
    rule_ids = [rule["id"] for rule in ruleset.data["rules"]]
    if item["rule"] not in rule_ids:
        raise loaded.error(say(MESSAGES, "unknown_rule", lang, ruleset=ruleset.id, rule=item["rule"]),
                           path + ["rule"])
    if "check" in item:
        names = [check.name for check in ruleset.checks_of(item["rule"]) if check.name]
        if item["check"] not in names:
            raise loaded.error(say(MESSAGES, "unknown_check", lang, rule=item["rule"], check=item["check"],
                                   known=", ".join(names) or "—"), path + ["check"])
    values: dict[str, Any] = {}
    for key, value in item.items():
        if key in INSTANT_KEYS:
            values[key] = None if value is None else _instant(loaded, value, path + [key], key, ruleset, lang)
        elif key in ("ticket", "clause"):
            values[key] = cell_text(value)
        else:
            values[key] = value
    values.setdefault("status", "violated")
    return Expected(values=values, line=loaded.position(path)[0])


# --- running -------------------------------------------------------------------------------

@dataclass
class _CaseLog:
    """What run_audit reads from a log, for the events of one case."""
    events: list[Event]
    rejected: list = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.events)


def run_case(suite: Suite, case: Case, lang: str = DEFAULT_LANGUAGE) -> CaseResult:
    options = AuditOptions(as_of=case.as_of, pending=case.pending, lang=lang)
    result = run_audit(_CaseLog(events=list(case.events), sources=[suite.path]), suite.ruleset, options)
    pairs = _match(case.expect, result.findings)
    matched_findings = set(pairs.values())
    return CaseResult(
        case=case, findings=result.findings,
        missing=[item for position, item in enumerate(case.expect) if position not in pairs],
        unexpected=[finding for position, finding in enumerate(result.findings)
                    if position not in matched_findings],
        rate_mismatches=_rate_mismatches(suite, case, lang) if case.expect_rates else [])


# Rates are compared as the report shows them (rounded to 0.001), points to 0.1.
_RATE_TOLERANCE = 0.0005


def _shown_value(row: dict, key: str):
    """A figure of a report row by the key a case writes: an indicator id (its rate), `id.points`,
    or a column of the row (composite, rank, lists, tickets, excluded, a count id)."""
    if key.endswith(".points"):
        figure = row.get(key[:-len(".points")])
        return figure.get("points") if isinstance(figure, dict) else None
    value = row.get(key)
    return value["rate"] if isinstance(value, dict) else value


def _same(expected, actual) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) \
            and isinstance(actual, (int, float)) and not isinstance(actual, bool):
        return abs(expected - actual) <= _RATE_TOLERANCE
    return expected == actual


def _rate_mismatches(suite: Suite, case: Case, lang: str) -> list[str]:
    """What the case's expected rates, points and ranks say that the month's report does not."""
    from checker.reports.monthly import build_monthly_report
    from checker.timefmt import iso
    month = case.expect_rates.get("month") or iso(case.as_of, suite.ruleset.tz)[:7]
    report = build_monthly_report(_CaseLog(events=list(case.events), sources=[suite.path]),
                                  suite.ruleset, str(month), as_of=case.as_of, lang=lang)
    rows = {row["unit"]: row for row in report["units"]}
    problems = []
    for unit, expected in case.expect_rates["units"].items():
        row = rows.get(unit)
        if row is None:
            problems.append(say(MESSAGES, "no_unit_row", lang, unit=unit, month=month))
            continue
        for key, want in expected.items():
            if key not in row and key.removesuffix(".points") not in row:
                problems.append(say(MESSAGES, "no_figure", lang, unit=unit, key=key))
                continue
            got = _shown_value(row, key)
            if not _same(want, got):
                problems.append(say(MESSAGES, "figure_differs", lang, unit=unit, key=key,
                                    want=want, got=got))
    return problems


def run_suite(suite: Suite, lang: str = DEFAULT_LANGUAGE) -> list[CaseResult]:
    return [run_case(suite, case, lang) for case in suite.cases]


def summary(results: list[CaseResult]) -> dict[str, int]:
    passed = sum(1 for result in results if result.passed)
    return {"total": len(results), "passed": passed, "failed": len(results) - passed}


def _match(expected: list[Expected], findings: list[Finding]) -> dict[int, int]:
    """The most expected items paired with distinct findings {expected index: finding index}.

    A bipartite matching (augmenting paths): an item that pins few keys must not take the one
    finding a more precise item needs.
    """
    candidates = [[j for j, finding in enumerate(findings) if item.matches(finding)] for item in expected]
    owner: dict[int, int] = {}          # finding index -> expected index

    def assign(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(expected)):
        assign(i, set())
    return {i: j for j, i in owner.items()}
