"""Section 6 of the monthly report (口径说明): how each figure is counted, in words, with the
rule set's weights, ranking order and quotes filled in."""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.labels import rule_name
from checker.output.phrasing import joined, with_aside
from checker.reports.rates import (RATE_KEYS, composite_weights, overdue_rules, ranking_order,
                                   satisfaction_weights)
from checker.reports.ranking_table import rate_names
from checker.ruleset import RuleSet

TEXT: dict[str, dict[str, str]] = {
    "col_item": {"zh": "项目", "en": "Item"},
    "col_text": {"zh": "说明", "en": "Definition"},
    "note_ruleset_title": {"zh": "所用规则集", "en": "Rule set used"},
    "note_ruleset": {"zh": "{title}（{source}），规则集文件 {file}，内容摘要（SHA-256 前12位）{hash}。",
                     "en": "{title} ({source}), rule set file {file}, content hash (first 12 hex of SHA-256) {hash}."},
    "note_scope_title": {"zh": "统计范围", "en": "Scope"},
    "note_scope": {
        "zh": "工单按首次派单时间（{tz}）归入月份，按最后一次派单或改派的承办单位统计；"
              "统计截至 {as_of}，此后的事件不计。",
        "en": "A ticket belongs to the month of its first dispatch ({tz}) and to the unit of its "
              "last dispatch or redispatch; events after {as_of} are not counted."},
    "note_reply": {
        "zh": "首次反馈在反馈期限（经批准延期的，以承诺时间为准）内的工单数 ÷ 反馈期限不晚于统计截至时间的工单数。"
              "改派的工单按新承办单位自改派起的期限计算。",
        "en": "Tickets whose first feedback came by the feedback due time (an approved extension "
              "moves it) ÷ tickets whose feedback due time is not after as-of. A redispatched "
              "ticket is judged on the new unit's deadline, counted from the redispatch."},
    "note_resolution": {
        "zh": "最后一次回访为“已解决”的工单数 ÷ 有回访的工单数。",
        "en": "Tickets whose last visit says resolved ÷ tickets with a visit."},
    "note_satisfaction": {
        "zh": "按最后一次回访的评价加权（{weights}）之和 ÷ 有回访的工单数。",
        "en": "Sum of the weights of the last visits' answers ({weights}) ÷ tickets with a visit."},
    "note_composite": {
        "zh": "三率的加权平均（权重：{weights}）；某率无数据时不计入，其余权重按比例折算。",
        "en": "Weighted mean of the three rates (weights: {weights}); a missing rate is left out "
              "and the other weights renormalised."},
    "note_ranking_title": {"zh": "排名", "en": "Ranking"},
    "note_ranking": {
        "zh": "按{by}从高到低排名；相同时依次比较：{tie_breakers}。{by}无数据的单位不参与排名，列于最后。",
        "en": "Ranked by {by}, highest first; ties broken by: {tie_breakers}. A unit without "
              "{by} is not ranked and is listed last."},
    "note_missing_title": {"zh": "无数据", "en": "No data"},
    "note_missing": {
        "zh": "某率的分母为0（如本月无回访）时显示“—”，不按0%或100%计。",
        "en": "A rate whose denominator is 0 (e.g. no visit this month) is shown as “—”, "
              "never as 0 % or 100 %."},
    "note_overdue_title": {"zh": "超期工单", "en": "Overdue tickets"},
    "note_overdue": {
        "zh": "本月工单中，{rules}违规（已超时）归属该单位的工单；先超期后被改派的，仍计入原单位。",
        "en": "Tickets of the month with a violated {rules} finding attributed to the unit; a "
              "unit that missed a deadline keeps the ticket as overdue after a redispatch."},
    "note_rates_interpretation": {"zh": "规则集说明（三率）", "en": "Rule set's note (rates)"},
    "note_key_tickets_interpretation": {"zh": "规则集说明（重点工单）", "en": "Rule set's note (key tickets)"},
    "note_recurring_issues_interpretation": {"zh": "规则集说明（反映集中的问题）",
                                             "en": "Rule set's note (recurring issues)"},
    "breaker_fewer_overdue": {"zh": "超期工单少者在前", "en": "fewer overdue tickets"},
    "breaker_name": {"zh": "单位名称", "en": "unit name"},
    "answer_satisfied": {"zh": "满意", "en": "satisfied"},
    "answer_basically_satisfied": {"zh": "基本满意", "en": "basically satisfied"},
    "answer_unsatisfied": {"zh": "不满意", "en": "unsatisfied"},
}


