"""The punctuation Chinese and English text do not share: the list separator, the colon after
a label, a remark in brackets. Chinese takes full-width marks with no space around them."""

from __future__ import annotations

from typing import Iterable


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


def with_aside(text: str, aside: str, lang: str) -> str:
    """`text（aside）` in Chinese, `text (aside)` in English."""
    return f"{text}（{aside}）" if lang == "zh" else f"{text} ({aside})"
