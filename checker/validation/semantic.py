"""What a schema cannot say: the names in a rule file must mean something.

Run after the schema has passed, so a rule set's shape can be trusted here. Calendars may be
checked before their schema exists, so their checks skip whatever is not shaped as expected.
Each error points at the node that is wrong.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from checker import resources
from checker.resources import shown_path
from checker.calendar.calendar import confined_calendar_candidates
from checker.durations import parse_duration
from checker.errors import CheckerError
from checker.i18n import DEFAULT_LANGUAGE, say
from checker.unit_names import UnitNames
from checker.validation.assessment_check import AssessmentChecker
from checker.vocabulary import EVENT_ALIASES, EVENTS
from checker.yamlio import LoadedYaml, load_yaml_file

MESSAGES = {
    "unknown_event": {"zh": "未知事件 '{name}'{hint}", "en": "unknown event '{name}'{hint}"},
    "use_event": {"zh": "（请写 '{name}'）", "en": " (write '{name}')"},
    "did_you_mean": {"zh": "（是否应为 '{name}'？）", "en": " (did you mean '{name}'?)"},
    "unknown_class": {"zh": "未定义的时限类别 '{name}'（classes 中有：{known}）",
                      "en": "unknown class '{name}' (classes defines: {known})"},
    "unknown_unit": {"zh": "单位 '{name}' 不在 units 名单中", "en": "unit '{name}' is not listed under units"},
    "unit_name_twice": {"zh": "单位名称 '{name}' 同时指 {first} 和 {second}：一个名称只能指一个单位",
                        "en": "the unit name '{name}' means both {first} and {second}: a name means one unit"},
    "category_twice": {"zh": "诉求类别 '{name}' 已列在 {first} 之下：一个名称只能属于一个{what}",
                       "en": "the category '{name}' is already listed under {first}: a name belongs to one {what}"},
    "unknown_actor": {"zh": "未定义的办理主体 '{name}'（可用：{known}）",
                      "en": "unknown actor '{name}' (known: {known})"},
    "actor_name_twice": {"zh": "名称 '{name}' 同时属于 {first} 和 {second}：一个名称只能指一个主体",
                         "en": "the name '{name}' belongs to both {first} and {second}: a name means one body"},
    "unknown_clause": {"zh": "条款 '{clause}' 不在条款清单 {file} 中",
                       "en": "clause '{clause}' is not in the clause list {file}"},
    "clauses_unreadable": {"zh": "无法读取条款清单：{reason}", "en": "cannot read the clause list: {reason}"},
    "duplicate_rule": {"zh": "规则 id '{id}' 重复（第 {line} 行已使用）",
                       "en": "duplicate rule id '{id}' (first used on line {line})"},
    "duplicate_check": {"zh": "检查名 '{name}' 在本规则中重复（第 {line} 行已使用）",
                        "en": "duplicate check name '{name}' in this rule (first used on line {line})"},
    "unknown_rule": {"zh": "规则集中没有 id 为 '{id}' 的规则", "en": "no rule of this rule set has the id '{id}'"},
    "not_deadline": {"zh": "规则 '{id}' 不是 deadline（时限）规则", "en": "rule '{id}' is not a deadline rule"},
    "bad_duration": {"zh": "时长无效：{reason}", "en": "invalid duration: {reason}"},
    "day_clock_hours": {
        "zh": "计时方式 {clock} 按整日计算，时长 '{duration}' 却是小时/分钟：请写 P…D，或改用 clock: elapsed",
        "en": "clock {clock} counts whole days but '{duration}' is hours or minutes: write P…D, or use clock: elapsed"},
    "until_not_after_from": {"zh": "effective.until（{until}）应晚于 effective.from（{start}）",
                             "en": "effective.until ({until}) must be after effective.from ({start})"},
    "calendar_not_found": {"zh": "找不到日历 '{name}'（已查找：{places}）",
                           "en": "calendar '{name}' not found (looked for {places})"},
    "bad_timezone": {"zh": "未知时区 '{name}'", "en": "unknown time zone '{name}'"},
    "overlap": {"zh": "生效期间与 {other} 的生效期间（{start} 起）重叠：两个版本不能同时有效，"
                      "请改其一的 from 或 until",
                "en": "effective period overlaps that of {other} (from {start}): two versions "
                      "cannot be in force on one day; change a from or an until"},
    "gap": {"zh": "与 {other} 之间有空档：该版本 {end} 止，本版本 {next_start} 才起，"
                  "其间的工单无规则可依；请让前者的 until 等于本版本的 from",
            "en": "gap after {other}: it ends on {end}, this version begins on {next_start}; "
                  "tickets between have no rules; make its until this version's from"},
    "makeup_not_weekend": {"zh": "调休上班日 {date} 是{weekday}，不是周末",
                           "en": "make-up workday {date} is a {weekday}, not a weekend day"},
    "holiday_and_workday": {"zh": "{date} 既是假日（{name}）又是调休上班日",
                            "en": "{date} is both a holiday ({name}) and a make-up workday"},
    "wrong_year": {"zh": "{date} 不属于 {year} 年，却列在 {year} 年之下",
                   "en": "{date} is listed under the year {year}"},
    "holiday_reversed": {"zh": "假日 '{name}' 的结束日 {end} 早于开始日 {start}",
                         "en": "holiday '{name}' ends ({end}) before it starts ({start})"},
    "holiday_overlap": {"zh": "假日 '{name}' 与 '{other}'（{start}—{end}）重叠",
                        "en": "holiday '{name}' overlaps '{other}' ({start} to {end})"},
    "no_citation": {"zh": "{year} 年的 source 未写明所依据通知的文号（如 国办发明电〔{previous}〕7号 国务院办公厅关于{year}年部分节假日安排的通知）",
                    "en": "the source of {year} does not cite the notice by its number (e.g. 国办发明电〔{previous}〕7号 国务院办公厅关于{year}年部分节假日安排的通知)"},
    "package_holidays": {"zh": "{year} 年的放假日期与 chinese-calendar 包不一致，相差的日子：{days}（请与国务院办公厅通知核对）",
                         "en": "the holidays of {year} disagree with the chinese-calendar package on: {days} (check the State Council's notice)"},
    "package_workdays": {"zh": "{year} 年的调休上班日与 chinese-calendar 包不一致，相差的日子：{days}（请与国务院办公厅通知核对）",
                         "en": "the make-up workdays of {year} disagree with the chinese-calendar package on: {days} (check the State Council's notice)"},
    "not_a_date": {"zh": "'{value}' 不是有效日期（YYYY-MM-DD）", "en": "'{value}' is not a real date (YYYY-MM-DD)"},
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES = {
    "zh": ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
DAY_CLOCKS = ("civil_days", "workdays")

# Where a check names events: lists of names, and single names.
_EVENT_LISTS = (("start",), ("end",), ("until",), ("from",), ("event",), ("trigger", "event"),
                ("require", "event"), ("require", "not_after_event"))
_EVENT_SINGLES = (("extension", "event"), ("require", "since_event"))
_CLASS_FIELDS = ("deadline_class", "event.deadline_class")


def semantic_errors(loaded: LoadedYaml, kind: str, lang: str = DEFAULT_LANGUAGE) -> list[CheckerError]:
    if kind == "ruleset":
        return RulesetChecker(loaded, lang).run()
    if kind == "calendar":
        return check_calendar(loaded, lang)
    if kind == "config":
        from checker.workdir.config import config_errors
        return config_errors(loaded, lang)
    return []



# ---------------------------------------------------------------- rule sets

class RulesetChecker:
    """The meaning checks of one rule set file; `run()` gives its errors in file order."""

    def __init__(self, loaded: LoadedYaml, lang: str):
        self.loaded, self.data, self.lang = loaded, loaded.data, lang
        self.errors: list[CheckerError] = []

    def run(self) -> list[CheckerError]:
        self._check_identity()
        self._check_classes()
        self._check_units()
        self._check_actors()
        self._check_clauses()
        self._check_rules()
        return sorted(self.errors, key=lambda e: (e.line or 0, e.column or 0))

    def _error(self, key: str, path: tuple, at_key: str | None = None, **values) -> None:
        self.errors.append(self.loaded.error(say(MESSAGES, key, self.lang, **values), path, key=at_key))

    # identity: period, time zone, calendar
    def _check_identity(self) -> None:
        effective = self.data["effective"]
        if "until" in effective and effective["until"] <= effective["from"]:
            self._error("until_not_after_from", ("effective", "until"),
                        until=effective["until"], start=effective["from"])
        try:
            ZoneInfo(self.data["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            self._error("bad_timezone", ("timezone",), name=self.data["timezone"])
        name = self.data["calendar"]
        try:
            candidates = confined_calendar_candidates(name, self.loaded.path)
        except CheckerError as outside:     # a path outside the rule set's folder and rules/
            self.errors.append(self.loaded.error(outside.message, ("calendar",)))
            return
        if not any(path.is_file() for path in candidates):
            self._error("calendar_not_found", ("calendar",), name=name,
                        places=", ".join(shown_path(path) for path in candidates))

    # classes: by_category keys, the default
    def _check_classes(self) -> None:
        classification = self.data["classification"]
        if classification["default"] not in self.data["classes"]:
            self._unknown_class(classification["default"], ("classification", "default"))
        for name in classification["by_category"]:
            if name not in self.data["classes"]:
                self._unknown_class(name, ("classification", "by_category"), at_key=name)
        self._check_category_lists(
            [(cls, i, name, ("classification", "by_category", cls, i))
             for cls, names in classification["by_category"].items() for i, name in enumerate(names)],
            "class")
        key_lists = []
        for key, entry in (self.data.get("key_tickets") or {}).get("categories", {}).items():
            key_lists.append((key, None, entry["name"], ("key_tickets", "categories", key, "name")))
            key_lists += [(key, i, name, ("key_tickets", "categories", key, "categories", i))
                          for i, name in enumerate(entry.get("categories", []))]
        self._check_category_lists(key_lists, "key")

    def _check_category_lists(self, listed: list, what: str) -> None:
        """A category name is listed under one class (one key category) only."""
        owner: dict[str, str] = {}
        words = {"class": {"zh": "时限类别", "en": "class"}, "key": {"zh": "重点类别", "en": "key category"}}
        for target, _, name, path in listed:
            first = owner.setdefault(name, target)
            if first != target:
                self._error("category_twice", path, name=name, first=first,
                            what=words[what].get(self.lang, words[what]["zh"]))

    def _unknown_class(self, name: Any, path: tuple, at_key: str | None = None) -> None:
        self._error("unknown_class", path, at_key=at_key, name=name,
                    known=", ".join(self.data["classes"]))

    # units: one unit per name; units named by leader days and key tickets exist
    def _check_units(self) -> None:
        names = UnitNames(self.data["units"], self.data.get("unit_names"))
        places = {}     # (unit, a name written for it) -> where
        for group, items in self.data["units"].items():
            for i, item in enumerate(items or ()):
                if isinstance(item, dict):
                    places.setdefault((item["name"], item["name"]), ("units", group, i, "name"))
                    for j, alias in enumerate(item.get("aliases", ())):
                        places.setdefault((item["name"], alias), ("units", group, i, "aliases", j))
                else:
                    places.setdefault((item, item), ("units", group, i))
        for written, first, second in names.clashes:
            self._error("unit_name_twice", places.get((second, written), ("units",)), name=written,
                        first=first, second=second)
        named: list[tuple[str, tuple]] = []
        for month, units in self.data.get("leader_days", {}).get("assignments", {}).items():
            named += [(unit, ("leader_days", "assignments", month, i)) for i, unit in enumerate(units)]
        for category, entry in self.data.get("key_tickets", {}).get("categories", {}).items():
            named += [(unit, ("key_tickets", "categories", category, "passed_to", i))
                      for i, unit in enumerate(entry.get("passed_to", []))]
        for unit, path in named:
            if names.canonical(unit) is None:
                self._error("unknown_unit", path, name=unit)

    # actors: one body per name; rules name the office or a listed actor
    def _check_actors(self) -> None:
        from checker.ruleset import office_actor_key      # not at the top: the rule set loads through here
        office = self.data.get("office") or {}
        office_key = office_actor_key(self.data)
        owner: dict[str, str] = {}
        named = [(office_key, name, ("office", "aliases", i))
                 for i, name in enumerate(office.get("aliases", []))]
        for key, actor in (self.data.get("actors") or {}).items():
            named.append((key, actor["name"], ("actors", key, "name")))
            named += [(key, name, ("actors", key, "aliases", i))
                      for i, name in enumerate(actor.get("aliases", []))]
        for key, name, path in named:
            first = owner.setdefault(name, key)
            if first != key:
                self._error("actor_name_twice", path, name=name, first=first, second=key)
        known = [office_key, *(self.data.get("actors") or {})]
        for check, path in _each_check(self.data["rules"]):
            for fields in (("extension", "actor"), ("require", "actor"), ("trigger_must", "actor")):
                value = _get(check, fields)
                if value is None:
                    continue
                values = [(value, path + fields)] if isinstance(value, str) else \
                    [(item, path + fields + (i,)) for i, item in enumerate(value)]
                for item, where in values:
                    if item not in known:
                        self._error("unknown_actor", where, name=item, known=", ".join(known))

    # clause keys of rules and of not_checkable
    def _check_clauses(self) -> None:
        clauses_file = clauses_file_for(Path(self.loaded.path))
        try:
            keys = set(load_yaml_file(clauses_file).data["clauses"])
        except (CheckerError, TypeError, KeyError) as error:
            self._error("clauses_unreadable", (), reason=f"{shown_path(clauses_file)}: {error}")
            return
        cited = [(rule["clause"], ("rules", i, "clause")) for i, rule in enumerate(self.data["rules"])]
        cited += [(item["clause"], ("not_checkable", i, "clause"))
                  for i, item in enumerate(self.data.get("not_checkable", []))]
        for key, path in cited:
            if key not in keys:
                self._error("unknown_clause", path, clause=key, file=shown_path(clauses_file))

    # rules: ids, check names, events, classes, rule references, durations
    def _check_rules(self) -> None:
        rules = self.data["rules"]
        first_line: dict[str, int] = {}
        for i, rule in enumerate(rules):
            line = self.loaded.position(("rules", i, "id"))[0]
            if rule["id"] in first_line:
                self._error("duplicate_rule", ("rules", i, "id"), id=rule["id"], line=first_line[rule["id"]])
            first_line.setdefault(rule["id"], line)
            self._check_check_names(rule, i)
        kinds = {rule["id"]: _check_kinds(rule) for rule in rules}
        for check, path in _each_check(rules):
            self._check_events(check, path)
            self._check_conditions(check, path)
            self._check_rule_references(check, path, kinds)
            self._check_time_limits(check, path)
        AssessmentChecker(self, kinds).run()
        reminders = self.data.get("reminders", {}).get("about_to_expire", {})
        if "at_least" in reminders:
            self._check_duration(reminders["at_least"], None, ("reminders", "about_to_expire", "at_least"))

    def _check_check_names(self, rule: dict, index: int) -> None:
        first_line: dict[str, int] = {}
        for j, check in enumerate(rule.get("checks", [])):
            path = ("rules", index, "checks", j, "name")
            if check["name"] in first_line:
                self._error("duplicate_check", path, name=check["name"], line=first_line[check["name"]])
            first_line.setdefault(check["name"], self.loaded.position(path)[0])

    def _check_events(self, check: dict, path: tuple) -> None:
        for fields in _EVENT_LISTS:
            names = _get(check, fields)
            for i, name in enumerate(names or []):
                self._check_event(name, path + fields + (i,))
        for fields in _EVENT_SINGLES:
            name = _get(check, fields)
            if name is not None:
                self._check_event(name, path + fields)

    def _check_event(self, name: str, path: tuple) -> None:
        if name in EVENTS:
            return
        if name in EVENT_ALIASES:
            hint = say(MESSAGES, "use_event", self.lang, name=EVENT_ALIASES[name])
        else:
            close = difflib.get_close_matches(name, list(EVENTS), n=1, cutoff=0.6)
            hint = say(MESSAGES, "did_you_mean", self.lang, name=close[0]) if close else ""
        self._error("unknown_event", path, name=name, hint=hint)

    def _check_conditions(self, check: dict, path: tuple) -> None:
        roots = [(check.get("applies_when"), path + ("applies_when",)),
                 (_get(check, ("trigger", "where")), path + ("trigger", "where"))]
        for condition, where in roots:
            for leaf, leaf_path in _field_conditions(condition, where):
                if leaf["field"] not in _CLASS_FIELDS:
                    continue
                if "equals" in leaf and leaf["equals"] not in self.data["classes"]:
                    self._unknown_class(leaf["equals"], leaf_path + ("equals",))
                for i, value in enumerate(leaf.get("in", [])):
                    if value not in self.data["classes"]:
                        self._unknown_class(value, leaf_path + ("in", i))

    def _check_rule_references(self, check: dict, path: tuple, kinds: dict[str, set]) -> None:
        references = []
        by_due_of = _get(check, ("trigger_must", "by_due_of"))
        if by_due_of is not None:
            references.append((by_due_of, path + ("trigger_must", "by_due_of")))
        for i, rule_id in enumerate(_get(check, ("trigger", "overdue_of")) or []):
            references.append((rule_id, path + ("trigger", "overdue_of", i)))
        self._check_deadline_references(references, kinds)

    def _check_deadline_references(self, references: list, kinds: dict[str, set]) -> None:
        for rule_id, where in references:
            if rule_id not in kinds:
                self._error("unknown_rule", where, id=rule_id)
            elif "deadline" not in kinds[rule_id]:
                self._error("not_deadline", where, id=rule_id)

    def _check_time_limits(self, check: dict, path: tuple) -> None:
        within = check.get("within")
        if isinstance(within, dict) and "by_class" in within:
            for name, limit in within["by_class"].items():
                if name not in self.data["classes"]:
                    self._unknown_class(name, path + ("within", "by_class"), at_key=name)
                self._check_limit(limit, path + ("within", "by_class", name))
        elif isinstance(within, dict):
            self._check_limit(within, path + ("within",))
        require_within = _get(check, ("require", "within"))
        if require_within is not None:
            self._check_limit(require_within, path + ("require", "within"))

    def _check_limit(self, limit: dict, path: tuple) -> None:
        self._check_duration(limit["duration"], limit["clock"], path + ("duration",))

    def _check_duration(self, value: Any, clock: str | None, path: tuple) -> None:
        dated = value.items() if isinstance(value, dict) else [(None, value)]
        for day, text in dated:
            where = path + (day,) if day is not None else path
            try:
                duration = parse_duration(text)
            except ValueError as error:
                self._error("bad_duration", where, reason=error)
                continue
            if clock in DAY_CLOCKS and duration.seconds:
                self._error("day_clock_hours", where, clock=clock, duration=text)


def _each_check(rules: list[dict]) -> Iterator[tuple[dict, tuple]]:
    """Each check with its JSON path: a rule's own, or each of its `checks`."""
    for i, rule in enumerate(rules):
        if "checks" in rule:
            for j, check in enumerate(rule["checks"]):
                yield check, ("rules", i, "checks", j)
        else:
            yield rule, ("rules", i)


