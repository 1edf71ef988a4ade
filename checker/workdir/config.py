"""The working folder's configuration (`hotline-check.yaml`): which rule files the office uses.

Found as ruff, yamllint and pre-commit find theirs: the first `hotline-check.yaml` (or
`.hotline-check.yaml`) in the working folder or any folder above it; `--config FILE` or the
environment variable HOTLINE_CHECK_CONFIG name one explicitly. Relative paths inside it are
relative to the folder of the configuration file, never to the folder a command runs in, so
the same configuration gives the same rules from every subfolder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.yamlio import LoadedYaml

CONFIG_NAMES = ("hotline-check.yaml", ".hotline-check.yaml", "hotline-check.yml")
ENVIRONMENT_VARIABLE = "HOTLINE_CHECK_CONFIG"

MESSAGES = {
    "missing": {"zh": "找不到 {key} 指定的{what}：{path}", "en": "the {what} named by {key} does not exist: {path}"},
    "wrong_kind": {"zh": "{key} 应指向{wanted}，{path} 却是{found}",
                   "en": "{key} should name a {wanted}, but {path} is a {found}"},
    "not_a_folder_or_file": {"zh": "{key} 应为规则集文件或存放规则集的文件夹：{path}",
                             "en": "{key} should name a rule set file or a folder of rule sets: {path}"},
    "calendar_mismatch": {
        "zh": "规则集 {ruleset} 使用的日历是 {used}，不是 calendar 指定的 {configured}："
              "请让规则集的 calendar 指向同一文件",
        "en": "the rule set {ruleset} uses the calendar {used}, not {configured} named by calendar: "
              "make the rule set's calendar the same file"},
    "env_missing": {"zh": "环境变量 {name} 指定的配置文件不存在", "en": "the configuration named by {name} does not exist"},
    "config_missing": {"zh": "配置文件不存在", "en": "no such configuration file"},
}

WHAT = {
    "rules": {"zh": "规则集", "en": "rule set"},
    "tests": {"zh": "测试用例文件", "en": "test cases file"},
    "calendar": {"zh": "日历", "en": "calendar"},
    "mapping": {"zh": "映射", "en": "mapping"},
    "mappings": {"zh": "映射", "en": "mapping"},
    "contacts": {"zh": "联系人文件", "en": "contacts file"},
}
_KINDS = {"tests": "tests", "calendar": "calendar", "mapping": "mapping", "mappings": "mapping"}


@dataclass(frozen=True)
class WorkConfig:
    """A loaded configuration; every path absolute, resolved against the file's folder."""
    path: Path
    rules: Path
    tests: Path | None = None
    calendar: Path | None = None
    mapping: Path | None = None
    mappings: tuple[Path, ...] = ()
    contacts: Path | None = None
    office_name: str | None = None
    doc_prefix: str | None = None
    web_password: str | None = None          # hotline-check serve on a non-loopback address
    web_max_upload_mb: float | None = None

    @property
    def folder(self) -> Path:
        return self.path.parent

    def validation_targets(self) -> list[Path]:
        """What `validate` checks without arguments: this file and every rule file it names."""
        named = [self.path, self.rules, self.tests, self.calendar, self.mapping, *self.mappings]
        return [path for path in named if path is not None]


def is_config_file(path: str | Path) -> bool:
    return Path(path).name in CONFIG_NAMES


