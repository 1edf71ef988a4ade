"""Display names of rules, severities, statuses, events and columns, in Chinese and English.

These are names only: what a rule checks lives in the rule set, and so do the names of its
rules and checks (`title:`, registered as a rule set is built). A rule without a title is
shown by its id.
"""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, pick, say
from checker.output.phrasing import duration_text
from checker.vocabulary import EVENT_NAMES_ZH

# The names of rules and of their named checks are the rule set's (`title:` of each rule and
# check); every rule set built registers them here (register_titles), so a finding renderer
# needs only the id. The checks the `leader_day` kind itself makes are named by the kind.
RULES: dict[str, dict[str, str]] = {}
CHECKS: dict[str, dict[str, str]] = {
    "scheduled-date": {"zh": "按期举行", "en": "held on schedule"},
    "leader-present": {"zh": "主要领导到场", "en": "leader present"},
    "on-site-dispatch": {"zh": "现场派单", "en": "dispatched on site"},
}


_REGISTERED = {"any": False}


def register_titles(rules: list[dict]) -> None:
    """The display titles a rule set gives its rules and checks (`title: {zh, en}`)."""
    _REGISTERED["any"] = True
    for rule in rules:
        if rule.get("title"):
            RULES[rule["id"]] = _as_texts(rule["title"])
        for check in rule.get("checks") or ():
            if check.get("title"):
                CHECKS[check["name"]] = _as_texts(check["title"])


def _as_texts(title) -> dict[str, str]:
    return dict(title) if isinstance(title, dict) else {"zh": str(title)}


def _titles_known() -> None:
    """Before any rule set is built (a renderer used on its own), the shipped rule set's titles:
    the rule set every command uses when none is named."""
    if not _REGISTERED["any"]:
        from checker import resources
        from checker.yamlio import load_yaml_file
        register_titles(load_yaml_file(resources.default_ruleset_path()).data.get("rules") or [])


# 提示, not 提醒: 提醒督促 is the office's reminder to a unit (clause 3.2), another thing.
SEVERITIES: dict[str, dict[str, str]] = {
    "violation": {"zh": "违规", "en": "violation"},
    "warning": {"zh": "提示", "en": "warning"},
}

STATUSES: dict[str, dict[str, str]] = {
    "violated": {"zh": "已违反", "en": "violated"},
    "pending": {"zh": "进行中", "en": "running"},
}

# What a still running obligation is called where a finding's severity would be shown: it
# is no violation (yet), and must never read as one.
PENDING_VERDICT = {"zh": "未到期", "en": "pending"}

COLUMNS: dict[str, dict[str, str]] = {
    "ticket_id": {"zh": "工单编号", "en": "Ticket"},
    "unit": {"zh": "承办单位", "en": "Unit"},
    "rule": {"zh": "规则", "en": "Rule"},
    "rule_name": {"zh": "规则名称", "en": "Rule name"},
    "check": {"zh": "检查项", "en": "Check"},
    "clause": {"zh": "条款", "en": "Clause"},
    "severity": {"zh": "级别", "en": "Severity"},
    "status": {"zh": "状态", "en": "Status"},
    "responsible": {"zh": "责任方", "en": "Responsible"},
    "due": {"zh": "应完成时间", "en": "Due"},
    "actual": {"zh": "实际时间", "en": "Actual"},
    "overdue": {"zh": "超时", "en": "Overdue"},
    "overdue_minutes": {"zh": "超时分钟数", "en": "Overdue minutes"},
    "message": {"zh": "说明", "en": "Message"},
    "note": {"zh": "备注", "en": "Note"},
    "source": {"zh": "来源", "en": "Source"},
    "sheet": {"zh": "工作表", "en": "Sheet"},
    "line": {"zh": "行", "en": "Line"},
    "reason": {"zh": "原因", "en": "Reason"},
    "count": {"zh": "数量", "en": "Count"},
    "item": {"zh": "项目", "en": "Item"},
    "value": {"zh": "值", "en": "Value"},
    "violations": {"zh": "违规", "en": "Violations"},
    "warnings": {"zh": "提示", "en": "Warnings"},
    "pending": {"zh": "未到期", "en": "Pending"},
    "rows": {"zh": "行数", "en": "Rows"},
    "events": {"zh": "事件数", "en": "Events"},
    "rejected": {"zh": "被拒行数", "en": "Rejected rows"},
    "tickets": {"zh": "工单数", "en": "Tickets"},
    "ruleset": {"zh": "规则集", "en": "Rule set"},
    "ruleset_source": {"zh": "依据", "en": "Source"},
    "ruleset_file": {"zh": "规则集文件", "en": "Rule set file"},
    "ruleset_hash": {"zh": "规则集内容摘要", "en": "Rule set hash"},
    "as_of": {"zh": "截至", "en": "As of"},
}

