"""Validate rule files: find them, tell their kind, run the schema and the meaning checks.

A bad file never stops the others: each file gets a `FileReport` with its errors. Rule sets
validated together are also checked against each other (overlapping effective periods).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import limits, resources
from checker.errors import CheckerError, ErrorList
from checker.i18n import DEFAULT_LANGUAGE, pick, say
from checker.resources import shown_path
from checker.validation import cache
from checker.workdir.config import is_config_file
from checker.yamlio import LoadedYaml, files_read, load_yaml_file

MESSAGES = {
    "not_found": {"zh": "找不到该文件或文件夹", "en": "no such file or folder"},
    "no_files": {"zh": "文件夹中没有规则文件（*.yaml、*.yml）", "en": "the folder holds no rule file (*.yaml, *.yml)"},
    "unknown_kind": {
        "zh": "无法识别的规则文件类型：顶层应有 rules（规则集）、years（日历）、clauses（条款清单）或 layout（映射）",
        "en": "unknown rule file kind: expected a top-level 'rules' (rule set), 'years' (calendar), "
              "'clauses' (clause list) or 'layout' (mapping)"},
    "wrong_kind": {"zh": "此文件是{found}，不是{wanted}", "en": "this file is a {found}, not a {wanted}"},
    "too_many_rules": {"zh": "规则集有 {count} 条规则，超过上限 {limit} 条（{variable}）",
                       "en": "the rule set has {count} rules, more than the bound of {limit} ({variable})"},
    "tests_file": {"zh": "此文件是测试用例文件，不是{wanted}", "en": "this file is a test cases file, not a {wanted}"},
}

KIND_NAMES = {
    "ruleset": {"zh": "规则集", "en": "rule set"},
    "calendar": {"zh": "日历", "en": "calendar"},
    "clauses": {"zh": "条款清单", "en": "clause list"},
    "mapping": {"zh": "映射", "en": "mapping"},
    "header-synonyms": {"zh": "表头同义词表", "en": "header wordings"},
    "tests": {"zh": "规则集测试用例", "en": "rule set test cases"},
    "config": {"zh": "工作目录配置", "en": "working folder configuration"},
}

# The top-level key that tells a file's kind, in the order they are tried.
_KIND_KEYS = (("rules", "ruleset"), ("years", "calendar"), ("clauses", "clauses"), ("layout", "mapping"),
              ("header_synonyms", "header-synonyms"))
_YAML_SUFFIXES = (".yaml", ".yml")
_TESTS_SUFFIXES = (".tests.yaml", ".tests.yml")


@dataclass
class FileReport:
    path: str
    kind: str | None
    errors: list[CheckerError] = field(default_factory=list)
    # What does not stop the file from loading: a shown text lacking a language an output needs.
    warnings: list[CheckerError] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


def kind_name(kind: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    return pick(KIND_NAMES[kind], lang) if kind in KIND_NAMES else "?"


def detect_kind(data: Any, path: str | Path = "") -> str | None:
    """The kind of a rule file by its content; `*.tests.yaml` files are rule set test cases,
    `hotline-check.yaml` a working folder's configuration."""
    if str(path).endswith(_TESTS_SUFFIXES):
        return "tests"
    if is_config_file(path):
        return "config"
    if isinstance(data, dict):
        for key, kind in _KIND_KEYS:
            if key in data:
                return kind
    return None


def validate_paths(paths: list[str], lang: str = DEFAULT_LANGUAGE) -> list[FileReport]:
    """Validate files and folders (recursively); the shipped rules/ when `paths` is empty.
    Every file is validated in full: the cache of files that passed before is not used."""
    with cache.bypassed():
        return _validate_paths(paths, lang)


def _validate_paths(paths: list[str], lang: str) -> list[FileReport]:
    targets = [str(path) for path in paths] or [_shown(resources.rules_dir())]
    reports: list[FileReport] = []
    seen: set[Path] = set()
    pending: list[FileReport | Path] = []   # in the order the user named them
    for target in targets:
        found = _rule_files(Path(target))
        if not found:
            key = "not_found" if found is None else "no_files"
            pending.append(FileReport(target, None, [CheckerError(say(MESSAGES, key, lang), file=target)]))
        for path in found or []:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                pending.append(path)
    rulesets: list[tuple[FileReport, LoadedYaml]] = []
    for item in pending:
        if isinstance(item, FileReport):
            reports.append(item)
            continue
        report, loaded = _validate_file(item, lang)
        reports.append(report)
        # Even a rule set with other errors is compared: its period may still be readable.
        if report.kind == "ruleset" and loaded is not None:
            rulesets.append((report, loaded))
    by_path = {loaded.path: report for report, loaded in rulesets}
    from checker.validation.semantic import overlapping_periods
    for error in overlapping_periods([loaded for _, loaded in rulesets], lang):
        by_path[error.file].errors.append(error)
    return reports