def _check_kinds(rule: dict) -> set[str]:
    if "checks" in rule:
        return {check.get("kind") for check in rule["checks"]}
    return {rule.get("kind")}


def _field_conditions(condition: Any, path: tuple) -> Iterator[tuple[dict, tuple]]:
    if not isinstance(condition, dict):
        return
    if "field" in condition:
        yield condition, path
    for combinator in ("all", "any"):
        for i, part in enumerate(condition.get(combinator, [])):
            yield from _field_conditions(part, path + (combinator, i))
    if "not" in condition:
        yield from _field_conditions(condition["not"], path + ("not",))


def _get(mapping: Any, fields: tuple) -> Any:
    for field in fields:
        if not isinstance(mapping, dict) or field not in mapping:
            return None
        mapping = mapping[field]
    return mapping


def clauses_file_for(rule_file: Path) -> Path:
    """A `clauses.yaml` beside the rule file, else the shipped clause list."""
    beside = rule_file.parent / "clauses.yaml"
    return beside if beside.is_file() else resources.clauses_path()


def overlapping_periods(rulesets: list[LoadedYaml], lang: str = DEFAULT_LANGUAGE,
                        same_id_only: bool = True) -> list[CheckerError]:
    """Versions of a rule set follow each other without overlap or gap.

    Periods are [from, until): a version ending on 2025-01-01 and one starting that day meet.
    A version without `until` is in force until the next version (by `from`) begins, as a new
    notice repeals the old one. Two versions starting on one day, an `until` after the next
    version's `from` (an overlap) or before it (a gap, when no version applies) are errors on
    the `effective` of the later version, naming the other file and line. Versions are those
    sharing an id; with `same_id_only=False` (a folder of versions) every rule set given.
    """
    errors = []
    chains: dict[str, list] = {}
    for loaded in rulesets:
        period = _period(loaded.data)
        if period is not None:
            key = loaded.data["id"] if same_id_only else ""
            chains.setdefault(key, []).append((*period, str(loaded.path), loaded))
    for versions in chains.values():
        versions.sort(key=lambda item: (item[0], item[2]))
        for (start, end, path, loaded), (next_start, _, _, next_loaded) in zip(versions, versions[1:]):
            where = f"{path}:{loaded.position(['effective'])[0]}"
            values = dict(other=where, id=loaded.data["id"], start=start, end=end, next_start=next_start)
            if next_start == start or (end is not None and end > next_start):
                errors.append(next_loaded.error(say(MESSAGES, "overlap", lang, **values), ("effective",)))
            elif end is not None and end < next_start:
                errors.append(next_loaded.error(say(MESSAGES, "gap", lang, **values), ("effective",)))
    return errors