RESPONSIBLE: dict[str, dict[str, str]] = {
    "unit": {"zh": "承办单位", "en": "unit"},
    "office": {"zh": "热线办", "en": "hotline office"},
}


def _name(table: dict[str, dict[str, str]], key: str | None, lang: str) -> str:
    if key is None:
        return ""
    entry = table.get(key)
    if entry is None:
        return key
    return pick(entry, lang)


def rule_name(rule_id: str, lang: str = DEFAULT_LANGUAGE) -> str:
    _titles_known()
    return _name(RULES, rule_id, lang)


def check_name(check: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    _titles_known()
    return "" if check is None else _name(CHECKS, check, lang)


def rule_label(rule_id: str, check: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """联系群众 · 反馈前联系: the rule's name, and its check's when it has several."""
    name = rule_name(rule_id, lang)
    return f"{name} · {check_name(check, lang)}" if check else name


def severity_name(severity: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _name(SEVERITIES, severity, lang)


def status_name(status: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _name(STATUSES, status, lang)


def verdict_name(finding, lang: str = DEFAULT_LANGUAGE) -> str:
    """违规 / 提示 for a broken obligation, 未到期 for one still running."""
    if finding.status == "pending":
        return pick(PENDING_VERDICT, lang)
    return severity_name(finding.severity, lang)


# The logged fields as explain shows them, and their values in words.
FIELDS: dict[str, dict[str, str]] = {
    "unit": {"zh": "承办单位", "en": "unit"},
    "actor": {"zh": "办理方", "en": "actor"},
    "category": {"zh": "诉求类别", "en": "category"},
    "deadline_class": {"zh": "时限类别", "en": "deadline class"},
    "urgent": {"zh": "紧急", "en": "urgent"},
    "key_category": {"zh": "重点类别", "en": "key category"},
    "resolved": {"zh": "是否解决", "en": "resolved"},
    "satisfaction": {"zh": "满意度", "en": "satisfaction"},
    "promised_at": {"zh": "承诺办结时间", "en": "promised by"},
    "outcome": {"zh": "办结方式", "en": "outcome"},
    "channel": {"zh": "渠道", "en": "channel"},
    "note": {"zh": "备注", "en": "note"},
}

VALUES: dict[str, dict[str, dict[str, str]]] = {
    "satisfaction": {"satisfied": {"zh": "满意", "en": "satisfied"},
                     "basically_satisfied": {"zh": "基本满意", "en": "basically satisfied"},
                     "unsatisfied": {"zh": "不满意", "en": "unsatisfied"}},
    "outcome": {"handled": {"zh": "办结", "en": "handled"}, "archived": {"zh": "归档", "en": "archived"}},
    "channel": {"phone": {"zh": "电话", "en": "phone"}, "sms": {"zh": "短信", "en": "text message"},
                "letter": {"zh": "来信", "en": "letter"}, "on_site": {"zh": "现场", "en": "on site"},
                "leader_day": {"zh": "领导接听日", "en": "leaders' answering day"},
                "web": {"zh": "网站", "en": "website"}, "wechat": {"zh": "微信", "en": "WeChat"},
                "email": {"zh": "电子邮件", "en": "e-mail"}, "app": {"zh": "移动客户端", "en": "app"}},
    "deadline_class": {"emergency": {"zh": "突发事件、不稳定因素类", "en": "emergency"},
                       "basic_living": {"zh": "群众基本生活保障类", "en": "basic living"},
                       "other": {"zh": "其他类", "en": "other"}},
}
_YES_NO = {True: {"zh": "是", "en": "yes"}, False: {"zh": "否", "en": "no"}}


def field_name(field: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _name(FIELDS, field, lang)


def field_value(field: str, value, lang: str = DEFAULT_LANGUAGE) -> str:
    """是/否 for a yes-or-no field, 满意 for `satisfied`, 电话 for `phone`; other values as logged."""
    if isinstance(value, bool):
        return pick(_YES_NO[value], lang)
    if value is None:
        return ""
    return _name(VALUES.get(field, {}), str(value), lang)


def responsible_name(responsible: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _name(RESPONSIBLE, responsible, lang)


def column_name(column: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return say(COLUMNS, column, lang)


def event_name(event: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """受理 / received; an unknown event name is shown as itself."""
    if lang == "zh":
        return EVENT_NAMES_ZH.get(event, event)
    return event.replace("_", " ")


# --- sentences and figures shared by the renderers -------------------------------------

_TEXT: dict[str, dict[str, str]] = {
    "no_unit": {"zh": "（未指定承办单位）", "en": "(no unit)"},
    "summary": {
        "zh": "共 {rows} 行，{events} 个事件，{rejected} 行被拒；{tickets} 张工单；"
              "违规 {violations} 项，提示 {warnings} 项",
        "en": "{rows} rows, {events} events, {rejected} rejected; {tickets} tickets; "
              "violations: {violations}, warnings: {warnings}"},
    "summary_pending": {"zh": "，未到期 {pending} 项", "en": ", pending: {pending}"},
    "not_done": {"zh": "未办理", "en": "not done"},
    "not_due": {"zh": "未到期", "en": "not yet due"},
    "under_minute": {"zh": "不足1分钟", "en": "under 1 min"},
    "days": {"zh": "{n}天", "en": "{n}d"},
    "hours": {"zh": "{n}小时", "en": "{n}h"},
    "minutes": {"zh": "{n}分", "en": "{n}m"},
    "unit_heading": {"zh": "{unit}（{count} 项）", "en": "{unit} ({count})"},
    "title": {"zh": "工单合规审计：{ruleset}（{source}），截至 {as_of}",
              "en": "Ticket compliance audit: {ruleset} ({source}), as of {as_of}"},
    "findings": {"zh": "违规清单", "en": "Findings"},
    "rejected_rows": {"zh": "被拒行", "en": "Rejected rows"},
    "rejected_heading": {"zh": "被拒行（{count} 行）", "en": "Rejected rows ({count})"},
    "summary_title": {"zh": "汇总", "en": "Summary"},
    "none_found": {"zh": "未发现问题。", "en": "No findings."},
    "note_prefix": {"zh": "备注：", "en": "Note: "},
    "by_unit": {"zh": "按承办单位", "en": "By unit"},
    "by_rule": {"zh": "按规则", "en": "By rule"},
    "ruleset_used": {"zh": "所用规则集：{file}（内容摘要 {hash}）", "en": "Rule set used: {file} (hash {hash})"},
    "versions_list": {"zh": "，各版本：{versions}", "en": "; versions: {versions}"},
}


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    return say(_TEXT, key, lang, **values)


def unit_name(unit: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    return unit if unit else text("no_unit", lang)


def source_name(rejected) -> str:
    """Where a rejected row came from: the file, and the worksheet of an XLSX file."""
    return rejected.source if rejected.sheet is None else f"{rejected.source} [{rejected.sheet}]"


def summary_line(summary: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    line = text("summary", lang, **summary)
    if summary.get("pending"):
        line += text("summary_pending", lang, pending=summary["pending"])
    return line


def ruleset_used(file: str, content_hash: str, lang: str = DEFAULT_LANGUAGE,
                 versions: list[dict] | None = None) -> str:
    """所用规则集：rules/nanzheng-2024.yaml（内容摘要 ez4hxlqkyo3m）; empty without a file.
    A folder of versions adds each version and its period."""
    if not file:
        return ""
    line = text("ruleset_used", lang, file=file, hash=content_hash or "?")
    if versions:
        from checker.versions import periods_text
        line += text("versions_list", lang, versions=periods_text(versions, lang))
    return line


def ruleset_ref(file: str, content_hash: str) -> str:
    """rules/nanzheng-2024.yaml@ez4hxlqkyo3m: the rule set in one cell."""
    return f"{file}@{content_hash}" if content_hash else file


def overdue_seconds(finding) -> int | None:
    """How late the required event came; None when it never came, is not due, or was on time."""
    if finding.status != "violated" or finding.due is None or finding.actual is None:
        return None
    late = finding.actual - finding.due
    return late if late > 0 else None


def overdue_minutes(finding) -> int | None:
    late = overdue_seconds(finding)
    return None if late is None else late // 60


def overdue_text(finding, lang: str = DEFAULT_LANGUAGE) -> str:
    """2小时32分 / 未办理 / 未到期; empty when lateness does not apply."""
    if finding.status == "pending":
        return text("not_due", lang)
    if finding.actual is None:
        return text("not_done", lang)
    late = overdue_seconds(finding)
    if late is None:
        return ""
    return duration_text(late, _TEXT, lang)


def by_unit(findings) -> list[tuple[str | None, list]]:
    """Findings grouped by unit, units with most findings first, each group in input order."""
    groups: dict[str | None, list] = {}
    for finding in findings:
        groups.setdefault(finding.unit or None, []).append(finding)
    return sorted(groups.items(), key=lambda item: unit_rank(item[0], len(item[1])))


def unit_rank(unit: str | None, count: int) -> tuple:
    """Where a unit with `count` findings stands: most findings first, then by name, the
    findings without a unit last."""
    return -count, unit or "\uffff"


def rejected_reason(rejected, lang: str = DEFAULT_LANGUAGE) -> str:
    """Why a row was rejected, in the reader's language, with personal numbers masked."""
    from checker.logs import localize_reason
    from checker.output.sanitize import mask_personal
    return mask_personal(localize_reason(rejected.reason, lang)) or ""
