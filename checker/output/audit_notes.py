"""What every audit output says besides the findings: the rules it could not judge
(`Unjudged`, once per audit) and the data-quality notes (`DataNote`, per ticket).

Each renderer turns these rows into its own form (a table, a sheet, annotations, JSON);
the words are decided here, once.
"""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, pick, say
from checker.model import AuditResult, DataNote, Unjudged
from checker.output.labels import event_name, rule_label
from checker.output.phrasing import joined
from checker.output.sanitize import mask_personal

TEXT: dict[str, dict[str, str]] = {
    "unjudged_title": {"zh": "无法核查的规则", "en": "Rules not checkable"},
    "unjudged_heading": {"zh": "无法核查的规则（{count} 项）", "en": "Rules not checkable ({count})"},
    "data_notes_title": {"zh": "数据质量提示", "en": "Data-quality notes"},
    "data_notes_heading": {"zh": "数据质量提示（{count} 条）", "en": "Data-quality notes ({count})"},
    "reason_unrecorded": {"zh": "导出未记录：{missing}", "en": "not recorded by the export: {missing}"},
    "reason_no_calendar": {"zh": "日历缺少年份：{missing}", "en": "calendar lacks the year(s): {missing}"},
    "unjudged_sentence": {
        "zh": "{rule}（{rule_id}）无法核查：{reason}；涉及 {tickets} 张工单，未按违规计。来源：{sources}",
        "en": "{rule} ({rule_id}) not checkable: {reason}; {tickets} ticket(s) concerned, not "
              "counted as violations. Source: {sources}"},
    "field_actor": {"zh": "{event}的操作人", "en": "who acted on {event}"},
    "field_at": {"zh": "{event}的时间", "en": "time of {event}"},
    "field_other": {"zh": "{event}的{field}", "en": "{field} of {event}"},
    "summary_unjudged": {"zh": "；{count} 项规则无法核查", "en": "; {count} rule(s) not checkable"},
    "summary_notes": {"zh": "；数据质量提示 {count} 条", "en": "; {count} data-quality note(s)"},
    "col_rule": {"zh": "规则", "en": "Rule"},
    "col_rule_id": {"zh": "规则编号", "en": "Rule id"},
    "col_reason": {"zh": "原因", "en": "Reason"},
    "col_tickets": {"zh": "涉及工单数", "en": "Tickets"},
    "col_sources": {"zh": "来源", "en": "Source"},
    "col_ticket": {"zh": "工单编号", "en": "Ticket"},
    "col_kind": {"zh": "类型", "en": "Kind"},
    "col_message": {"zh": "说明", "en": "Note"},
    "col_line": {"zh": "行", "en": "Line"},
}

UNJUDGED_COLUMNS = ("col_rule", "col_rule_id", "col_reason", "col_tickets", "col_sources")
DATA_NOTE_COLUMNS = ("col_ticket", "col_kind", "col_message", "col_sources", "col_line")

# Names of the data-note kinds; a kind without a name here is shown as its key.
KINDS: dict[str, dict[str, str]] = {
    "assumed_approval": {"zh": "推定延期审批", "en": "assumed approval"},
    "assumed_approval_time": {"zh": "推定审批时间", "en": "assumed approval time"},
    "unknown_approver": {"zh": "审批人未记录", "en": "approver not recorded"},
    "unknown_unit": {"zh": "未知承办单位", "en": "unknown unit"},
    "urgency_mismatch": {"zh": "紧急程度不符", "en": "urgency mismatch"},
    "attribute_conflict": {"zh": "工单属性不一致", "en": "conflicting ticket attribute"},
}


