"""`hotline-check init [DIR]`: the office's own working folder.

A byte-for-byte copy of the shipped rule set, its test cases, the calendar and the mappings
(comments and all, so the office edits what it will run), and a configuration file naming
them. Nothing is overwritten unless asked: the office's edits are its own.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from checker import resources
from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, pick, say
from checker.workdir.config import CONFIG_NAMES

CONFIG_NAME = CONFIG_NAMES[0]
RULES_FOLDER = "rules"

MESSAGES = {
    "exists": {"zh": "以下文件已存在，未作任何改动（如确需覆盖，请加 --force）：{files}",
               "en": "these files exist already; nothing was written (add --force to overwrite): {files}"},
    "not_folder": {"zh": "不是文件夹", "en": "not a folder"},
    "cannot_write": {"zh": "无法写入：{reason}", "en": "cannot write: {reason}"},
    "role_config": {"zh": "配置文件（各命令自动从当前文件夹向上查找）",
                    "en": "the configuration (every command finds it from the working folder upward)"},
    "role_rules": {"zh": "规则集（{source}），本办公室修改的就是这一份",
                   "en": "the rule set ({source}): the copy the office edits"},
    "role_tests": {"zh": "规则集的测试用例", "en": "the rule set's test cases"},
    "role_calendar": {"zh": "法定节假日与调休日历", "en": "the holiday and make-up workday calendar"},
    "role_mapping": {"zh": "平台导出格式映射", "en": "a platform export mapping"},
}

# The configuration file, its comments in the user's language (COMMENTS).
CONFIG_TEMPLATE = """\
{header}
office:
  name: {office_name}
  # {doc_prefix_note}
  doc_prefix: {doc_prefix}
# {rules_note}
rules: {rules}
tests: {tests}
# {calendar_note}
calendar: {calendar}
# {mapping_note}
mapping: null
# {mappings_note}
mappings:
{mappings}
# {contacts_note}
contacts: null
"""

COMMENTS = {
    "header": {
        "zh": "# hotline-check 工作目录配置文件。\n"
              "# 在本文件夹及其任何子文件夹中运行 hotline-check，各命令（audit、explain、report、remind、\n"
              "# validate、test、calendar、diff）都使用下列文件；命令行的 --rules、--mapping 优先于本文件。\n"
              "# 相对路径以本文件所在的文件夹为准。修改规则后请运行：hotline-check validate && hotline-check test",
        "en": "# hotline-check working folder configuration.\n"
              "# Run hotline-check in this folder or any folder below it and every command (audit, explain,\n"
              "# report, remind, validate, test, calendar, diff) uses the files below; --rules and --mapping\n"
              "# on the command line take precedence. Relative paths are relative to this file's folder.\n"
              "# After changing a rule run: hotline-check validate && hotline-check test"},
    "doc_prefix_note": {"zh": "通报发文字号前缀，如 南热线办〔2024〕N号 中的“南热线办”",
                        "en": "the prefix of the office's document numbers"},
    "rules_note": {"zh": "规则集；也可写存放多个版本（各有 effective 生效期）的文件夹",
                   "en": "the rule set; or a folder of versions, each with its effective period"},
    "calendar_note": {"zh": "日历：calendar add-year 写入此文件",
                      "en": "the calendar: calendar add-year writes into this file"},
    "mapping_note": {"zh": "默认映射：平台导出不是标准格式时写上映射文件，如 {first_mapping}",
                     "en": "the default mapping when exports are not canonical, e.g. {first_mapping}"},
    "mappings_note": {"zh": "本目录的映射文件，validate 时一并校验",
                      "en": "this folder's mappings, validated together"},
    "contacts_note": {"zh": "承办单位联系人文件（CSV/XLSX：单位、联系人、手机），供 remind --format sms / sms-csv 使用", "en": "the units' contacts (CSV/XLSX: unit, name, mobile) for remind --format sms / sms-csv"},
}

NEXT_STEPS = {
    "zh": """\
已建立工作目录 {folder}：
{files}

下一步：
  1. cd {cd}
  2. 按本办公室的要求修改 {rules}（每条规则注明条款和原文），
     并在 {tests} 中为改动写测试用例
  3. hotline-check validate        校验配置的规则集、测试用例、日历和映射
  4. hotline-check test            运行测试用例
  5. hotline-check audit 工单日志.csv
     在本文件夹及其子文件夹中运行，自动使用上面的规则；输出末尾注明所用规则集文件及其摘要
每年国务院公布下一年节假日安排后：hotline-check calendar add-year 年份
""",
    "en": """\
