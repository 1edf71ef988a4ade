"""Section 6 of the monthly report (口径说明): how each figure is counted, in words, with the
rule set's weights, ranking order and quotes filled in."""

from __future__ import annotations

from pathlib import Path

from checker.assessment.scheme import Indicator, Scheme, scheme_of
from checker.i18n import DEFAULT_LANGUAGE, pick, say
from checker.output.labels import rule_name
from checker.output.phrasing import joined, with_aside
from checker.reports.ranking_table import rate_names
from checker.ruleset import RuleSet
from checker.vocabulary import SATISFACTION_ZH

TEXT: dict[str, dict[str, str]] = {
    "col_item": {"zh": "项目", "en": "Item"},
    "col_text": {"zh": "说明", "en": "Definition"},
    "note_ruleset_title": {"zh": "所用规则集", "en": "Rule set used"},
    "note_ruleset": {"zh": "{title}（{source}），规则集文件 {file}，内容摘要 {hash}（SHA-256 的 base32 前12位）。",
                     "en": "{title} ({source}), rule set file {file}, content hash {hash} (the first 12 base32 characters of its SHA-256)."},
    "note_versions": {"zh": "各版本：{versions}。每张工单按其首次派单之日有效的版本审核；三率和排名的口径取自本月第一天有效的版本 {latest}。",
                      "en": " Versions: {versions}. Each ticket is judged by the version in force on the day of its first "
                            "dispatch; the rates and the ranking follow the version in force on the month's first day, {latest}."},
    "note_scope_title": {"zh": "统计范围", "en": "Scope"},
    "note_scope": {
        "zh": "工单按首次派单时间（{tz}）归入月份，按最后一次派单或改派的承办单位统计；"
              "统计截至 {as_of}，此后的事件不计。",
        "en": "A ticket belongs to the month of its first dispatch ({tz}) and to the unit of its "
              "last dispatch or redispatch; events after {as_of} are not counted."},
    "weights": {"zh": "（权重：{weights}）", "en": " (weights: {weights})"},
    "score_weight": {"zh": "得分＝比率×{weight}", "en": "points = rate × {weight}"},
    "score_bands": {"zh": "得分：{bands}", "en": "points: {bands}"},
    "band_at_least": {"zh": "≥{value}得{points}分", "en": "≥ {value}: {points}"},
    "band_at_most": {"zh": "≤{value}得{points}分", "en": "≤ {value}: {points}"},
    "band_rest": {"zh": "其余得{points}分", "en": "otherwise {points}"},
    "score_line": {"zh": "得分按{points}线性折算", "en": "points interpolated through {points}"},
    "line_point": {"zh": "{value}对应{points}分", "en": "{value} → {points}"},
    "score_caps": {"zh": "，最高{max}分", "en": ", at most {max}"},
    "score_floor": {"zh": "，最低{min}分", "en": ", at least {min}"},
    "note_composite": {
        "zh": "各率的加权平均（权重：{weights}）；某率无数据时不计入，其余权重按比例折算。",
        "en": "Weighted mean of the rates (weights: {weights}); a missing rate is left out "
              "and the other weights renormalised."},
    "note_composite_points": {
        "zh": "各指标得分之和 ÷ 各指标可得分之和 × 满分（{full}）；{missing}",
        "en": "The indicators' points over the most they could earn, times the full score ({full}); {missing}"},
    "missing_renormalise": {"zh": "某项无数据时不计入，其余按比例折算。",
                            "en": "a missing indicator is left out and the others renormalised."},
    "missing_zero": {"zh": "某项无数据时该项得0分。", "en": "a missing indicator earns 0 points."},
    "full_of_group": {"zh": "{name}{full}分", "en": "{name} {full}"},
    "note_exclusions_title": {"zh": "不计入考核", "en": "Excluded tickets"},
    "note_exclusions": {
        "zh": "经认定的下列工单不计入各率的分子和分母：{rulings}。",
        "en": "Tickets under these rulings are left out of every rate: {rulings}."},
    "note_ranking_title": {"zh": "排名", "en": "Ranking"},
    "note_ranking": {
        "zh": "按{by}从{direction}排名；相同时依次比较：{tie_breakers}；仍相同的并列。{by}无数据的单位不参与排名，列于最后。",
        "en": "Ranked by {by}, {direction}; ties broken by: {tie_breakers}; units still equal share "
              "the rank. A unit without {by} is not ranked and is listed last."},
    "no_breakers": {"zh": "无", "en": "none"},
    "direction_higher": {"zh": "高到低", "en": "highest first"},
    "direction_lower": {"zh": "低到高", "en": "lowest first"},
    "min_tickets": {"zh": "工单少于{n}件的单位不参与排名。", "en": "Units with fewer than {n} tickets are not ranked."},
    "pools": {"zh": "{groups}分别排名。", "en": "{groups} are ranked separately."},
    "note_lists_title": {"zh": "红黑榜", "en": "Red and black lists"},
    "list_top": {"zh": "前{n}名", "en": "the top {n}"},
    "list_bottom": {"zh": "后{n}名", "en": "the bottom {n}"},
    "list_at_least": {"zh": "不低于{value}", "en": "at least {value}"},
    "list_below": {"zh": "低于{value}", "en": "below {value}"},
    "list_rule": {"zh": "{name}：{rule}", "en": "{name}: {rule}"},
    "list_and": {"zh": "且", "en": " and "},
    "list_red": {"zh": "红榜", "en": "red list"},
    "list_black": {"zh": "黑榜", "en": "black list"},
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
    "note_rates_interpretation": {"zh": "规则集说明（考核）", "en": "Rule set's note (assessment)"},
    "note_key_tickets_interpretation": {"zh": "规则集说明（重点工单）", "en": "Rule set's note (key tickets)"},
    "note_recurring_issues_interpretation": {"zh": "规则集说明（反映集中的问题）",
                                             "en": "Rule set's note (recurring issues)"},
    "breaker_name": {"zh": "单位名称", "en": "unit name"},
    "breaker_fewer": {"zh": "{name}少者在前", "en": "fewer {name}"},
    "breaker_more": {"zh": "{name}多者在前", "en": "more {name}"},
}


