"""Units as offices write them: each unit of the rule set by its canonical name and aliases.

A written name is compared after leaving out spaces and one of the rule set's
`unit_names.drop_prefixes` / `drop_suffixes` (南郑区住建局, 区住建局 and 住建局 compare equal), on
both sides. A name that matches no unit is never guessed: `closest` names the nearest units
for a message, and the caller decides what to report.
"""

from __future__ import annotations

import difflib
import re

_SPACES = re.compile(r"[\s\u3000]+")


def unit_entries(units: dict) -> list[tuple[str, list[str]]]:
    """(canonical name, aliases) of every unit of a rule set's `units` section, in file order."""
    entries = []
    for group in (units or {}).values():
        for item in group or ():
            if isinstance(item, dict):
                entries.append((item["name"], list(item.get("aliases", ()))))
            else:
                entries.append((item, []))
    return entries


class UnitNames:
    def __init__(self, units: dict, options: dict | None = None):
        options = options or {}
        self._prefixes = sorted(options.get("drop_prefixes", ()), key=len, reverse=True)
        self._suffixes = sorted(options.get("drop_suffixes", ()), key=len, reverse=True)
        self.entries = unit_entries(units)
        self.canonical_names = frozenset(name for name, _ in self.entries)
        self._by_key: dict[str, str] = {}
        self.clashes: list[tuple[str, str, str]] = []     # (written name, first unit, second unit)
        for name, aliases in self.entries:
            for written in (name, *aliases):
                key = self.key(written)
                first = self._by_key.setdefault(key, name)
                if first != name:
                    self.clashes.append((written, first, name))
        self._cache: dict[str, str | None] = {}

    def key(self, name: str) -> str:
        """The form names are compared in: no spaces, one listed prefix and suffix left out."""
        text = _SPACES.sub("", name)
        for prefix in self._prefixes:
            if text.startswith(prefix) and len(text) > len(prefix):
                text = text[len(prefix):]
                break
        for suffix in self._suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[:-len(suffix)]
                break
        return text

    def canonical(self, name: str | None) -> str | None:
        """The canonical name of the unit `name` stands for, or None if it names no unit."""
        if not name:
            return None
        if name in self._cache:
            return self._cache[name]
        found = self._by_key.get(self.key(name))
        self._cache[name] = found
        return found

    def closest(self, name: str, count: int = 3) -> list[str]:
        """The canonical names nearest to `name` (by its compared form), best first."""
        key = self.key(name)
        matches = difflib.get_close_matches(key, list(self._by_key), n=count * 3, cutoff=0.4)
        contained = [k for k in self._by_key if len(k) > 1 and (k in key or key in k)]
        found: list[str] = []
        for match in [*matches, *contained]:
            unit = self._by_key[match]
            if unit not in found:
                found.append(unit)
        return found[:count]