Working folder written in {folder}:
{files}

Next:
  1. cd {cd}
  2. edit {rules} as the office decides (each rule cites its clause and words),
     and add a test case for each change to {tests}
  3. hotline-check validate        check the configured rule set, tests, calendar and mappings
  4. hotline-check test            run the test cases
  5. hotline-check audit LOG.csv
     run in this folder or below it, the rules above are used; every output names the rule set file and its hash
Each year, once the State Council publishes the holidays: hotline-check calendar add-year YEAR
""",
}


@dataclass(frozen=True)
class Planned:
    relative: str            # path inside the working folder, with forward slashes
    role: str                # a key of MESSAGES: role_*
    source: Path | None      # the shipped file copied; None for the configuration


def plan(ruleset_path: Path | None = None) -> list[Planned]:
    """The files `init` writes, in the order it lists them."""
    from checker.ruletests import tests_file_for
    ruleset = Path(ruleset_path or resources.default_ruleset_path())
    tests = tests_file_for(ruleset)
    calendar = _calendar_of(ruleset)
    files = [Planned(CONFIG_NAME, "role_config", None),
             Planned(f"{RULES_FOLDER}/{ruleset.name}", "role_rules", ruleset)]
    if tests.is_file():
        files.append(Planned(f"{RULES_FOLDER}/{tests.name}", "role_tests", tests))
    if calendar is not None:
        files.append(Planned(f"{RULES_FOLDER}/calendars/{calendar.name}", "role_calendar", calendar))
    for mapping in sorted(resources.mappings_dir().glob("*.yaml")):
        files.append(Planned(f"{RULES_FOLDER}/mappings/{mapping.name}", "role_mapping", mapping))
    return files


def _calendar_of(ruleset: Path) -> Path | None:
    """The shipped calendar file the rule set names (copied beside it as calendars/NAME.yaml)."""
    from checker.calendar.calendar import resolve_calendar_path
    from checker.yamlio import load_yaml_file
    name = load_yaml_file(ruleset).data.get("calendar")
    return resolve_calendar_path(str(name), ruleset) if name else None


def init_folder(folder: str | Path, force: bool = False, office_name: str | None = None,
                doc_prefix: str | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Write the working folder; the text telling the user what was written and what next."""
    from checker.ruleset import load_ruleset
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise CheckerError(say(MESSAGES, "not_folder", lang), file=str(target))
    files = plan()
    existing = [item.relative for item in files if (target / item.relative).exists()]
    if existing and not force:
        raise CheckerError(say(MESSAGES, "exists", lang, files="、".join(existing) if lang == "zh"
                               else ", ".join(existing)), file=str(target))
    shipped = load_ruleset()
    by_role = {item.role: item.relative for item in reversed(files)}
    mappings = [item.relative for item in files if item.role == "role_mapping"]
    first_mapping = mappings[0] if mappings else "rules/mappings/NAME.yaml"
    comments = {key: say(COMMENTS, key, lang, **({"first_mapping": first_mapping}
                                                 if key == "mapping_note" else {}))
                for key in COMMENTS}
    config_text = CONFIG_TEMPLATE.format(
        **comments, office_name=_yaml_string(office_name or shipped.office_name),
        doc_prefix=_yaml_string(doc_prefix) if doc_prefix else "null",
        rules=by_role["role_rules"], tests=by_role.get("role_tests", "null"),
        calendar=by_role.get("role_calendar", "null"),
        mappings="\n".join(f"  - {path}" for path in mappings) if mappings else "  []")
    try:
        for item in files:
            destination = target / item.relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if item.source is None:
                destination.write_text(config_text, encoding="utf-8")
            else:
                shutil.copyfile(item.source, destination)
    except OSError as error:
        raise CheckerError(say(MESSAGES, "cannot_write", lang, reason=error.strerror),
                           file=str(error.filename or target)) from None
    width = max(len(item.relative) for item in files)
    listing = "\n".join(f"  {item.relative.ljust(width)}  "
                        f"{say(MESSAGES, item.role, lang, source=shipped.source)}" for item in files)
    return pick(NEXT_STEPS, lang).format(
        folder=target, files=listing, cd=_quoted(str(target)), rules=by_role["role_rules"],
        tests=by_role.get("role_tests", f"{RULES_FOLDER}/*.tests.yaml"))


def _yaml_string(value: str) -> str:
    """A string as a YAML scalar that reads back as itself (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _quoted(path: str) -> str:
    return path if path and all(c.isalnum() or c in "/._-" for c in path) else json.dumps(path, ensure_ascii=False)
