"""The text of `hotline-check explain`: a ticket's timeline, its rules and their due times."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from checker.i18n import say
from checker.output.labels import event_name, field_name, field_value, rule_label, severity_name
from checker.output.phrasing import colon
from checker.output.sanitize import mask_personal
from checker.timefmt import day_text, local_text, local_text_of_iso

_TEXT = {
    "title": {"zh": "工单 {ticket}（截至 {as_of}）", "en": "Ticket {ticket} (as of {as_of})"},
    "class": {"zh": "时限类别：{name}（{source}）；紧急：{urgent}；重点类别：{key_category}；当前承办单位：{unit}",
              "en": "Deadline class: {name} ({cls}, {source}); urgent: {urgent}; key category: {key_category}; unit now: {unit}"},
    "by_category": {"zh": "按诉求类别“{category}”确定", "en": "from category '{category}'"},
    "explicit": {"zh": "日志直接指定", "en": "stated in the log"},
    "timeline": {"zh": "时间线", "en": "Timeline"},
    "rules": {"zh": "适用规则", "en": "Rules"},
    "not_applied": {"zh": "  （本工单未触发）", "en": "  (not triggered for this ticket)"},
    "condition_not_met": {"zh": "  {event} {at}：{day}，不符合适用条件，本条不适用",
                          "en": "  {event} {at}: {day}; the rule's condition is not met, so it does not apply"},
    "day": {"zh": "{date}（星期{weekday}），{kind}", "en": "{date} ({weekday}), {kind}"},
    "workday": {"zh": "工作日", "en": "a workday"},
    "makeup": {"zh": "调休上班日（{name}），工作日", "en": "a make-up workday (for {name})"},
    "holiday": {"zh": "{name}假期，非工作日", "en": "the {name} holiday, not a workday"},
    "weekend": {"zh": "周末，非工作日", "en": "a weekend day, not a workday"},
    "start_day": {"zh": "    起算日：{day}", "en": "    start day: {day}"},
    "cycle": {"zh": "  {start_event} {start} → 应于 {due} 前完成（{unit}）", "en": "  {start_event} {start} → due {due} ({unit})"},
    "how": {"zh": "    计算：{how}", "en": "    computed: {how}"},
    "extended": {"zh": "    经办公室同意延期（{at}），承诺办结时间 {promised}", "en": "    extended by the office ({at}) to {promised}"},
    "state_met": {"zh": "    结果：按时（{end}）", "en": "    result: on time ({end})"},
    "state_late": {"zh": "    结果：超时（{end}）", "en": "    result: late ({end})"},
    "state_missed": {"zh": "    结果：未完成", "en": "    result: not done"},
    "state_pending": {"zh": "    结果：尚未到期", "en": "    result: still running"},
    "state_handed_over": {"zh": "    结果：到期前已{event}（{at}），义务终止", "en": "    result: ended by {event} at {at}, before the due time"},
    "finding": {"zh": "  ✗ {severity}：{message}；应完成 {due}，实际 {actual}", "en": "  ✗ {severity}: {message}; due {due}, actual {actual}"},
    "pending": {"zh": "  … 未到期：{message}；应完成 {due}", "en": "  … pending: {message}; due {due}"},
    "none": {"zh": "无", "en": "none"},
    "no_findings": {"zh": "结论：未发现违规。", "en": "Verdict: no violation found."},
    "verdict": {"zh": "结论：违规 {violations} 项，提示 {warnings} 项。", "en": "Verdict: {violations} violations, {warnings} warnings."},
}


def _fields(fields: dict, data: dict, tz: ZoneInfo, lang: str) -> str:
    """`渠道：电话，办理方：区热线领导小组办公室`: each logged field by its name, in words."""
    shown = []
    for name, value in fields.items():
        if name == "note":
            value = mask_personal(value)
        elif name == "actor":
            value = data.get("actor_names", {}).get(value, value) if lang == "zh" else value
        elif name == "promised_at":
            value = local_text_of_iso(value, tz, lang)
        else:
            value = field_value(name, value, lang)
        shown.append(f"{field_name(name, lang)}{colon(lang)}{value}")
    return "，".join(shown) if lang == "zh" else ", ".join(shown)


_WEEKDAYS = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def _day(status: dict, lang: str) -> str:
    if status["makeup_for"]:
        kind = say(_TEXT, "makeup", lang, name=status["makeup_for"])
    elif status["holiday"]:
        kind = say(_TEXT, "holiday", lang, name=status["holiday"])
    else:
        kind = say(_TEXT, "workday" if status["workday"] else "weekend", lang)
    return say(_TEXT, "day", lang, date=day_text(date.fromisoformat(status["date"]), lang),
               weekday=_WEEKDAYS[lang][status["weekday"] - 1], kind=kind)


def render_explanation(data: dict, lang: str = "zh") -> str:
    tz = ZoneInfo(data["timezone"])
    none = say(_TEXT, "none", lang)
    def when(value: str | None) -> str:
        return local_text_of_iso(value, tz, lang) if value else none

    lines = [say(_TEXT, "title", lang, ticket=data["ticket_id"], as_of=when(data["as_of"]))]
    source = (say(_TEXT, "explicit", lang) if data["class_source"] == "explicit"
              else say(_TEXT, "by_category", lang, category=data["category"] or none))
    lines.append(say(_TEXT, "class", lang, name=data["class_name"], cls=data["deadline_class"],
                     source=source, urgent=field_value("urgent", data["urgent"], lang), key_category=data["key_category"] or none,
                     unit=data["unit"] or none))
    lines += ["", say(_TEXT, "timeline", lang)]
    for item in data["timeline"]:
        event = event_name(item["event"], lang)
        lines.append(f"  {when(item['at'])}  {event}  "
                     f"{_fields(item['fields'], data, tz, lang)}  [{item['source']}:{item['line']}]")
    lines += ["", say(_TEXT, "rules", lang)]
    violations = warnings = 0
    for rule in data["rules"]:
        header = f"{rule_label(rule['rule'], rule['check'], lang)} [{rule['rule']}" + (f"/{rule['check']}" if rule["check"] else "")
        lines.append(f"{header}] {rule['clause']} {severity_name(rule['severity'], lang)} — {rule['quote']}")
        for skipped in rule.get("not_applied", ()):
            lines.append(say(_TEXT, "condition_not_met", lang, event=event_name(skipped["event"], lang),
                             at=when(skipped["at"]), day=_day(skipped["day"], lang)))
        if rule["kind"] == "deadline" and not rule["cycles"] and not rule.get("not_applied"):
            lines.append(say(_TEXT, "not_applied", lang))
        for cycle in rule["cycles"]:
            lines.append(say(_TEXT, "cycle", lang, start_event=event_name(cycle["start_event"], lang),
                             start=when(cycle["start"]), due=when(cycle["due"]), unit=cycle["unit"] or none))
            lines.append(say(_TEXT, "start_day", lang, day=_day(cycle["start_day"], lang)))
            lines.append(say(_TEXT, "how", lang, how=cycle["how"]))
            for extension in cycle["extensions"]:
                lines.append(say(_TEXT, "extended", lang, at=when(extension["at"]),
                                 promised=when(extension["promised_at"])))
            state = cycle["state"]
            if state == "handed_over":
                lines.append(say(_TEXT, "state_handed_over", lang,
                                 event=event_name(cycle["boundary"]["event"], lang), at=when(cycle["boundary"]["at"])))
            else:
                lines.append(say(_TEXT, f"state_{state}", lang, end=when(cycle["end"])))
        for finding in rule["findings"]:
            key = "pending" if finding.status == "pending" else "finding"
            if finding.status != "pending":
                if finding.severity == "violation":
                    violations += 1
                else:
                    warnings += 1
            lines.append(say(_TEXT, key, lang, severity=severity_name(finding.severity, lang),
                             message=finding.message, due=local_text(finding.due, tz, lang) or none,
                             actual=local_text(finding.actual, tz, lang) or none))
    lines.append("")
    lines.append(say(_TEXT, "verdict", lang, violations=violations, warnings=warnings)
                 if violations or warnings else say(_TEXT, "no_findings", lang))
    return "\n".join(lines) + "\n"
