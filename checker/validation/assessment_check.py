"""What the schema cannot say about a rule set's assessment (`rates`, `ranking`): every name
it uses must mean something. Called by semantic.RulesetChecker, whose error reporting and
event / rule checks it shares; each error points at the node that is wrong."""

from __future__ import annotations

from typing import Any, Iterator

from checker.i18n import say

MESSAGES = {
    "duplicate_id": {"zh": "考核项 id '{id}' 重复（第 {line} 行已使用）",
                     "en": "duplicate assessment id '{id}' (first used on line {line})"},
    "reserved_id": {"zh": "id '{id}' 是报告的固定列名，请换一个（保留：{reserved}）",
                    "en": "id '{id}' is a fixed column of the report; choose another (reserved: {reserved})"},
    "unknown_indicator": {"zh": "没有 id 为 '{id}' 的指标（indicators 中有：{known}）",
                          "en": "no indicator has the id '{id}' (indicators: {known})"},
    "unknown_count": {"zh": "没有 id 为 '{id}' 的计数（counts 中有：{known}）",
                      "en": "no count has the id '{id}' (counts: {known})"},
    "no_finding_for_credit": {
        "zh": "credit: finding_units 需要条件中有 {{finding: …}}，据此确定计入哪些单位",
        "en": "credit: finding_units needs a {{finding: …}} in the condition to name the units"},
    "unknown_units_key": {"zh": "units 节中没有 '{name}'（有：{known}）",
                          "en": "the units section has no '{name}' (it has: {known})"},
    "unit_in_two_groups": {"zh": "单位 '{name}' 同时属于分组 '{first}' 和 '{second}'",
                           "en": "unit '{name}' is in both groups '{first}' and '{second}'"},
    "two_default_groups": {"zh": "只能有一个 default 分组（'{first}' 已是）",
                           "en": "only one group may be the default ('{first}' already is)"},
    "line_not_ascending": {"zh": "line 的取值须从小到大（{previous} 之后是 {value}）",
                           "en": "the values of a line must ascend ({value} follows {previous})"},
    "composite_without_scores": {
        "zh": "按综合得分（composite）排名，但没有一个指标写了 score：请为指标写 score（如 {{weight: 1}}），或按某个指标排名（ranking.by）",
        "en": "ranked by the composite, but no indicator has a score: give indicators a score (such as {{weight: 1}}) or rank by an indicator (ranking.by)"},
    "at_least_above_most": {"zh": "at_least（{at_least}）大于 at_most（{at_most}），没有工单能满足",
                            "en": "at_least ({at_least}) is above at_most ({at_most}): no ticket can match"},
}

# Keys every row of the report has: an indicator or a count must not take them.
CLASS_FIELDS = ("deadline_class", "event.deadline_class")
RESERVED_IDS = ("unit", "group", "rank", "listed", "tickets", "excluded", "composite", "lists", "change")


def fact_leaves(condition: Any, path: tuple) -> Iterator[tuple[dict, tuple]]:
    """The leaves of a fact condition with their JSON paths."""
    if not isinstance(condition, dict):
        return
    for combinator in ("all", "any"):
        if combinator in condition:
            for i, part in enumerate(condition[combinator]):
                yield from fact_leaves(part, path + (combinator, i))
            return
    if "not" in condition:
        yield from fact_leaves(condition["not"], path + ("not",))
        return
    yield condition, path


def _names(value) -> list:
    return [value] if isinstance(value, str) else list(value)


