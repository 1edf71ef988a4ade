"""The data-quality notes the engine finds in a log read into the rule set's names.

Not findings of the notice: a unit name that matches no unit of the rule set, an urgency
flag that contradicts the class the category gives. Each is a `DataNote` on its ticket, in
the audit's language, shown by every output (checker.output.audit_notes).
"""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.model import DataNote, Ticket
from checker.output.phrasing import joined
from checker.ruleset import RuleSet

TEXT = {
    "unknown_unit": {
        "zh": "承办单位“{name}”不在规则集的单位名单中{closest}；该工单按所写名称单列、不参与排名",
        "en": "unit '{name}' is not a unit of the rule set{closest}; the ticket is listed under "
              "that name and not ranked"},
    "closest": {"zh": "（最接近：{names}）", "en": " (closest: {names})"},
    "urgency_mismatch": {
        "zh": "紧急程度标为“{flag}”，但{basis}属于{class_name}；反馈时限按{class_name}计，"
              "工作日外的1小时签收按所标紧急程度",
        "en": "the urgency flag says '{flag}' but {basis} makes it {class_name}; the feedback "
              "limit is that class's, the one-hour acceptance outside workdays follows the flag"},
    "flag_urgent": {"zh": "紧急", "en": "urgent"},
    "flag_not_urgent": {"zh": "非紧急", "en": "not urgent"},
    "basis_category": {"zh": "诉求类别“{category}”", "en": "the category '{category}'"},
    "basis_no_category": {"zh": "无诉求类别的工单", "en": "having no category"},
    "basis_class": {"zh": "所标时限类别", "en": "the stated deadline class"},
    "no_closest": {"zh": "（无相近单位）", "en": " (no close unit)"},
}


def _closest(ruleset: RuleSet, name: str, lang: str) -> str:
    names = ruleset.closest_units(name)
    if not names:
        return say(TEXT, "no_closest", lang)
    return say(TEXT, "closest", lang, names=joined(names, lang))


def unit_notes(tickets: list[Ticket], ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> list[DataNote]:
    """One note per ticket and unit name that names no unit of the rule set (after grouping,
    which has put every known name in its canonical form)."""
    notes: list[DataNote] = []
    known = ruleset.units
    messages: dict[str, str] = {}
    for ticket in tickets:
        seen: set[str] = set()
        for event in ticket.events:
            name = event.unit
            if name is None or name in known or name in seen:
                continue
            seen.add(name)
            if name not in messages:
                messages[name] = unit_message(ruleset, name, lang)
            notes.append(DataNote(kind="unknown_unit", ticket_id=ticket.ticket_id,
                                  source=event.source, line=event.line, message=messages[name]))
    return notes


def unit_message(ruleset: RuleSet, name: str, lang: str) -> str:
    """The note on a unit name that names no unit of the rule set."""
    return say(TEXT, "unknown_unit", lang, name=name, closest=_closest(ruleset, name, lang))


def urgency_notes(tickets: list[Ticket], ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> list[DataNote]:
    """A note per ticket whose stated urgency flag (特急/紧急/加急 or 一般) contradicts the
    urgency of the class it was given (by its category or a stated class)."""
    notes: list[DataNote] = []
    for ticket in tickets:
        flagged = next((event for event in ticket.events if event.urgent is not None), None)
        if flagged is None or flagged.urgent == ruleset.is_urgent_class(ticket.deadline_class):
            continue
        stated_class = any(event.deadline_class for event in ticket.events)
        notes.append(DataNote(kind="urgency_mismatch", ticket_id=ticket.ticket_id,
                              source=flagged.source, line=flagged.line,
                              message=urgency_message(ruleset, flagged.urgent, stated_class,
                                                      ticket.category, ticket.deadline_class, lang)))
    return notes


def urgency_message(ruleset: RuleSet, urgent: bool, stated_class: bool, category: str | None,
                    deadline_class: str | None, lang: str) -> str:
    """The note on an urgency flag (`urgent`) that contradicts the ticket's class: stated on
    one of its rows, or given by its category (or by its having none)."""
    if stated_class:
        basis = say(TEXT, "basis_class", lang)
    elif category:
        basis = say(TEXT, "basis_category", lang, category=category)
    else:
        basis = say(TEXT, "basis_no_category", lang)
    class_name = ruleset.classes.get(deadline_class, {}).get("name", deadline_class)
    flag = say(TEXT, "flag_urgent" if urgent else "flag_not_urgent", lang)
    return say(TEXT, "urgency_mismatch", lang, flag=flag, basis=basis, class_name=class_name)


def ticket_notes(tickets: list[Ticket], ruleset: RuleSet, lang: str = DEFAULT_LANGUAGE) -> list[DataNote]:
    """Every data-quality note the engine finds in these tickets."""
    return unit_notes(tickets, ruleset, lang) + urgency_notes(tickets, ruleset, lang)