def _period(data: Any) -> tuple[date, date | None] | None:
    try:
        effective = data["effective"]
        start = date.fromisoformat(effective["from"])
        end = date.fromisoformat(effective["until"]) if "until" in effective else None
        return (start, end) if isinstance(data["id"], str) else None
    except (TypeError, KeyError, ValueError):
        return None


# ---------------------------------------------------------------- calendars

def check_calendar(loaded: LoadedYaml, lang: str = DEFAULT_LANGUAGE) -> list[CheckerError]:
    """Holidays and make-up workdays as the State Council's notices can state them."""
    errors: list[CheckerError] = []
    data = loaded.data if isinstance(loaded.data, dict) else {}
    weekend = _weekend_days(data.get("weekend"))
    years = data.get("years") if isinstance(data.get("years"), dict) else {}

    def error(key: str, path: tuple, **values) -> None:
        errors.append(loaded.error(say(MESSAGES, key, lang, **values), path))

    def day_at(value: Any, path: tuple) -> date | None:
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            error("not_a_date", path, value=value)
            return None

    for year, block in years.items():
        if not isinstance(block, dict):
            continue
        base = ("years", year)
        holidays: list[tuple[date, date, str, int]] = []
        makeup: set[date] = set()
        for i, holiday in _items(block.get("holidays"), ("from", "to")):
            start = day_at(holiday.get("from"), base + ("holidays", i, "from"))
            end = day_at(holiday.get("to"), base + ("holidays", i, "to"))
            name = str(holiday.get("name", ""))
            for day, field in ((start, "from"), (end, "to")):
                if day is not None and str(day.year) != str(year):
                    error("wrong_year", base + ("holidays", i, field), date=day, year=year)
            if start is None or end is None:
                continue
            if end < start:
                error("holiday_reversed", base + ("holidays", i, "to"), name=name, start=start, end=end)
                continue
            for other_start, other_end, other_name, _ in holidays:
                if start <= other_end and other_start <= end:
                    error("holiday_overlap", base + ("holidays", i), name=name, other=other_name,
                          start=other_start, end=other_end)
                    break
            holidays.append((start, end, name, i))
        for i, workday in _items(block.get("workdays"), ("date",)):
            path = base + ("workdays", i, "date")
            day = day_at(workday.get("date"), path)
            if day is None:
                continue
            if str(day.year) != str(year):
                error("wrong_year", path, date=day, year=year)
            if day.weekday() not in weekend:
                error("makeup_not_weekend", path, date=day, weekday=WEEKDAY_NAMES[_lang(lang)][day.weekday()])
            for start, end, name, _ in holidays:
                if start <= day <= end:
                    error("holiday_and_workday", path, date=day, name=name)
                    break
            makeup.add(day)
        _check_year_against_notice(data, year, block, holidays, makeup, base, error)
    return sorted(errors, key=lambda e: (e.line or 0, e.column or 0))


