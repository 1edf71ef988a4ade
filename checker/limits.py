"""The bounds every input is held to, so that no file, hostile or careless, makes a run hang.

Each bound has a default that a province's real data stays far below, and can be changed
with an environment variable `HOTLINE_CHECK_LIMIT_<NAME>` (e.g.
`HOTLINE_CHECK_LIMIT_RULES=100000`). A value of 0 turns a size bound off. Going past a
bound is an error naming the file and, where there is one, the line — never a hang and
never a silent cut. docs/security.md lists them with the threat each one answers.
"""

from __future__ import annotations

import os

from checker.errors import CheckerError

DEFAULTS: dict[str, float] = {
    # Rule files (rule sets, calendars, mappings, clause lists, test cases).
    "RULE_FILE_MB": 64,           # size of one rule file
    "YAML_DEPTH": 64,             # nesting of mappings and lists, aliases expanded
    "YAML_NODES": 2_000_000,      # values in one file, aliases expanded
    "YAML_ALIAS_NODES": 100_000,  # values that aliases (*name) add by repeating an anchor
    "INTEGER_DIGITS": 18,         # digits of one integer in a rule file
    "RULES": 5_000,               # rules in one rule set (a real one has tens)
    # Ticket logs.
    "LOG_FILE_MB": 0,             # size of one log file (0: no bound; logs are streamed)
    "JSON_DEPTH": 64,             # nesting inside one JSON Lines record
    "XLSX_COLUMNS": 2_000,        # columns read from a worksheet row
    "REJECTED_SHARE": 0.5,        # above this share of rejected rows the audit exits 2
    # A log larger than memory (checker.buckets, docs/scale.md): past this many rows `audit`
    # splits it by ticket into buckets on disk of about BUCKET_ROWS rows each, audited two at
    # a time when two hold no more than IN_MEMORY_ROWS rows, else one after the other.
    "IN_MEMORY_ROWS": 12_000_000,
    "BUCKET_ROWS": 6_000_000,
}

MESSAGES = {
    "bad_value": {"zh": "环境变量 {name} 的值“{value}”不是数字",
                  "en": "environment variable {name}: '{value}' is not a number"},
}


def env_name(name: str) -> str:
    return f"HOTLINE_CHECK_LIMIT_{name}"


def limit(name: str) -> float:
    """The bound `name` (see DEFAULTS), from the environment when set there."""
    text = os.environ.get(env_name(name))
    if text is None or not text.strip():
        return DEFAULTS[name]
    try:
        value = float(text)
    except ValueError:
        from checker.i18n import say
        raise CheckerError(say(MESSAGES, "bad_value", name=env_name(name), value=text)) from None
    if value != value or value < 0:
        from checker.i18n import say
        raise CheckerError(say(MESSAGES, "bad_value", name=env_name(name), value=text))
    return value


def int_limit(name: str) -> int:
    """An integer bound; 0 (off) becomes a number nothing reaches."""
    value = int(limit(name))
    return value if value > 0 else 1 << 62


def byte_limit(name: str) -> int:
    """A size bound given in MB, in bytes; 0 (off) becomes a size nothing reaches."""
    value = limit(name)
    return int(value * 1024 * 1024) if value > 0 else 1 << 62
