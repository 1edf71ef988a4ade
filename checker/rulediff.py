"""What changed between two rule sets: rule by rule, then the other sections and the identity.

Rules are matched by id; a changed rule lists each field that differs, by its path inside the
rule (`within.by_class.emergency.duration`). Lists of plain values (units, categories,
departments, events) are compared as sets: each item added or removed is one change. Lists of
mappings are matched by their `id`, `name` or `clause` when they have one. A dated value
(`{2024-01-01: PT3H, 2025-07-01: PT2H}`) is one value: it is shown whole, with its dates.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.labels import rule_name
from checker.yamlio import LoadedYaml

FORMATS = ("text", "json", "md")

IDENTITY_KEYS = ("id", "title", "source", "issuer", "effective", "timezone", "calendar")
# The order sections are shown in: the rules first, then the data they use, keys a rule set
# adds later as written, and the identity (id, dates, calendar, source) last.
SECTION_ORDER = ("rules", "classes", "classification", "units", "key_tickets", "leader_days", "rates",
                 "ranking", "reminders", "office", "not_checkable", "interpretations")

SECTIONS = {
    "identity": {"zh": "标识", "en": "Identity"},
    "office": {"zh": "热线办", "en": "Office"},
    "classes": {"zh": "时限类别", "en": "Deadline classes"},
    "classification": {"zh": "分类", "en": "Classification"},
    "units": {"zh": "承办单位", "en": "Units"},
    "rules": {"zh": "规则", "en": "Rules"},
    "key_tickets": {"zh": "重点工单", "en": "Key tickets"},
    "leader_days": {"zh": "领导接听日", "en": "Leaders' answering days"},
    "rates": {"zh": "三率", "en": "Rates"},
    "ranking": {"zh": "排名", "en": "Ranking"},
    "reminders": {"zh": "提醒督促", "en": "Reminders"},
    "not_checkable": {"zh": "无法从日志检查的条款", "en": "Clauses not checkable"},
    "interpretations": {"zh": "解释说明", "en": "Interpretations"},
}

MESSAGES = {
    "heading": {"zh": "规则集对比：{old}（{old_id}）→ {new}（{new_id}）",
                "en": "Rule set diff: {old} ({old_id}) → {new} ({new_id})"},
    "added": {"zh": "新增", "en": "added"},
    "removed": {"zh": "删除", "en": "removed"},
    "changed": {"zh": "修改", "en": "changed"},
    "identical": {"zh": "两个规则集相同。", "en": "The rule sets are identical."},
    "count": {"zh": "共 {count} 处不同", "en": "{count} difference(s)"},
    "rule_summary": {"zh": "条款 {clause}，{kind}", "en": "clause {clause}, {kind}"},
    "from_date": {"zh": "{value}（{date} 起）", "en": "{value} from {date}"},
    "order": {"zh": "顺序", "en": "order"},
    "column_change": {"zh": "变更", "en": "Change"},
    "column_rule": {"zh": "规则", "en": "Rule"},
    "column_item": {"zh": "项目", "en": "Item"},
    "column_old": {"zh": "原值", "en": "Old"},
    "column_new": {"zh": "新值", "en": "New"},
}

_DATE_KEY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IDENTITY_OF_ITEMS = ("id", "name", "clause")


@dataclass
class Change:
    section: str                 # a key of SECTIONS, or another top-level key
    action: str                  # added | removed | changed
    path: str                    # where in the section (in the rule, for rules); "" = the whole
    old: Any = None
    new: Any = None
    rule: str | None = None      # the rule id, for the rules section


@dataclass
class RulesetDiff:
    old_path: str
    new_path: str
    old_id: str
    new_id: str
    changes: list[Change] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.changes


# --- loading -------------------------------------------------------------------------------

def load_for_diff(path: str | Path, lang: str = DEFAULT_LANGUAGE) -> LoadedYaml:
    """A rule set file, validated (schema and meaning) when validation is available."""
    try:
        from checker.validation import load_valid
    except ImportError:  # a build without validation: load without the schema
        from checker.yamlio import load_yaml_file
        return load_yaml_file(path)
    return load_valid(path, "ruleset", lang)


def diff_files(old_path: str | Path, new_path: str | Path, lang: str = DEFAULT_LANGUAGE) -> RulesetDiff:
    old, new = load_for_diff(old_path, lang), load_for_diff(new_path, lang)
    return diff_rulesets(old.data, new.data, str(old_path), str(new_path))


# --- comparing -----------------------------------------------------------------------------

def diff_rulesets(old: dict, new: dict, old_path: str = "OLD", new_path: str = "NEW") -> RulesetDiff:
    result = RulesetDiff(old_path, new_path, str(old.get("id", "?")), str(new.get("id", "?")))
    changes = result.changes
    for section in _sections(old, new):
        if section == "rules":
            changes.extend(_rule_changes(old.get("rules") or [], new.get("rules") or []))
        else:
            _compare_member(old, new, section, section,
                            lambda *args, section=section: changes.append(Change(section, *args)))
    for key in IDENTITY_KEYS:
        _compare_member(old, new, key, key, lambda *args: changes.append(Change("identity", *args)))
    return result


def _sections(old: dict, new: dict) -> list[str]:
    written = [key for key in [*new, *old] if key not in IDENTITY_KEYS and key != "identity"]
    ordered = [key for key in SECTION_ORDER if key in written or key == "rules"]
    ordered += [key for key in dict.fromkeys(written) if key not in ordered]
    return ordered


Emit = Callable[..., None]     # emit(action, path, old, new)


def _compare_member(old: dict, new: dict, key: str, path: str, emit: Emit) -> None:
    if key not in old and key not in new:
        return
    if key not in new:
        emit("removed", path, old[key], None)
    elif key not in old:
        emit("added", path, None, new[key])
    else:
        compare(old[key], new[key], path, emit)


def compare(old: Any, new: Any, path: str, emit: Emit) -> None:
    """Emit the differences between two values of a rule file, leaf by leaf."""
    if old == new:
        return
    if is_dated(old) or is_dated(new):
        emit("changed", path, old, new)
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            _compare_member(old, new, key, _join(path, key), emit)
    elif isinstance(old, list) and isinstance(new, list):
        _compare_lists(old, new, path, emit)
    else:
        emit("changed", path, old, new)


def _compare_lists(old: list, new: list, path: str, emit: Emit) -> None:
    if all(_is_plain(item) for item in [*old, *new]):
        removed = [item for item in old if item not in new]
        added = [item for item in new if item not in old]
        for item in removed:
            emit("removed", path, item, None)
        for item in added:
            emit("added", path, None, item)
        if not removed and not added:
            emit("changed", _join(path, "(order)"), old, new)
        return
    key = _identity_key(old, new)
    if key is None:
        for index in range(max(len(old), len(new))):
            step = f"{path}[{index}]"
            if index >= len(new):
                emit("removed", step, old[index], None)
            elif index >= len(old):
                emit("added", step, None, new[index])
            else:
                compare(old[index], new[index], step, emit)
        return
    old_by, new_by = {item[key]: item for item in old}, {item[key]: item for item in new}
    for name in dict.fromkeys([*old_by, *new_by]):
        step = f"{path}[{name}]"
        if name not in new_by:
            emit("removed", step, old_by[name], None)
        elif name not in old_by:
            emit("added", step, None, new_by[name])
        else:
            compare(old_by[name], new_by[name], step, emit)


def _rule_changes(old_rules: list[dict], new_rules: list[dict]) -> list[Change]:
    old_by = {rule.get("id"): rule for rule in old_rules if isinstance(rule, dict)}
    new_by = {rule.get("id"): rule for rule in new_rules if isinstance(rule, dict)}
    changes: list[Change] = []
    for rule_id in dict.fromkeys([*new_by, *old_by]):
        if rule_id not in old_by:
            changes.append(Change("rules", "added", "", None, new_by[rule_id], rule=rule_id))
        elif rule_id not in new_by:
            changes.append(Change("rules", "removed", "", old_by[rule_id], None, rule=rule_id))
        else:
            compare({k: v for k, v in old_by[rule_id].items() if k != "id"},
                    {k: v for k, v in new_by[rule_id].items() if k != "id"}, "",
                    lambda action, path, old, new, rule_id=rule_id:
                        changes.append(Change("rules", action, path, old, new, rule=rule_id)))
    return changes


def is_dated(value: Any) -> bool:
    """A value by date: a mapping whose keys are all dates (YYYY-MM-DD)."""
    return isinstance(value, dict) and bool(value) and all(_DATE_KEY.match(str(key)) for key in value)


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _identity_key(old: list, new: list) -> str | None:
    items = [*old, *new]
    for key in _IDENTITY_OF_ITEMS:
        if all(isinstance(item, dict) and _is_plain(item.get(key)) and key in item for item in items):
            if len({item[key] for item in old}) == len(old) and len({item[key] for item in new}) == len(new):
                return key
    return None


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


# --- showing -------------------------------------------------------------------------------

def show_value(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A value as the rule file's reader knows it; a dated value with the date of each."""
    if value is None:
        return "—"
    if value is True or value is False:
        return "true" if value else "false"
    if is_dated(value):
        parts = [say(MESSAGES, "from_date", lang, value=show_value(item, lang), date=day)
                 for day, item in sorted(value.items())]
        return ("；" if lang == "zh" else "; ").join(parts)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {show_value(item, lang)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(show_value(item, lang) for item in value) + "]"
    return " ".join(str(value).split())


def _section_name(section: str, lang: str) -> str:
    entry = SECTIONS.get(section)
    return entry.get(lang, entry["zh"]) if entry else section


def _rule_title(rule_id: str, lang: str, extra: str = "") -> str:
    """feedback-deadline（限时反馈）; with `extra`: feedback-deadline（限时反馈；条款 2.1.3，deadline）."""
    name = rule_name(rule_id, lang)
    inside = [part for part in (name if name != rule_id else "", extra) if part]
    if not inside:
        return rule_id
    if lang == "zh":
        return f"{rule_id}（{'；'.join(inside)}）"
    return f"{rule_id} ({'; '.join(inside)})"


def _rule_summary(rule: dict, lang: str) -> str:
    kinds = [rule.get("kind")] if rule.get("kind") else [c.get("kind") for c in rule.get("checks") or []]
    return say(MESSAGES, "rule_summary", lang, clause=rule.get("clause", "?"),
               kind="/".join(dict.fromkeys(str(kind) for kind in kinds if kind)) or "?")


def _change_text(change: Change, lang: str) -> str:
    """`path：old → new`, `path：item` for an added or removed item."""
    colon = "：" if lang == "zh" else ": "
    label = change.path
    if change.action == "changed":
        value = f"{show_value(change.old, lang)} → {show_value(change.new, lang)}"
    else:
        value = show_value(change.new if change.action == "added" else change.old, lang)
    return f"{label}{colon}{value}" if label else value


def _grouped(result: RulesetDiff) -> list[tuple[str, list[Change]]]:
    groups: dict[str, list[Change]] = {}
    for change in result.changes:
        groups.setdefault(change.section, []).append(change)
    return list(groups.items())


def render(result: RulesetDiff, output_format: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _RENDERERS[output_format](result, lang)


def render_text(result: RulesetDiff, lang: str = DEFAULT_LANGUAGE) -> str:
    lines = [say(MESSAGES, "heading", lang, old=result.old_path, old_id=result.old_id,
                 new=result.new_path, new_id=result.new_id)]
    if result.identical:
        lines.append(say(MESSAGES, "identical", lang))
        return "\n".join(lines)
    for section, changes in _grouped(result):
        lines.append("")
        lines.append(_section_name(section, lang))
        if section == "rules":
            lines += _rule_lines(changes, lang)
        else:
            lines += [f"  {say(MESSAGES, change.action, lang)} {_change_text(change, lang)}"
                      for change in changes]
    lines.append("")
    lines.append(say(MESSAGES, "count", lang, count=len(result.changes)))
    return "\n".join(lines)


def _rule_lines(changes: list[Change], lang: str) -> list[str]:
    lines: list[str] = []
    by_rule: dict[str, list[Change]] = {}
    for change in changes:
        by_rule.setdefault(change.rule, []).append(change)
    for rule_id, rule_changes in by_rule.items():
        whole = [change for change in rule_changes if change.path == ""]
        if whole:
            change = whole[0]
            rule = change.new if change.action == "added" else change.old
            title = _rule_title(rule_id, lang, _rule_summary(rule, lang))
            lines.append(f"  {say(MESSAGES, change.action, lang)} {title}")
            continue
        lines.append(f"  {say(MESSAGES, 'changed', lang)} {_rule_title(rule_id, lang)}")
        for change in rule_changes:
            action = "" if change.action == "changed" else say(MESSAGES, change.action, lang) + " "
            lines.append(f"      {action}{_change_text(change, lang)}")
    return lines


def render_json(result: RulesetDiff, lang: str = DEFAULT_LANGUAGE) -> str:
    document = {
        "old": {"path": result.old_path, "id": result.old_id},
        "new": {"path": result.new_path, "id": result.new_id},
        "identical": result.identical,
        "changes": [{"section": change.section, "action": change.action, "rule": change.rule,
                     "path": change.path, "old": change.old, "new": change.new}
                    for change in result.changes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def render_markdown(result: RulesetDiff, lang: str = DEFAULT_LANGUAGE) -> str:
    lines = ["# " + say(MESSAGES, "heading", lang, old=result.old_path, old_id=result.old_id,
                        new=result.new_path, new_id=result.new_id), ""]
    if result.identical:
        lines.append(say(MESSAGES, "identical", lang))
        return "\n".join(lines) + "\n"
    lines.append(say(MESSAGES, "count", lang, count=len(result.changes)))
    for section, changes in _grouped(result):
        lines += ["", f"## {_section_name(section, lang)}", ""]
        columns = ["change", "item", "old", "new"]
        if section == "rules":
            columns.insert(1, "rule")
        lines.append("| " + " | ".join(say(MESSAGES, f"column_{c}", lang) for c in columns) + " |")
        lines.append("|" + "---|" * len(columns))
        for change in changes:
            cells = [say(MESSAGES, change.action, lang), change.path,
                     show_value(change.old, lang) if change.old is not None else "",
                     show_value(change.new, lang) if change.new is not None else ""]
            if section == "rules":
                cells.insert(1, _rule_title(change.rule, lang))
                if change.path == "":
                    rule = change.new if change.action == "added" else change.old
                    cells[2] = _rule_summary(rule, lang)
                    cells[3] = cells[4] = ""
            lines.append("| " + " | ".join(_md_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


_RENDERERS = {"text": render_text, "json": render_json, "md": render_markdown}
