"""Categories as platforms write them: paths such as 安全生产>安全事故 or 水电气/停水.

A category is cut into its segments at any of the rule set's separators. Each segment is
compared with the listed names, the deepest segment first; in a segment, a listed name equal
to it wins, else the longest listed name it contains. So 安全生产>安全事故 is 安全事故
(the deepest segment), 供水-水压不足 is 供水 (水压不足 names nothing listed), and
城乡建设>小区停水 is 停水 (contained). The first target listing a name keeps it.
"""

from __future__ import annotations

import re
from typing import Iterable


class CategoryMatcher:
    """Finds which target (a deadline class, a key category) a category names."""

    def __init__(self, names_by_target: dict[str, Iterable[str]], separators: Iterable[str]):
        self._target: dict[str, str] = {}
        for target, names in names_by_target.items():
            for name in names:
                self._target.setdefault(name.strip(), target)
        self._by_length = sorted(self._target, key=len, reverse=True)
        cuts = sorted((s for s in separators if s), key=len, reverse=True)
        self._split = re.compile("|".join(re.escape(s) for s in cuts)) if cuts else None
        self._cache: dict[str, tuple[str, str] | None] = {}

    def segments(self, category: str) -> list[str]:
        parts = self._split.split(category) if self._split else [category]
        return [part.strip() for part in parts if part.strip()]

    def match(self, category: str | None) -> tuple[str, str] | None:
        """(target, the listed name that decided it), or None when no segment names one."""
        if not category:
            return None
        if category in self._cache:
            return self._cache[category]
        found = None
        for segment in reversed(self.segments(category)):
            if segment in self._target:
                found = (self._target[segment], segment)
                break
            name = next((name for name in self._by_length if name in segment), None)
            if name is not None:
                found = (self._target[name], name)
                break
        self._cache[category] = found
        return found

    def names(self) -> list[str]:
        """The listed names, in the order the rule set lists them."""
        return list(self._target)

    def target(self, category: str | None) -> str | None:
        found = self.match(category)
        return found[0] if found else None