def _say(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def _weights_text(weights: dict, names: dict[str, str], lang: str) -> str:
    return joined((f"{names.get(key, key)} {value:g}" for key, value in weights.items()), lang)


def definitions(ruleset: RuleSet, as_of_text: str, lang: str = DEFAULT_LANGUAGE) -> list[dict]:
    """[{key, title, text, quote?}]: scope, each rate, ranking, missing data, overdue
    tickets, then the rule set's own interpretations of the rates, key tickets and recurring
    issues (with the notice's words, when the section quotes them)."""
    rates = ruleset.section("rates")
    names = rate_names(ruleset, lang)
    answers = {key: _say(f"answer_{key}", lang) for key in satisfaction_weights(ruleset)}
    by, tie_breakers = ranking_order(ruleset)
    breakers = [names[breaker] if breaker in names else _say(f"breaker_{breaker}", lang)
                for breaker in tie_breakers]
    notes = [
        {"key": "ruleset", "title": _say("note_ruleset_title", lang),
         "text": _say("note_ruleset", lang, title=ruleset.title, source=ruleset.source,
                      file=ruleset.shown_file, hash=ruleset.file_hash)},
        {"key": "scope", "title": _say("note_scope_title", lang),
         "text": _say("note_scope", lang, tz=ruleset.timezone_name, as_of=as_of_text)},
        {"key": "reply", "title": names["reply"], "text": _say("note_reply", lang)},
        {"key": "resolution", "title": names["resolution"], "text": _say("note_resolution", lang)},
        {"key": "satisfaction", "title": names["satisfaction"],
         "text": _say("note_satisfaction", lang,
                      weights=_weights_text(satisfaction_weights(ruleset), answers, lang))},
        {"key": "composite", "title": names["composite"],
         "text": _say("note_composite", lang,
                      weights=_weights_text(composite_weights(ruleset), names, lang))},
        {"key": "ranking", "title": _say("note_ranking_title", lang),
         "text": _say("note_ranking", lang, by=names.get(by, by), tie_breakers=joined(breakers, lang))},
        {"key": "missing", "title": _say("note_missing_title", lang),
         "text": _say("note_missing", lang)},
        {"key": "overdue", "title": _say("note_overdue_title", lang),
         "text": _say("note_overdue", lang,
                      rules=joined((with_aside(rule_name(rule, lang), rule, lang)
                                    for rule in sorted(overdue_rules(ruleset))), lang))},
    ]
    for key in RATE_KEYS:
        quote = (rates.get(key) or {}).get("quote")
        if quote:
            notes[[n["key"] for n in notes].index(key)]["quote"] = quote
    for section_name in ("rates", "key_tickets", "recurring_issues"):
        section = ruleset.section(section_name)
        if section.get("interpretation"):
            note = {"key": f"{section_name}_interpretation",
                    "title": _say(f"note_{section_name}_interpretation", lang),
                    "text": section["interpretation"]}
            if section.get("quote"):
                note["quote"] = section["quote"]
            notes.append(note)
    return notes


def definition_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The columns of the definitions as a table: item, definition."""
    return [_say("col_item", lang), _say("col_text", lang)]


def definition_text(note: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """A definition with the notice's words after it: `…（“quote”）`."""
    if note.get("quote"):
        return with_aside(note["text"], f"“{note['quote']}”", lang)
    return note["text"]
