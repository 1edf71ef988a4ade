"""The reminder list as JSON: the summary, then each unit's reminders."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from checker.output.audit_notes import unjudged_to_dict
from checker.output.sanitize import mask_personal
from checker.products.remind.wording import action_text, class_name, kind_name, time_text
from checker.reports.reminders import Reminder, ReminderList
from checker.timefmt import iso


def reminder_to_dict(reminder: Reminder, tz: ZoneInfo, lang: str = "zh",
                     class_names: dict[str, str] | None = None) -> dict:
    remaining = reminder.remaining
    return {
        "kind": reminder.kind,
        "kind_name": kind_name(reminder.kind, lang),
        "ticket_id": reminder.ticket_id,
        "unit": reminder.unit,
        "category": mask_personal(reminder.category),
        "deadline_class": reminder.deadline_class,
        "deadline_class_name": class_name(reminder, class_names or {}, lang),
        "rule": reminder.rule,
        "start": iso(reminder.start, tz),
        "due": iso(reminder.due, tz),
        "remaining_seconds": remaining if remaining is not None and remaining >= 0 else None,
        "overdue_seconds": -remaining if remaining is not None and remaining < 0 else None,
        "time": time_text(reminder, tz, lang),
        "action": action_text(reminder, tz, lang),
    }


def render_json(result: ReminderList, lang: str = "zh") -> str:
    tz = ZoneInfo(result.timezone)
    document = {
        "ruleset": {"id": result.ruleset_id, "source": result.ruleset_source,
                    "file": result.ruleset_file, "hash": result.ruleset_hash},
        "as_of": iso(result.as_of, tz),
        "summary": {"tickets": result.tickets, "rejected": result.rejected,
                    "reminders": len(result.reminders), **result.counts()},
        "units": [
            {"unit": unit, "counts": result.counts(reminders),
             "reminders": [reminder_to_dict(r, tz, lang, result.class_names) for r in reminders]}
            for unit, reminders in result.by_unit()
        ],
        "unjudged": [unjudged_to_dict(item) for item in result.unjudged],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