def find_config(start: str | Path | None = None) -> Path | None:
    """The first configuration file in `start` (default: the working folder) or above it."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if candidate.is_file():
                return candidate
    return None


def locate_config(explicit: str | None = None, lang: str = DEFAULT_LANGUAGE) -> Path | None:
    """The configuration in use: `--config`, else HOTLINE_CHECK_CONFIG, else the one found upward."""
    if explicit:
        if not Path(explicit).is_file():
            raise CheckerError(say(MESSAGES, "config_missing", lang), file=explicit)
        return Path(explicit).resolve()
    named = os.environ.get(ENVIRONMENT_VARIABLE)
    if named:
        if not Path(named).is_file():
            raise CheckerError(say(MESSAGES, "env_missing", lang, name=ENVIRONMENT_VARIABLE), file=named)
        return Path(named).resolve()
    return find_config()


def load_config(path: str | Path, lang: str = DEFAULT_LANGUAGE) -> WorkConfig:
    """A validated configuration (schema and the files it names); ErrorList otherwise."""
    from checker.validation import load_valid
    path = Path(path).resolve()
    data = load_valid(path, "config", lang).data
    return _from_data(path, data)


def _from_data(path: Path, data: dict) -> WorkConfig:
    folder = path.parent

    def resolved(value) -> Path | None:
        return None if value in (None, "") else (folder / str(value)).resolve()

    office = data.get("office") or {}
    web = data.get("web") or {}
    return WorkConfig(path=path, rules=resolved(data["rules"]), tests=resolved(data.get("tests")),
                      calendar=resolved(data.get("calendar")), mapping=resolved(data.get("mapping")),
                      mappings=tuple(resolved(item) for item in data.get("mappings") or ()),
                      contacts=resolved(data.get("contacts")), office_name=office.get("name"),
                      doc_prefix=office.get("doc_prefix"), web_password=web.get("password"),
                      web_max_upload_mb=web.get("max_upload_mb"))


def config_errors(loaded: LoadedYaml, lang: str = DEFAULT_LANGUAGE) -> list[CheckerError]:
    """The meaning checks of a configuration whose shape is valid: every file it names exists
    and is of the kind its key says; the rule set's calendar is the configured calendar."""
    from checker.validation.runner import detect_kind, kind_name
    from checker.yamlio import load_yaml_file
    config = _from_data(Path(loaded.path).resolve(), loaded.data)
    errors: list[CheckerError] = []
    shown = {key: loaded.data.get(key) for key in WHAT}

    def missing(key: str, path: Path, json_path: list) -> CheckerError:
        return loaded.error(say(MESSAGES, "missing", lang, key=key, what=say(WHAT, key, lang),
                                path=path), json_path)

    if config.rules.is_dir():
        pass       # a folder of versions: each file is validated on its own
    elif not config.rules.is_file():
        errors.append(missing("rules", config.rules, ["rules"]))
    named = [("tests", config.tests, ["tests"]), ("calendar", config.calendar, ["calendar"]),
             ("mapping", config.mapping, ["mapping"]), ("contacts", config.contacts, ["contacts"])]
    named += [("mappings", item, ["mappings", index]) for index, item in enumerate(config.mappings)]
    for key, path, json_path in named:
        if path is None:
            continue
        if not path.is_file():
            errors.append(missing(key, path, json_path))
            continue
        wanted = _KINDS.get(key)
        if wanted is None:
            continue
        try:
            found = detect_kind(load_yaml_file(path).data, path)
        except CheckerError:
            continue         # the file's own report names what is wrong with it
        if found is not None and found != wanted:
            errors.append(loaded.error(say(MESSAGES, "wrong_kind", lang, key=key, path=shown.get(key) or path,
                                           wanted=kind_name(wanted, lang), found=kind_name(found, lang)),
                                       json_path))
    if config.calendar is not None and config.calendar.is_file() and config.rules.is_file():
        errors += _calendar_mismatch(loaded, config, lang)
    return errors


def _calendar_mismatch(loaded: LoadedYaml, config: WorkConfig, lang: str) -> list[CheckerError]:
    from checker.calendar.calendar import calendar_candidates
    from checker.yamlio import load_yaml_file
    try:
        ruleset_data = load_yaml_file(config.rules).data
        named = ruleset_data["calendar"]
    except (CheckerError, KeyError, TypeError):
        return []
    used = next((c for c in calendar_candidates(str(named), config.rules) if c.is_file()), None)
    if used is None or used.resolve() == config.calendar:
        return []
    return [loaded.error(say(MESSAGES, "calendar_mismatch", lang, ruleset=config.rules, used=used,
                             configured=config.calendar), ["calendar"])]
