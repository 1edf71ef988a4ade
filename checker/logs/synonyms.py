"""The header wordings real exports use (rules/header-synonyms.yaml), and header matching.

Headers are compared normalised: no spaces (ASCII or full-width), full-width brackets and
colons made half-width, a trailing bracketed remark such as (必填) and a trailing * or :
dropped. A platform's new wording is a word added to the data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from checker import resources
from checker.validation import load_valid

_WIDTH = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "：": ":", "　": " ",
                        "＊": "*", "［": "[", "］": "]"})
_REMARK = re.compile(r"[\(\[][^\(\)\[\]]*[\)\]]$")


def normalise(header: str) -> str:
    """派单时间（必填） → 派单时间; ' 工单 编号 ' → 工单编号."""
    text = str(header).translate(_WIDTH)
    text = re.sub(r"[\s\u200b\u200c\u200d\ufeff]+", "", text)
    for _ in range(3):
        stripped = _REMARK.sub("", text).rstrip("*:").lstrip("*")
        if stripped == text or not stripped:
            break
        text = stripped
    return text


@dataclass(frozen=True)
class Target:
    kind: str        # column | event | extension
    name: str        # canonical column, event name, or extension part
    rank: int        # position of the word in its list: earlier words win a tie


@dataclass
class Synonyms:
    targets: dict[str, list[Target]] = field(default_factory=dict)    # normalised header -> targets
    event_fields: dict[str, list[str]] = field(default_factory=dict)
    values: dict[str, dict] = field(default_factory=dict)
    needs_reason: dict[str, list[str]] = field(default_factory=dict)
    timestamp_formats: tuple[str, ...] = ()
    event_words: dict[str, str] = field(default_factory=dict)          # 派单 -> dispatched
    path: str = ""

    def lookup(self, header: str) -> list[Target]:
        return self.targets.get(normalise(header), [])


def _add(table: dict, words, target_kind: str, name: str) -> None:
    for rank, word in enumerate(words):
        table.setdefault(normalise(word), []).append(Target(target_kind, name, rank))


@lru_cache(maxsize=4)
def load_synonyms(path: str | None = None) -> Synonyms:
    path = str(path or resources.rules_dir() / "header-synonyms.yaml")
    data = load_valid(path, "header-synonyms").data["header_synonyms"]
    targets: dict[str, list[Target]] = {}
    for column, words in data["columns"].items():
        _add(targets, words, "column", column)
    event_words: dict[str, str] = {}
    for event, words in data["events"].items():
        _add(targets, words, "event", event)
        for word in words:
            stem = re.sub(r"(时间|日期)$", "", normalise(word))
            if stem and stem != normalise(word):
                event_words.setdefault(stem, event)
    for part, words in (data.get("extension") or {}).items():
        _add(targets, words, "extension", part)
    return Synonyms(targets=targets, event_fields=dict(data.get("event_fields") or {}),
                    values={k: {str(a): v for a, v in t.items()} for k, t in (data.get("values") or {}).items()},
                    needs_reason={k: [str(w) for w in v] for k, v in (data.get("needs_reason") or {}).items()},
                    timestamp_formats=tuple(data.get("timestamp_formats") or ()),
                    event_words=event_words, path=path)