def load_valid(path: str | Path, kind: str, lang: str = DEFAULT_LANGUAGE) -> LoadedYaml:
    """Load a rule file of the given kind; raise ErrorList (best match first) unless it is valid."""
    try:
        with files_read() as read:
            loaded = load_yaml_file(path, lang)
    except ErrorList:
        raise
    except CheckerError as error:
        raise ErrorList([error]) from None
    found = detect_kind(loaded.data, path)
    if found is not None and found != kind:
        # A test cases file states its rule set's name; the generic message would blur the two.
        key = "tests_file" if found == "tests" else "wrong_kind"
        raise ErrorList([loaded.error(say(MESSAGES, key, lang, found=kind_name(found, lang),
                                          wanted=kind_name(kind, lang)))])
    entry = cache.entry_key(path, read[0][1], kind) if read and cache.enabled() else None
    if entry is not None and cache.known_valid(entry):
        # Passed before with these very contents (and those of every file it read): only built.
        errors = _too_many_rules(loaded, kind, lang) or _build(loaded, kind)
    else:
        with files_read() as checked:
            errors = _check(loaded, kind, lang)
        if entry is not None and not errors:
            cache.remember(entry, kind, read + checked)
    if errors:
        raise ErrorList(errors)
    return loaded


def _validate_file(path: Path, lang: str) -> tuple[FileReport, LoadedYaml | None]:
    shown = _shown(path)
    try:
        loaded = load_yaml_file(shown, lang)
    except CheckerError as error:
        return FileReport(shown, detect_kind(None, shown), [error]), None
    kind = detect_kind(loaded.data, shown)
    if kind is None:
        return FileReport(shown, None, [loaded.error(say(MESSAGES, "unknown_kind", lang))]), loaded
    try:
        errors = _check(loaded, kind, lang)
    except CheckerError as error:  # an unreadable schema or clause list: name it, go on with the others
        errors = [error]
    warnings = [] if errors else _warnings(loaded, kind, lang)
    return FileReport(shown, kind, errors, warnings), loaded


def _warnings(loaded: LoadedYaml, kind: str, lang: str) -> list[CheckerError]:
    """The texts of a valid file lacking a language its outputs need (checker.validation.languages)."""
    if kind not in ("ruleset", "tests"):
        return []
    from checker.validation.languages import language_warnings
    from checker.validation.schema_check import schema_of
    schema = schema_of(kind, lang)
    return language_warnings(loaded, schema, lang) if schema is not None else []


# What loading a file for use does beyond the schema and the meaning checks: kind -> the
# function (module, name) turning the checked file into what the program uses. `validate`
# runs it too, so a file that validates always loads, and it runs once per load
# (`LoadedYaml.built` keeps the result).
_BUILDERS = {
    "ruleset": ("checker.ruleset", "build_ruleset"),
    "mapping": ("checker.logs.mapping", "build_mapping"),
    "calendar": ("checker.calendar.calendar", "build_calendar"),
}


def _too_many_rules(loaded: LoadedYaml, kind: str, lang: str) -> list[CheckerError]:
    """A rule set past the bound on rules (checker.limits RULES), before the schema runs on it."""
    rules = loaded.data.get("rules") if isinstance(loaded.data, dict) else None
    bound = limits.int_limit("RULES")
    if kind != "ruleset" or not isinstance(rules, list) or len(rules) <= bound:
        return []
    return [loaded.error(say(MESSAGES, "too_many_rules", lang, count=len(rules), limit=bound,
                             variable=limits.env_name("RULES")), ["rules"])]


def _check(loaded: LoadedYaml, kind: str, lang: str) -> list[CheckerError]:
    errors = _too_many_rules(loaded, kind, lang)
    if errors:
        return errors
    # The checks (JSON Schema among them) load only when a file is checked: a run whose rule
    # files all passed before (checker/validation/cache.py) never imports them.
    from checker.validation import schema_check, semantic
    errors = schema_check.schema_errors(loaded, kind, lang)
    if errors:
        return errors
    errors = semantic.semantic_errors(loaded, kind, lang)
    if errors:
        return errors
    return _build(loaded, kind)


def _build(loaded: LoadedYaml, kind: str) -> list[CheckerError]:
    target = _BUILDERS.get(kind)
    if target is None:
        return []
    build = getattr(importlib.import_module(target[0]), target[1])
    try:
        loaded.built = build(loaded)
    except ErrorList as error:
        return error.errors
    except CheckerError as error:
        if error.file is None:
            error.file = loaded.path
        return [error]
    return []


def _rule_files(target: Path) -> list[Path] | None:
    """The rule files a path names; None when it does not exist.

    In folders, `*.tests.yaml` (rule set test cases, a shape of their own) are taken only once
    `schemas/tests.schema.json` exists to check them; a file named explicitly is always taken.
    """
    if target.is_file():
        return [target]
    if not target.is_dir():
        return None
    from checker.validation import schema_check
    with_tests = schema_check.schema_exists("tests")
    found = []
    for path in sorted(target.rglob("*")):
        relative = path.relative_to(target)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if not path.name.endswith(_YAML_SUFFIXES):
            continue
        if path.name.endswith(_TESTS_SUFFIXES) and not with_tests:
            continue
        found.append(path)
    return found


def _shown(path: Path | str) -> str:
    """Paths the user typed stay as typed; found absolute ones are shown relative to the working folder."""
    path = Path(path)
    return shown_path(path) if path.is_absolute() else str(path)