class AssessmentChecker:
    def __init__(self, ruleset_checker, kinds: dict[str, set]):
        self.outer = ruleset_checker
        self.data = ruleset_checker.data
        self.kinds = kinds
        self.rates = self.data.get("rates") or {}
        self.ranking = self.data.get("ranking") or {}

    def _error(self, key: str, path: tuple, at_key: str | None = None, **values) -> None:
        outer = self.outer
        outer.errors.append(outer.loaded.error(say(MESSAGES, key, outer.lang, **values), path, key=at_key))

    def run(self) -> None:
        indicators = self.rates.get("indicators", [])
        counts = self.rates.get("counts", [])
        self._check_ids([("indicators", i, item) for i, item in enumerate(indicators)]
                        + [("counts", i, item) for i, item in enumerate(counts)])
        for i, indicator in enumerate(indicators):
            base = ("rates", "indicators", i)
            for part in ("denominator", "numerator"):
                value = indicator.get(part)
                if isinstance(value, dict) and "weighted" in value:
                    for j, name in enumerate(_names(value["weighted"]["event"])):
                        where = base + (part, "weighted", "event") + ((j,) if not isinstance(
                            value["weighted"]["event"], str) else ())
                        self.outer._check_event(name, where)
                else:
                    self._check_facts(value, base + (part,))
            self._check_exclusions(indicator.get("exclude"), base + ("exclude",))
            self._check_credit(indicator, indicator.get("denominator"), base)
            self._check_score(indicator.get("score"), base + ("score",))
        for i, count in enumerate(counts):
            base = ("rates", "counts", i)
            self._check_facts(count.get("when"), base + ("when",))
            self._check_credit(count, count.get("when"), base)
        self._check_exclusions(self.rates.get("exclude"), ("rates", "exclude"))
        self.outer._check_deadline_references(
            [(rule_id, ("rates", "overdue_rules", i))
             for i, rule_id in enumerate(self.rates.get("overdue_rules", []))], self.kinds)
        self._check_groups()
        self._check_ranking(indicators, counts)

    def _check_ids(self, items: list) -> None:
        first_line: dict[str, int] = {}
        for section, i, item in items:
            path = ("rates", section, i, "id")
            if item["id"] in RESERVED_IDS:
                self._error("reserved_id", path, id=item["id"], reserved=", ".join(RESERVED_IDS))
            if item["id"] in first_line:
                self._error("duplicate_id", path, id=item["id"], line=first_line[item["id"]])
            first_line.setdefault(item["id"], self.outer.loaded.position(path)[0])

    def _check_facts(self, condition: Any, path: tuple) -> None:
        for leaf, where in fact_leaves(condition, path):
            if "event" in leaf:
                names = leaf["event"]
                for j, name in enumerate(_names(names)):
                    self.outer._check_event(name, where + (("event",) if isinstance(names, str)
                                                           else ("event", j)))
                if "at_most" in leaf and leaf.get("at_least", 1) > leaf["at_most"]:
                    self._error("at_least_above_most", where, at_least=leaf.get("at_least", 1),
                                at_most=leaf["at_most"])
                self._check_classes(leaf.get("where"), where + ("where",))
            elif "deadline" in leaf:
                self.outer._check_deadline_references([(leaf["deadline"], where + ("deadline",))],
                                                      self.kinds)
            elif "field" in leaf:
                self._check_classes(leaf, where)
            elif "finding" in leaf:
                names = leaf["finding"]
                for j, rule_id in enumerate(_names(names)):
                    if rule_id not in self.kinds:
                        self.outer._error("unknown_rule", where + (("finding",) if isinstance(
                            names, str) else ("finding", j)), id=rule_id)

    def _check_classes(self, condition: Any, path: tuple) -> None:
        """A class named in a condition must be one of `classes`."""
        classes = self.data["classes"]
        for leaf, where in fact_leaves(condition, path):
            if leaf.get("field") not in CLASS_FIELDS:
                continue
            values = [("equals", leaf["equals"])] if "equals" in leaf else [
                (("in", i), value) for i, value in enumerate(leaf.get("in", []))]
            for key, value in values:
                if value not in classes:
                    self.outer._unknown_class(value, where + (key if isinstance(key, tuple) else (key,)))

    def _known_units(self) -> set[str]:
        known = set()
        for entries in (self.data.get("units") or {}).values():
            for entry in entries or ():
                known.add(entry if isinstance(entry, str) else entry.get("name"))
        return known

    def _check_exclusions(self, exclusions: list | None, path: tuple) -> None:
        for i, item in enumerate(exclusions or []):
            self._check_facts(item["when"], path + (i, "when"))

    def _check_credit(self, item: dict, condition: Any, base: tuple) -> None:
        if item.get("credit") != "finding_units":
            return
        if not any("finding" in leaf for leaf, _ in fact_leaves(condition, ())):
            self._error("no_finding_for_credit", base + ("credit",))

    def _check_score(self, score: dict | None, path: tuple) -> None:
        if not score or "line" not in score:
            return
        for i, (point, previous) in enumerate(zip(score["line"][1:], score["line"]), start=1):
            if point[0] <= previous[0]:
                self._error("line_not_ascending", path + ("line", i, 0), value=point[0],
                            previous=previous[0])

    def _check_groups(self) -> None:
        units = self.data.get("units") or {}
        member_of: dict[str, str] = {}
        default = None
        for i, group in enumerate(self.rates.get("groups", [])):
            path = ("rates", "groups", i)
            members = group.get("units", [])
            if isinstance(members, str):
                if members not in units:
                    self._error("unknown_units_key", path + ("units",), name=members,
                                known=", ".join(units))
                    continue
                names = [entry if isinstance(entry, str) else entry.get("name")
                         for entry in units[members] or ()]
                where = lambda j: path + ("units",)
            else:
                names = members
                where = lambda j: path + ("units", j)
            for j, name in enumerate(names):
                if not isinstance(members, str) and name not in self._known_units():
                    self.outer._error("unknown_unit", where(j), name=name)
                if name in member_of and member_of[name] != group["id"]:
                    self._error("unit_in_two_groups", where(j), name=name, first=member_of[name],
                                second=group["id"])
                member_of.setdefault(name, group["id"])
            if group.get("default"):
                if default is not None:
                    self._error("two_default_groups", path + ("default",), first=default)
                default = default or group["id"]

    def _check_ranking(self, indicators: list, counts: list) -> None:
        indicator_ids = [item["id"] for item in indicators]
        count_ids = [item["id"] for item in counts]
        by = self.ranking.get("by")
        if by in (None, "composite") and indicators and not any("score" in item for item in indicators):
            self._error("composite_without_scores", ("ranking", "by") if by else ("rates", "indicators"))
        if by is not None and by != "composite" and by not in indicator_ids:
            self._error("unknown_indicator", ("ranking", "by"), id=by,
                        known=", ".join(["composite", *indicator_ids]))
        for i, breaker in enumerate(self.ranking.get("tie_breakers", [])):
            if not isinstance(breaker, dict):
                continue
            if "count" in breaker and breaker["count"] not in count_ids + ["tickets"]:
                self._error("unknown_count", ("ranking", "tie_breakers", i, "count"),
                            id=breaker["count"], known=", ".join(["tickets", *count_ids]))
            if "indicator" in breaker and breaker["indicator"] not in indicator_ids + ["composite"]:
                self._error("unknown_indicator", ("ranking", "tie_breakers", i, "indicator"),
                            id=breaker["indicator"], known=", ".join(["composite", *indicator_ids]))