def _say(key: str, lang: str, **values) -> str:
    return say(TEXT, key, lang, **values)


def _num(value) -> str:
    return f"{value:g}"


def _share(value) -> str:
    return f"{value * 100:g}%"


def _answer(value, lang: str) -> str:
    if lang == "zh" and value in SATISFACTION_ZH:
        return SATISFACTION_ZH[value]
    return str(value).replace("_", " ")


def _weights_text(weights: dict, names, lang: str) -> str:
    return joined((f"{names(key)} {value:g}" for key, value in weights.items()), lang)


def _score_text(indicator: Indicator, lang: str) -> str:
    spec = indicator.score.spec
    if "weight" in spec:
        text = _say("score_weight", lang, weight=_num(spec["weight"]))
    elif "bands" in spec:
        bands = []
        for band in spec["bands"]:
            if "at_least" in band:
                bands.append(_say("band_at_least", lang, value=_share(band["at_least"]), points=_num(band["points"])))
            elif "at_most" in band:
                bands.append(_say("band_at_most", lang, value=_share(band["at_most"]), points=_num(band["points"])))
            else:
                bands.append(_say("band_rest", lang, points=_num(band["points"])))
        text = _say("score_bands", lang, bands=joined(bands, lang))
    else:
        text = _say("score_line", lang, points=joined(
            (_say("line_point", lang, value=_share(x), points=_num(p)) for x, p in spec["line"]), lang))
    if "max" in spec:
        text += _say("score_caps", lang, max=_num(spec["max"]))
    if "min" in spec:
        text += _say("score_floor", lang, min=_num(spec["min"]))
    return text


