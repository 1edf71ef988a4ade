"""Where the shipped rule set, calendars, mappings and schemas are, and how paths are shown.

Installed from a wheel they sit in `checker/_data/`; in a source checkout (or an
editable install) they are the repository's own `rules/` and `schemas/`.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def rules_dir() -> Path:
    return _first_existing(_PACKAGE / "_data" / "rules", _PACKAGE.parent / "rules")


def schemas_dir() -> Path:
    return _first_existing(_PACKAGE / "_data" / "schemas", _PACKAGE.parent / "schemas")


def calendars_dir() -> Path:
    return rules_dir() / "calendars"


def mappings_dir() -> Path:
    return rules_dir() / "mappings"


def default_ruleset_path() -> Path:
    return rules_dir() / "nanzheng-2024.yaml"


def schema_path(name: str) -> Path:
    """`name` is e.g. 'ruleset' for schemas/ruleset.schema.json."""
    return schemas_dir() / f"{name}.schema.json"


def clauses_path() -> Path:
    return rules_dir() / "clauses.yaml"


def shown_path(path: str | Path) -> str:
    """A path as the user should read it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


HASH_LENGTH = 12


def content_hash(path: str | Path) -> str:
    """The file's SHA-256, its first 12 characters in lowercase base32 (RFC 4648): names the
    exact rules an output used. Base32 rather than hex: its digits are 2–7 only, so the hash
    never reads as a phone or ID number to the masking every output applies."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return short_digest(digest)


def short_digest(digest) -> str:
    """A hashlib digest as the short base32 form every output shows."""
    return base64.b32encode(digest.digest()).decode("ascii").lower()[:HASH_LENGTH]


def confined(path: str | Path, folder: str | Path) -> bool:
    """Whether `path` (links followed) lies inside `folder` or the shipped rules: the only
    places a rule file may send the program to read another file. A rule file comes from a
    pull request; `calendar: /etc/passwd` must not make the program open that file."""
    try:
        target = Path(path).resolve()
        roots = [Path(folder).resolve(), rules_dir().resolve()]
    except (OSError, RuntimeError):
        return False
    return any(target == root or root in target.parents for root in roots)
