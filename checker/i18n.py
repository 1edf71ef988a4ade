"""Chinese by default, English on request.

Each module keeps its own small catalogue `{key: {"zh": ..., "en": ...}}` next to the
code that speaks it; `say` picks the language and fills the placeholders.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# The language of this run, for messages raised far from any `lang` argument (a file that
# cannot be opened, a calendar year missing). The command line sets it before parsing.
_RUN = {"lang": DEFAULT_LANGUAGE}


def set_run_language(lang: str) -> None:
    _RUN["lang"] = lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def run_language() -> str:
    return _RUN["lang"]


def say(catalogue: dict[str, dict[str, str]], key: str, lang: str = DEFAULT_LANGUAGE, /, **values) -> str:
    entry = catalogue[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def pick(texts: dict[str, str] | str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A `{zh:…, en:…}` text from a rule file, or a plain string."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    return texts.get(lang) or texts.get(DEFAULT_LANGUAGE) or next(iter(texts.values()), "")
