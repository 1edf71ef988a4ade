"""What changed between two rule sets: rule by rule, then the other sections and the identity.

Rules are matched by id; a changed rule lists each field that differs, by its path inside the
rule (`within.by_class.emergency.duration`). Lists of plain values (units, categories,
departments, events) are compared as sets: each item added or removed is one change; a list
of names and {name, aliases} entries (units) is matched by name. Lists of
mappings are matched by their `id`, `name` or `clause` when they have one. A dated value
(`{2024-01-01: PT3H, 2025-07-01: PT2H}`) is one value: it is shown whole, with its dates.
Showing the changes (text, json, md) is checker.output.rulediff_out's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from checker.durations import is_dated_value
from checker.i18n import DEFAULT_LANGUAGE
from checker.validation import load_valid

IDENTITY_KEYS = ("id", "title", "source", "issuer", "effective", "timezone", "calendar")
# The order sections are shown in: the rules first, then the data they use, keys a rule set
# adds later as written, and the identity (id, dates, calendar, source) last.
SECTION_ORDER = ("rules", "classes", "classification", "units", "key_tickets", "leader_days", "rates",
                 "ranking", "recurring_issues", "reminders", "office", "not_checkable",
                 "interpretations")

_IDENTITY_OF_ITEMS = ("id", "name", "clause")


@dataclass
class Change:
    section: str                 # "rules", "identity", or another top-level key
    action: str                  # added | removed | changed
    path: str                    # where in the section (in the rule, for rules); "" = the whole
    old: Any = None
    new: Any = None
    rule: str | None = None      # the rule id, for the rules section
    clause: str | None = None    # the clause the rule encodes (the new rule's, else the old's)


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

def diff_files(old_path: str | Path, new_path: str | Path, lang: str = DEFAULT_LANGUAGE) -> RulesetDiff:
    """Both files validated (schema and meaning) as rule sets first."""
    old, new = load_valid(old_path, "ruleset", lang), load_valid(new_path, "ruleset", lang)
    result = diff_rulesets(old.data, new.data, str(old_path), str(new_path))
    result.changes += calendar_changes(_calendar_data(old.data, old_path, lang),
                                       _calendar_data(new.data, new_path, lang))
    return result


def _calendar_data(data: dict, path, lang: str) -> dict:
    from checker.calendar.calendar import resolve_calendar_path
    return load_valid(resolve_calendar_path(str(data["calendar"]), path), "calendar", lang).data


def calendar_changes(old: dict, new: dict) -> list[Change]:
    """Holidays and make-up workdays added or removed between two calendars, day by day and
    shown as periods (春节 2027-02-06—2027-02-12); a day that changes its holiday counts as
    removed under the old name and added under the new."""
    changes: list[Change] = []
    for kind, days_of in (("holidays", _holiday_days), ("workdays", _makeup_days)):
        before, after = days_of(old), days_of(new)
        for action, days in (("removed", {d: n for d, n in before.items() if after.get(d) != n}),
                             ("added", {d: n for d, n in after.items() if before.get(d) != n})):
            for first, last, name in _periods(days):
                shown = f"{name} {first}" + (f"—{last}" if last != first else "")
                changes.append(Change("calendar", action, kind, shown if action == "removed" else None,
                                      shown if action == "added" else None))
    return changes


def _holiday_days(calendar: dict) -> dict:
    from datetime import date, timedelta
    days = {}
    for block in (calendar.get("years") or {}).values():
        for holiday in (block or {}).get("holidays") or ():
            day, last = date.fromisoformat(str(holiday["from"])), date.fromisoformat(str(holiday["to"]))
            while day <= last:
                days[day] = str(holiday.get("name", ""))
                day += timedelta(days=1)
    return days


def _makeup_days(calendar: dict) -> dict:
    from datetime import date
    return {date.fromisoformat(str(item["date"])): str(item.get("for", ""))
            for block in (calendar.get("years") or {}).values() for item in (block or {}).get("workdays") or ()}


def _periods(days: dict) -> list[tuple]:
    from checker.calendar.yearly import day_runs
    return [(first.isoformat(), last.isoformat(), name) for first, last, name in day_runs(list(days.items()))]


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
    if is_dated_value(old) or is_dated_value(new):
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
    if _names_or_named(old) and _names_or_named(new):
        _compare_named(old, new, path, emit)
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


def _names_or_named(items: list) -> bool:
    """A list like `units.towns`: names, or {name, …} entries, each name once."""
    names = [item if isinstance(item, str) else item.get("name") if isinstance(item, dict) else None
             for item in items]
    return all(isinstance(name, str) for name in names) and len(set(names)) == len(names)


def _compare_named(old: list, new: list, path: str, emit: Emit) -> None:
    """Entries matched by name (a plain name is {name} alone): added and removed at `path`."""
    def named(item):
        return {"name": item} if isinstance(item, str) else item

    old_by = {named(item)["name"]: item for item in old}
    new_by = {named(item)["name"]: item for item in new}
    for name in dict.fromkeys([*old_by, *new_by]):
        if name not in new_by:
            emit("removed", path, old_by[name], None)
        elif name not in old_by:
            emit("added", path, None, new_by[name])
        else:
            compare(named(old_by[name]), named(new_by[name]), f"{path}[{name}]", emit)


def _rule_changes(old_rules: list[dict], new_rules: list[dict]) -> list[Change]:
    old_by = {rule.get("id"): rule for rule in old_rules if isinstance(rule, dict)}
    new_by = {rule.get("id"): rule for rule in new_rules if isinstance(rule, dict)}
    changes: list[Change] = []
    for rule_id in dict.fromkeys([*new_by, *old_by]):
        clause = str((new_by.get(rule_id) or old_by.get(rule_id) or {}).get("clause", "")) or None
        if rule_id not in old_by:
            changes.append(Change("rules", "added", "", None, new_by[rule_id], rule=rule_id, clause=clause))
        elif rule_id not in new_by:
            changes.append(Change("rules", "removed", "", old_by[rule_id], None, rule=rule_id, clause=clause))
        else:
            compare({k: v for k, v in old_by[rule_id].items() if k != "id"},
                    {k: v for k, v in new_by[rule_id].items() if k != "id"}, "",
                    lambda action, path, old, new, rule_id=rule_id, clause=clause:
                        changes.append(Change("rules", action, path, old, new, rule=rule_id, clause=clause)))
    return changes


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