def _say(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def missing_name(item: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """同意延期 for an event; 同意延期的操作人 for `extension_approved.actor`."""
    event, _, field = item.partition(".")
    if not field:
        return event_name(event, lang)
    from checker.logs.rows import column_label
    key = f"field_{field}" if field in ("actor", "at") else "field_other"
    return _say(key, lang, event=event_name(event, lang), field=column_label(field, lang))


def unjudged_reason(item: Unjudged, lang: str = DEFAULT_LANGUAGE) -> str:
    names = joined((missing_name(m, lang) if item.reason == "unrecorded" else str(m)
                    for m in item.missing), lang)
    key = "reason_no_calendar" if item.reason == "no_calendar" else "reason_unrecorded"
    return _say(key, lang, missing=names)


def unjudged_row(item: Unjudged, lang: str = DEFAULT_LANGUAGE) -> list:
    """[rule label, rule id, reason, tickets, sources]: one row of any unjudged table."""
    rule_id = item.rule if item.check is None else f"{item.rule}/{item.check}"
    return [rule_label(item.rule, item.check, lang), rule_id, unjudged_reason(item, lang),
            item.tickets, joined(item.sources, lang)]


def unjudged_sentence(item: Unjudged, lang: str = DEFAULT_LANGUAGE) -> str:
    label, rule_id, reason, tickets, sources = unjudged_row(item, lang)
    return _say("unjudged_sentence", lang, rule=label, rule_id=rule_id, reason=reason,
                tickets=tickets, sources=sources or "—")


def kind_name(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    entry = KINDS.get(kind)
    return kind if entry is None else pick(entry, lang)


def data_note_row(note: DataNote, lang: str = DEFAULT_LANGUAGE) -> list:
    """[ticket, kind, message, source, line]: one row of any data-note table (masked)."""
    return [note.ticket_id or "", kind_name(note.kind, lang), mask_personal(note.message) or "",
            note.source, note.line or ""]


def unjudged_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [_say(key, lang) for key in UNJUDGED_COLUMNS]


def data_note_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return [_say(key, lang) for key in DATA_NOTE_COLUMNS]


def heading(which: str, count: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """无法核查的规则（2 项） / 数据质量提示（3 条）; `which` is `unjudged` or `data_notes`."""
    return _say(f"{which}_heading", lang, count=count)


def title(which: str, lang: str = DEFAULT_LANGUAGE) -> str:
    return _say(f"{which}_title", lang)


def sections(result: AuditResult, lang: str = DEFAULT_LANGUAGE, note_rows: bool = True,
             first_rows=None) -> list[tuple[str, str, list[str], list[list]]]:
    """(which, heading, headers, rows) of the non-empty tables, unjudged rules first:
    what a tabular renderer (table, csv, xlsx, md) shows after the findings. `note_rows=False`:
    the data notes' rows left empty, for a renderer that writes them from columns.
    `first_rows`: how many rows of a table of so many to give (all when not given)."""
    def first(items):
        return items if first_rows is None else items[:first_rows(len(items))]

    found = []
    if result.unjudged:
        found.append(("unjudged", heading("unjudged", len(result.unjudged), lang), unjudged_headers(lang),
                      [unjudged_row(item, lang) for item in first(result.unjudged)]))
    if result.data_notes:
        found.append(("data_notes", heading("data_notes", len(result.data_notes), lang),
                      data_note_headers(lang),
                      [data_note_row(note, lang) for note in first(result.data_notes)] if note_rows else []))
    return found


def summary_suffix(result: AuditResult, lang: str = DEFAULT_LANGUAGE) -> str:
    """What the one-line summary adds: how many rules were not checkable, how many notes."""
    suffix = ""
    if result.unjudged:
        suffix += _say("summary_unjudged", lang, count=len(result.unjudged))
    if result.data_notes:
        suffix += _say("summary_notes", lang, count=len(result.data_notes))
    return suffix


def unjudged_to_dict(item: Unjudged) -> dict:
    return {"rule": item.rule, "check": item.check, "reason": item.reason,
            "missing": list(item.missing), "tickets": item.tickets,
            "sources": list(item.sources)}


def data_note_to_dict(note: DataNote) -> dict:
    return {"kind": note.kind, "ticket_id": note.ticket_id, "rule": note.rule,
            "message": mask_personal(note.message), "source": note.source,
            "line": note.line}