def _indicator_note(indicator: Indicator, scheme: Scheme, lang: str) -> dict:
    text = pick(indicator.spec.get("definition"), lang) or indicator.title(lang)
    if indicator.weighted is not None:
        text += _say("weights", lang, weights=_weights_text(
            indicator.weighted["weights"], lambda key: _answer(key, lang), lang))
    if indicator.score is not None and scheme.composite.shown_as == "points":
        text += ("；" if lang == "zh" else "; ") + _score_text(indicator, lang)
    note = {"key": indicator.id, "title": indicator.title(lang), "text": text}
    if indicator.spec.get("quote"):
        note["quote"] = indicator.spec["quote"]
    return note


def _composite_note(scheme: Scheme, names: dict, lang: str) -> dict:
    title = names["composite"]
    scored = [indicator for indicator in scheme.indicators if indicator.score is not None]
    if scheme.composite.shown_as == "percent" and all("weight" in i.score.spec for i in scored):
        weights = {i.id: i.score.spec["weight"] for i in scored}
        return {"key": "composite", "title": title,
                "text": _say("note_composite", lang,
                             weights=_weights_text(weights, lambda key: names.get(key, key), lang))}
    full = _num(scheme.composite.full_score)
    if scheme.groups:
        full = joined((_say("full_of_group", lang, name=group.title(lang), full=_num(group.full_score))
                       for group in scheme.groups), lang)
    return {"key": "composite", "title": title,
            "text": _say("note_composite_points", lang, full=full,
                         missing=_say(f"missing_{scheme.composite.missing}", lang))}


def _breaker_text(breaker, names: dict, scheme: Scheme, lang: str) -> str:
    if breaker == "name":
        return _say("breaker_name", lang)
    if "count" in breaker:
        count = next((c for c in scheme.counts if c.id == breaker["count"]), None)
        name = count.title(lang) if count is not None else breaker["count"]
        return _say(f"breaker_{breaker.get('prefer', 'fewer')}", lang, name=name)
    return names.get(breaker["indicator"], breaker["indicator"])


def _bound(value, shown_as: str) -> str:
    return _share(value) if shown_as == "percent" else _num(value)


def _list_rule(spec: dict, key: str, scheme: Scheme, lang: str) -> str:
    shown = scheme.composite.shown_as if scheme.ranking.by == "composite" else "percent"
    parts = []
    if key == "red":
        if "top" in spec:
            parts.append(_say("list_top", lang, n=spec["top"]))
        if "at_least" in spec:
            parts.append(_say("list_at_least", lang, value=_bound(spec["at_least"], shown)))
        glue = _say("list_and", lang)
    else:
        if "bottom" in spec:
            parts.append(_say("list_bottom", lang, n=spec["bottom"]))
        if "below" in spec:
            parts.append(_say("list_below", lang, value=_bound(spec["below"], shown)))
        glue = _say("list_and", lang) if len(parts) == 2 else ""
    return glue.join(parts)


def _lists_note(scheme: Scheme, lang: str) -> dict | None:
    entries = []
    pools = [(None, scheme.ranking.lists)] + [(group, group.lists) for group in scheme.groups
                                              if group.lists is not None]
    for group, lists in pools:
        for key, spec in (("red", lists.red), ("black", lists.black)):
            if not spec:
                continue
            name = pick(spec.get("name"), lang) or _say(f"list_{key}", lang)
            if group is not None:
                name = group.title(lang) + name
            entries.append(_say("list_rule", lang, name=name, rule=_list_rule(spec, key, scheme, lang)))
    if not entries:
        return None
    return {"key": "lists", "title": _say("note_lists_title", lang),
            "text": ("；" if lang == "zh" else "; ").join(entries)}


