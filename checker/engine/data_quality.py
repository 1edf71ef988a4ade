"""The data-quality notes the engine finds in a log read into the rule set's names.

Not findings of the notice: a unit name that matches no unit of the rule set, an urgency
flag that contradicts the class the category gives. Each is a `DataNote` on its ticket, in
the audit's language, shown by every output (checker.output.audit_notes).
"""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.model import DataNote, Ticket
from checker.ruleset import RuleSet

TEXT = {
    "unknown_unit": {
        "zh": "承办单位“{name}”不在规则集的单位名单中{closest}；该工单按所写名称单列、不参与排名",
        "en": "unit '{name}' is not a unit of the rule set{closest}; the ticket is listed under "
              "that name and not ranked"},
    "closest": {"zh": "（最接近：{names}）", "en": " (closest: {names})"},
    "no_closest": {"zh": "（无相近单位）", "en": " (no close unit)"},
}


def _closest(ruleset: RuleSet, name: str, lang: str) -> str:
    names = ruleset.closest_units(name)
    if not names:
        return say(TEXT, "no_closest", lang)
    return say(TEXT, "closest", lang, names=("、" if lang == "zh" else ", ").join(names))


def unit_notes(tickets: list[Ticket], ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> list[DataNote]:
    """One note per ticket and unit name that names no unit of the rule set (after grouping,
    which has put every known name in its canonical form)."""
    notes: list[DataNote] = []
    known = ruleset.units
    closest: dict[str, str] = {}
    for ticket in tickets:
        seen: set[str] = set()
        for event in ticket.events:
            name = event.unit
            if name is None or name in known or name in seen:
                continue
            seen.add(name)
            if name not in closest:
                closest[name] = _closest(ruleset, name, lang)
            notes.append(DataNote(kind="unknown_unit", ticket_id=ticket.ticket_id,
                                  source=event.source, line=event.line,
                                  message=say(TEXT, "unknown_unit", lang, name=name,
                                              closest=closest[name])))
    return notes


def ticket_notes(tickets: list[Ticket], ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> list[DataNote]:
    """Every data-quality note the engine finds in these tickets."""
    return unit_notes(tickets, ruleset, lang)