def _check_year_against_notice(data: dict, year, block: dict, holidays: list, makeup: set[date],
                               base: tuple, error: Callable) -> None:
    """A year cites its notice by number; the official calendar agrees with the chinese-calendar
    package (when installed) on every holiday and make-up day of the years it knows."""
    from checker.calendar.yearly import OFFICIAL_ID, citation_missing, contradictions
    if citation_missing(block.get("source")):
        error("no_citation", base + ("source",), year=year, previous=int(year) - 1 if str(year).isdigit() else "YYYY")
    if data.get("id") != OFFICIAL_ID or not str(year).isdigit():
        return
    days = {date.fromordinal(o) for start, end, _, _ in holidays
            for o in range(start.toordinal(), end.toordinal() + 1)}
    found = contradictions(int(year), days, makeup)
    if found is None:
        return
    for kind, differing in zip(("holidays", "workdays"), found):
        if differing:
            error(f"package_{kind}", base, year=year,
                  days="、".join(day.isoformat() for day in differing[:10]) + ("…" if len(differing) > 10 else ""))


def _weekend_days(value: Any) -> set[int]:
    """Weekday numbers of the calendar's `weekend` list; Saturday and Sunday if it has none."""
    if isinstance(value, list) and value and all(str(v).lower() in WEEKDAYS for v in value):
        return {WEEKDAYS.index(str(v).lower()) for v in value}
    return {5, 6}


def _items(value: Any, needed: tuple[str, ...]) -> list[tuple[int, dict]]:
    """The entries of a list that have the keys needed, with their index (the schema reports the others)."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value)
            if isinstance(item, dict) and all(key in item for key in needed)]


def _lang(lang: str) -> str:
    return lang if lang in WEEKDAY_NAMES else DEFAULT_LANGUAGE
