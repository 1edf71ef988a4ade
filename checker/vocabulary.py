"""The event vocabulary of DESIGN.md and the value vocabularies of the log columns.

English names are canonical; the Chinese aliases are accepted as input values too.
"""

from __future__ import annotations

EVENTS: dict[str, tuple[str, ...]] = {
    "received": ("受理",),
    "dispatched": ("派单", "转办"),
    "redispatched": ("改派",),
    "head_notified": ("通知负责人",),
    "accepted": ("签收", "启动接诉"),
    "citizen_contacted": ("联系群众",),
    "progress": ("告知进度",),
    "coordinated": ("调度",),
    "feedback": ("反馈", "回复"),
    "extension_requested": ("申请延期",),
    "extension_approved": ("同意延期",),
    "extension_rejected": ("不同意延期",),
    "citizen_informed": ("告知群众",),
    "archive_requested": ("申请归档",),
    "archive_approved": ("同意归档",),
    "archive_rejected": ("不同意归档",),
    "visited": ("回访",),
    "returned": ("退回重办",),
    "reminded": ("提醒督促",),
    "closed": ("办结", "归档"),
    # The office's ruling that a ticket does not count in the assessment; `outcome` names the
    # ruling (merged 并单, invalid 无效件, duplicate 重复件).
    "excluded": ("不计入考核", "剔除", "核减"),
}

# Where each event stands in a ticket's life: events logged at the same instant are put in
# this order (then in input order), so a shuffled log reads like the one written in order.
LIFE_ORDER: dict[str, int] = {name: rank for rank, name in enumerate((
    "received", "dispatched", "redispatched", "head_notified", "accepted", "citizen_contacted",
    "coordinated", "progress", "extension_requested", "extension_approved", "extension_rejected",
    "archive_requested", "archive_approved", "archive_rejected", "citizen_informed", "feedback",
    "visited", "returned", "reminded", "closed", "excluded"))}

EVENT_NAMES_ZH: dict[str, str] = {name: aliases[0] for name, aliases in EVENTS.items()}

EVENT_ALIASES: dict[str, str] = {}
for _name, _aliases in EVENTS.items():
    EVENT_ALIASES[_name] = _name
    for _alias in _aliases:
        EVENT_ALIASES[_alias] = _name

# The events that hand a ticket to a unit (and so name it).
HANDOVER_EVENTS = ("dispatched", "redispatched")


KEY_CATEGORIES = ("wage_arrears", "work_safety", "dispute", "rural_water_housing",
                  "eco_environment", "business_environment")

SATISFACTION: dict[str, str] = {
    "satisfied": "satisfied", "满意": "satisfied",
    "basically_satisfied": "basically_satisfied", "基本满意": "basically_satisfied",
    "unsatisfied": "unsatisfied", "不满意": "unsatisfied",
}

SATISFACTION_ZH = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}

BOOLEANS: dict[str, bool] = {
    "true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
    "是": True, "否": False, "已解决": True, "未解决": False, "y": True, "n": False,
}

OUTCOMES: dict[str, str] = {
    "handled": "handled", "办结": "handled", "archived": "archived", "归档": "archived",
    # the ruling of an `excluded` event
    "merged": "merged", "并单": "merged", "合并": "merged",
    "invalid": "invalid", "无效件": "invalid", "无效工单": "invalid",
    "duplicate": "duplicate", "重复件": "duplicate", "重复工单": "duplicate",
}

CLASS_ALIASES: dict[str, str] = {
    "emergency": "emergency", "紧急": "emergency", "突发事件": "emergency",
    "basic_living": "basic_living", "基本生活": "basic_living", "基本生活保障": "basic_living",
    "other": "other", "其他": "other",
}

KEY_CATEGORY_ALIASES: dict[str, str] = {name: name for name in KEY_CATEGORIES}
KEY_CATEGORY_ALIASES.update({
    "欠薪": "wage_arrears", "安全生产": "work_safety", "矛盾纠纷": "dispute",
    "农村饮水住房安全": "rural_water_housing", "生态环保": "eco_environment",
    "营商环境": "business_environment",
})

CANONICAL_COLUMNS = ("ticket_id", "event", "at", "unit", "actor", "category", "deadline_class",
                     "urgent", "key_category", "resolved", "satisfaction", "promised_at",
                     "outcome", "channel", "note")