def _versions_text(ruleset: RuleSet, lang: str) -> str:
    """A folder of versions: each version and its period (a ticket follows the version in force
    at its first dispatch; the rates and the ranking the month's version)."""
    if not ruleset.versions:
        return ""
    from checker.versions import periods_text, versions_listing
    return _say("note_versions", lang, versions=periods_text(versions_listing(ruleset), lang),
                latest=Path(ruleset.path).name)


def definitions(ruleset: RuleSet, as_of_text: str, lang: str = DEFAULT_LANGUAGE,
                unjudged: list | None = None) -> list[dict]:
    """[{key, title, text, quote?}]: scope, each indicator, exclusions, the composite, ranking,
    the lists, missing data, overdue tickets, then the rule set's own interpretations of the
    assessment, key tickets and recurring issues (with the notice's words, when quoted)."""
    scheme = scheme_of(ruleset)
    names = rate_names(ruleset, lang)
    by = scheme.ranking.by
    breakers = [_breaker_text(breaker, names, scheme, lang) for breaker in scheme.ranking.tie_breakers]
    notes = [{"key": "ruleset", "title": _say("note_ruleset_title", lang),
              "text": _say("note_ruleset", lang, title=ruleset.title, source=ruleset.source,
                           file=ruleset.shown_file, hash=ruleset.file_hash)
                      + _versions_text(ruleset, lang)},
             {"key": "scope", "title": _say("note_scope_title", lang),
              "text": _say("note_scope", lang, tz=ruleset.timezone_name, as_of=as_of_text)}]
    notes += [_indicator_note(indicator, scheme, lang) for indicator in scheme.indicators]
    if scheme.exclusions:
        notes.append({"key": "exclusions", "title": _say("note_exclusions_title", lang),
                      "text": _say("note_exclusions", lang, rulings=joined(
                          (pick(item.ruling, lang) for item in scheme.exclusions), lang))})
    notes.append(_composite_note(scheme, names, lang))
    ranking_text = _say("note_ranking", lang, by=names.get(by, by),
                        direction=_say(f"direction_{scheme.better(by)}", lang),
                        tie_breakers=joined(breakers, lang) if breakers else _say("no_breakers", lang))
    if scheme.ranking.min_tickets:
        ranking_text += _say("min_tickets", lang, n=scheme.ranking.min_tickets)
    if scheme.groups:
        ranking_text += _say("pools", lang, groups=joined((g.title(lang) for g in scheme.groups), lang))
    notes.append({"key": "ranking", "title": _say("note_ranking_title", lang), "text": ranking_text})
    lists = _lists_note(scheme, lang)
    if lists:
        notes.append(lists)
    notes.append({"key": "missing", "title": _say("note_missing_title", lang),
                  "text": _say("note_missing", lang)})
    if scheme.overdue_rules:
        notes.append({"key": "overdue", "title": _say("note_overdue_title", lang),
                      "text": _say("note_overdue", lang, rules=joined(
                          (with_aside(rule_name(rule, lang), rule, lang)
                           for rule in sorted(scheme.overdue_rules)), lang))})
    notes += unjudged_notes(unjudged or (), lang)
    for section_name in ("rates", "key_tickets", "recurring_issues"):
        section = ruleset.section(section_name)
        if section.get("interpretation"):
            note = {"key": f"{section_name}_interpretation",
                    "title": _say(f"note_{section_name}_interpretation", lang),
                    "text": pick(section["interpretation"], lang)}
            if section.get("quote"):
                note["quote"] = section["quote"]
            notes.append(note)
    return notes


def unjudged_notes(unjudged, lang: str = DEFAULT_LANGUAGE) -> list[dict]:
    """One note per rule the log could not feed: the figures do not count it as a violation."""
    from checker.output.audit_notes import title, unjudged_sentence
    return [{"key": "unjudged", "title": title("unjudged", lang), "text": unjudged_sentence(item, lang)}
            for item in unjudged]


def definition_headers(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The columns of the definitions as a table: item, definition."""
    return [_say("col_item", lang), _say("col_text", lang)]
