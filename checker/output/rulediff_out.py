"""The changes between two rule sets (checker.rulediff) as text, JSON or Markdown."""

from __future__ import annotations

import json
from typing import Any

from checker.i18n import DEFAULT_LANGUAGE, pick, say
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
    "calendar": {"zh": "工作日历（放假、调休上班）", "en": "Calendar (holidays, make-up workdays)"},
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
    "clause": {"zh": "条款 {clause}", "en": "clause {clause}"},
    "impact": {"zh": "对日志的影响：{sources}（{tickets} 张工单；发现问题 {old} 项 → {new} 项）",
               "en": "Impact on the log {sources} ({tickets} tickets; findings {old} → {new})"},
    "impact_findings": {"zh": "新增或消失的问题（{count} 项，按工单）", "en": "Findings added or removed ({count}, by ticket)"},
    "impact_none": {"zh": "  无", "en": "  none"},
    "impact_units": {"zh": "三率与排名的变化（按月、按单位）", "en": "Rates and ranks that move (by month and unit)"},
    "finding_line": {"zh": "  {action} {ticket} {rule}{check}（{unit}）{times}",
                     "en": "  {action} {ticket} {rule}{check} ({unit}) {times}"},
    "due_actual": {"zh": "应完成 {due}，实际 {actual}", "en": "due {due}, actual {actual}"},
    "unit_line": {"zh": "  {month} {unit}：{figures}", "en": "  {month} {unit}: {figures}"},
    "rank": {"zh": "名次", "en": "rank"},
    "absent": {"zh": "（无）", "en": "(none)"},
    "column_ticket": {"zh": "工单", "en": "Ticket"},
    "column_unit": {"zh": "单位", "en": "Unit"},
    "column_month": {"zh": "月份", "en": "Month"},
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
    return pick(entry, lang) if entry else section


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
        clause = rule_changes[0].clause
        lines.append(f"  {say(MESSAGES, 'changed', lang)} "
                     f"{_rule_title(rule_id, lang, say(MESSAGES, 'clause', lang, clause=clause) if clause else '')}")
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
                     "clause": change.clause, "path": change.path, "old": change.old, "new": change.new}
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
                cells.insert(1, _rule_title(change.rule, lang, say(MESSAGES, "clause", lang, clause=change.clause)
                                            if change.clause else ""))
                if change.path == "":
                    rule = change.new if change.action == "added" else change.old
                    cells[2] = _rule_summary(rule, lang)
                    cells[3] = cells[4] = ""
            lines.append("| " + " | ".join(_md_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


_RENDERERS = {"text": render_text, "json": render_json, "md": render_markdown}


# --- the impact on a log (checker.rulediff_log) ----------------------------------------------

_FIGURES = ("rank", "composite", "reply", "resolution", "satisfaction")


def _figure(value, key: str) -> str:
    if value is None:
        return "—"
    return str(value) if key == "rank" else f"{value * 100:.1f}%"


def _figure_names(lang: str) -> dict[str, str]:
    names = {"composite": {"zh": "综合得分", "en": "composite"}, "reply": {"zh": "回复率", "en": "reply"},
             "resolution": {"zh": "解决率", "en": "resolution"}, "satisfaction": {"zh": "满意率", "en": "satisfaction"}}
    return {"rank": say(MESSAGES, "rank", lang), **{key: pick(value, lang) for key, value in names.items()}}


def _moves(move, lang: str) -> list[str]:
    names = _figure_names(lang)
    if move.old is None or move.new is None:
        return [say(MESSAGES, "absent", lang) if move.old is None else names["rank"] + " " +
                _figure(move.old.get("rank"), "rank") + " → " + say(MESSAGES, "absent", lang)]
    return [f"{names[key]} {_figure(move.old.get(key), key)} → {_figure(move.new.get(key), key)}"
            for key in _FIGURES if move.old.get(key) != move.new.get(key)]


def _times(change, tz, lang: str) -> str:
    from checker.timefmt import short
    parts = []
    for finding in (change.old, change.new):
        if finding is not None:
            parts.append(say(MESSAGES, "due_actual", lang, due=short(finding.due, tz) or "—",
                             actual=short(finding.actual, tz) or "—"))
    return " → ".join(dict.fromkeys(parts)) if change.action == "changed" else parts[0]


def impact_text(impact, lang: str = DEFAULT_LANGUAGE) -> str:
    from zoneinfo import ZoneInfo
    tz = ZoneInfo(impact.timezone)
    lines = ["", say(MESSAGES, "impact", lang, sources=", ".join(impact.sources), tickets=impact.tickets,
                     old=impact.old_findings, new=impact.new_findings),
             "", say(MESSAGES, "impact_findings", lang, count=len(impact.findings))]
    lines += [say(MESSAGES, "finding_line", lang, action=say(MESSAGES, change.action, lang),
                  ticket=change.ticket_id, rule=_rule_title(change.rule, lang),
                  check=f" · {change.check}" if change.check else "", unit=change.unit or "—",
                  times=_times(change, tz, lang)) for change in impact.findings] or [say(MESSAGES, "impact_none", lang)]
    lines += ["", say(MESSAGES, "impact_units", lang)]
    lines += [say(MESSAGES, "unit_line", lang, month=move.month, unit=move.unit,
                  figures=semicolon(lang).join(_moves(move, lang))) for move in impact.units] \
        or [say(MESSAGES, "impact_none", lang)]
    return "\n".join(lines)


def impact_json(impact) -> dict:
    from zoneinfo import ZoneInfo
    from checker.timefmt import iso
    tz = ZoneInfo(impact.timezone)

    def finding(item):
        return None if item is None else {"due": iso(item.due, tz), "actual": iso(item.actual, tz),
                                          "message": item.message, "ruleset_version": item.version}
    return {"sources": impact.sources, "tickets": impact.tickets,
            "findings_before": impact.old_findings, "findings_after": impact.new_findings,
            "findings": [{"action": c.action, "ticket_id": c.ticket_id, "rule": c.rule, "check": c.check,
                          "status": c.status, "unit": c.unit, "old": finding(c.old), "new": finding(c.new)}
                         for c in impact.findings],
            "units": [{"month": m.month, "unit": m.unit, "old": m.old, "new": m.new} for m in impact.units]}


def impact_markdown(impact, lang: str = DEFAULT_LANGUAGE) -> str:
    from zoneinfo import ZoneInfo
    tz = ZoneInfo(impact.timezone)
    lines = ["", "## " + say(MESSAGES, "impact", lang, sources=", ".join(impact.sources), tickets=impact.tickets,
                             old=impact.old_findings, new=impact.new_findings),
             "", "### " + say(MESSAGES, "impact_findings", lang, count=len(impact.findings)), "",
             "| " + " | ".join(say(MESSAGES, f"column_{c}", lang) for c in ("change", "ticket", "rule", "unit", "item"))
             + " |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(_md_cell(cell) for cell in (
        say(MESSAGES, c.action, lang), c.ticket_id, _rule_title(c.rule, lang) + (f" · {c.check}" if c.check else ""),
        c.unit or "—", _times(c, tz, lang))) + " |" for c in impact.findings]
    lines += ["", "### " + say(MESSAGES, "impact_units", lang), "",
              "| " + " | ".join(say(MESSAGES, f"column_{c}", lang) for c in ("month", "unit", "change")) + " |",
              "|---|---|---|"]
    lines += ["| " + " | ".join(_md_cell(cell) for cell in (m.month, m.unit, semicolon(lang).join(_moves(m, lang))))
              + " |" for m in impact.units]
    return "\n".join(lines) + "\n"


def render_with_impact(result: RulesetDiff, impact, output_format: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The diff, then (with --log) what it does to the log."""
    if impact is None:
        return render(result, output_format, lang)
    if output_format == "json":
        document = json.loads(render_json(result, lang))
        document["log"] = impact_json(impact)
        return json.dumps(document, ensure_ascii=False, indent=2)
    if output_format == "md":
        return render_markdown(result, lang) + impact_markdown(impact, lang)
    return render_text(result, lang) + "\n" + impact_text(impact, lang)
