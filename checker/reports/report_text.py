"""The monthly report's shared wording: the section headings, the sheet names, the columns
several sections have, and how an instant is written.

Each section module keeps the words only it uses (checker.reports.ranking_table,
key_tickets, overdue_list, leader_day_section, recurring_issues, definitions).
"""

from __future__ import annotations

from checker.i18n import DEFAULT_LANGUAGE, say
from checker.output.phrasing import joined
from checker.timefmt import local_text_of_iso

TEXT: dict[str, dict[str, str]] = {
    "ranking": {"zh": "一、各单位{rates}及排名", "en": "1. Rates and ranking by unit"},
    "chart": {"zh": "{rates}对比", "en": "The rates compared"},
    "chart_label": {"zh": "各单位{rates}柱状图", "en": "Bar chart of the rates per unit"},
    "key_tickets": {"zh": "二、重点工单办理情况", "en": "2. Key tickets"},
    "overdue": {"zh": "三、超期工单清单（负面清单）", "en": "3. Overdue tickets (negative list)"},
    "leader_day": {"zh": "四、领导接听日", "en": "4. Leaders' answering day"},
    "recurring_issues": {"zh": "五、反映集中的问题（举一反三）", "en": "5. Recurring issues"},
    "notes": {"zh": "六、口径说明", "en": "6. Definitions"},
    "no_tickets": {"zh": "本月无工单。", "en": "No tickets this month."},
    "no_overdue": {"zh": "本月无超期工单。", "en": "No overdue tickets this month."},
    "sheet_ranking": {"zh": "排名", "en": "Ranking"},
    "sheet_key_tickets": {"zh": "重点工单", "en": "Key tickets"},
    "sheet_overdue": {"zh": "超期清单", "en": "Overdue"},
    "sheet_leader_day": {"zh": "领导接听日", "en": "Leader day"},
    "sheet_recurring_issues": {"zh": "反映集中的问题", "en": "Recurring issues"},
    "sheet_notes": {"zh": "口径说明", "en": "Definitions"},
    "col_unit": {"zh": "承办单位", "en": "Unit"},
    "col_tickets": {"zh": "工单数", "en": "Tickets"},
    "col_overdue": {"zh": "超期工单", "en": "Overdue tickets"},
}


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    return say(TEXT, key, lang, **values)


def ranking_title(report: dict, lang: str = DEFAULT_LANGUAGE) -> str:
    """The scheme's indicators named in a heading: 回复率、解决率、满意率."""
    names = [indicator["name"] for indicator in report["assessment"]["indicators"]]
    return joined(names, lang)


def short_instant(value: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """'2024-05-11T10:30:00+08:00' → '2024年5月11日 10:30'; midnight as 24时 of the day before."""
    return local_text_of_iso(value, None, lang)
