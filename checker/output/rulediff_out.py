"""The changes between two rule sets (checker.rulediff) as text, JSON or Markdown."""

from __future__ import annotations

import json
from typing import Any

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.labels import rule_name
from checker.output.phrasing import colon, semicolon, with_aside
from checker.durations import is_dated_value
from checker.rulediff import Change, RulesetDiff

FORMATS = ("text", "json", "md")

SECTIONS = {
    "identity": {"zh": "标识", "en": "Identity"},
    "office": {"zh": "热线办", "en": "Office"},
    "classes": {"zh": "时限类别", "en": "Deadline classes"},
    "classification": {"zh": "分类", "en": "Classification"},
    "units": {"zh": "承办单位", "en": "Units"},
    "rules": {"zh": "规则", "en": "Rules"},
    "key_tickets": {"zh": "重点工单", "en": "Key tickets"},
    "leader_days": {"zh": "领导接听日", "en": "Leaders' answering days"},
    "rates": {"zh": "考核指标", "en": "Assessment"},
    "ranking": {"zh": "排名", "en": "Ranking"},
    "recurring_issues": {"zh": "反映集中的问题", "en": "Recurring issues"},
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
    "column_change": {"zh": "变更", "en": "Change"},
    "column_rule": {"zh": "规则", "en": "Rule"},
    "column_item": {"zh": "项目", "en": "Item"},
    "column_old": {"zh": "原值", "en": "Old"},
    "column_new": {"zh": "新值", "en": "New"},
}


def show_value(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A value as the rule file's reader knows it; a dated value with the date of each."""
    if value is None:
        return "—"
    if value is True or value is False:
        return "true" if value else "false"
    if is_dated_value(value):
        parts = [say(MESSAGES, "from_date", lang, value=show_value(item, lang), date=day)
                 for day, item in sorted(value.items())]
        return semicolon(lang).join(parts)
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
    return with_aside(rule_id, semicolon(lang).join(inside), lang)


def _rule_summary(rule: dict, lang: str) -> str:
    kinds = [rule.get("kind")] if rule.get("kind") else [c.get("kind") for c in rule.get("checks") or []]
    return say(MESSAGES, "rule_summary", lang, clause=rule.get("clause", "?"),
               kind="/".join(dict.fromkeys(str(kind) for kind in kinds if kind)) or "?")


def _change_text(change: Change, lang: str) -> str:
    """`path：old → new`, `path：item` for an added or removed item."""
    label = change.path
    if change.action == "changed":
        value = f"{show_value(change.old, lang)} → {show_value(change.new, lang)}"
    else:
        value = show_value(change.new if change.action == "added" else change.old, lang)
    return f"{label}{colon(lang)}{value}" if label else value


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
