"""The punctuation Chinese and English text do not share: the list separator, the colon after
a label, a remark in brackets, the parts of a duration. Chinese takes full-width marks with no
space around them."""

from __future__ import annotations

from typing import Iterable

from checker.i18n import say


def list_separator(lang: str) -> str:
    """Between the items of a list: 、 in Chinese, a comma in English."""
    return "、" if lang == "zh" else ", "


def joined(items: Iterable[str], lang: str) -> str:
    return list_separator(lang).join(items)


def semicolon(lang: str) -> str:
    return "；" if lang == "zh" else "; "


def colon(lang: str) -> str:
    """After a label: `满意率：…`, `Satisfaction rate: …`."""
    return "：" if lang == "zh" else ": "


def aside(remark: str, lang: str) -> str:
    """What follows a text to remark on it: `（remark）` in Chinese, ` (remark)` in English."""
    return f"（{remark}）" if lang == "zh" else f" ({remark})"


def with_aside(text: str, remark: str, lang: str) -> str:
    """`text（remark）` in Chinese, `text (remark)` in English."""
    return text + aside(remark, lang)


def duration_text(seconds: int, words: dict[str, dict[str, str]], lang: str) -> str:
    """`1天2小时` / `1d 2h`: whole days, hours and minutes (rounded down), the zero ones left
    out. `words` is the caller's catalogue: `days`, `hours`, `minutes` (each with `{n}`) and
    `under_minute` for less than a minute."""
    if seconds < 60:
        return say(words, "under_minute", lang)
    days, rest = divmod(seconds // 60, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [say(words, key, lang, n=n)
             for key, n in (("days", days), ("hours", hours), ("minutes", minutes)) if n]
    return ("" if lang == "zh" else " ").join(parts)
