"""Rule files validated once per content: a run that loads an unchanged rule set, calendar or
mapping skips the schema and meaning checks it passed before (they are most of start-up).

An entry says "this file, with these contents, passed": its name is the SHA-256 of the
program and its version, the file's kind, absolute path and contents, every schema's contents
and the limits set in the environment; inside it lists every file the validation read
through the one YAML loader (the file itself, its calendar, its clause list …) with its
SHA-256, each checked again before the entry is believed. Nothing but a file's validity is
kept (no code, no pickled objects): the rule set is still read and built from the file on
every run. Entries are JSON written atomically (a temporary file renamed), in
$XDG_CACHE_HOME/hotline-check (default ~/.cache/hotline-check); an entry that is not a
regular file of this user, not this program's, of another version or format, or unreadable,
is ignored and written again. `HOTLINE_CHECK_CACHE=off` turns the cache off; `validate`
never uses it (it always validates). A folder that cannot be written only costs the time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from checker import __version__, resources

PROGRAM = "hotline-check"
FORMAT = 1
VARIABLE = "HOTLINE_CHECK_CACHE"
OFF = frozenset(("off", "0", "no", "false"))
_ENTRY_BYTES = 1 << 20          # an entry is a few hundred bytes; anything larger is not ours

_bypassed: ContextVar[bool] = ContextVar("hotline_check_cache_bypassed", default=False)


def folder() -> Path | None:
    """Where the entries are; None when the cache is off."""
    if os.environ.get(VARIABLE, "").strip().lower() in OFF:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG specification: a relative path is invalid and is ignored.
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / PROGRAM / "rules"


@contextmanager
def bypassed():
    """Within it, every rule file is validated in full and nothing is written (`validate`)."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def enabled() -> bool:
    return not _bypassed.get() and folder() is not None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=None)
def _schemas_digest(directory: str) -> str:
    """Every schema's name and contents: a program with other schemas judges files otherwise."""
    total = hashlib.sha256()
    for path in sorted(Path(directory).glob("*.json")):
        total.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return total.hexdigest()


def entry_key(path: str | Path, contents_digest: str, kind: str) -> str:
    """The name of the entry of this file, with these contents, validated as `kind`."""
    limits = sorted((name, value) for name, value in os.environ.items()
                    if name.startswith("HOTLINE_CHECK_LIMIT_"))
    identity = [PROGRAM, FORMAT, __version__, kind, os.path.abspath(path), contents_digest,
                _schemas_digest(str(resources.schemas_dir())), limits]
    return digest(json.dumps(identity, ensure_ascii=False).encode("utf-8"))


def known_valid(key: str) -> bool:
    """Whether an entry of ours says the file passed, and every file it read is unchanged."""
    entry = _read_entry(key)
    if entry is None:
        return False
    for path, expected in entry["files"]:
        try:
            if digest(Path(path).read_bytes()) != expected:
                return False
        except OSError:
            return False
    return True


def _read_entry(key: str) -> dict | None:
    where = folder()
    if where is None:
        return None
    path = where / f"{key}.json"
    try:
        status = path.lstat()
        if not path.is_file() or path.is_symlink() or status.st_size > _ENTRY_BYTES:
            return None
        if hasattr(os, "getuid") and status.st_uid != os.getuid():
            return None
        entry = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(entry, dict) and entry.get("program") == PROGRAM and entry.get("format") == FORMAT
            and entry.get("version") == __version__ and entry.get("key") == key):
        return None
    files = entry.get("files")
    if not isinstance(files, list) or not files or not all(
            isinstance(item, list) and len(item) == 2 and all(isinstance(part, str) for part in item)
            for item in files):
        return None
    return entry


def remember(key: str, kind: str, files: list[tuple[str, str]]) -> None:
    """Write the entry of a file that passed (`files`: every (path, SHA-256) its validation read)."""
    where = folder()
    if where is None or _bypassed.get():
        return
    entry = {"program": PROGRAM, "format": FORMAT, "version": __version__, "key": key, "kind": kind,
             "files": sorted({(os.path.abspath(path), sha) for path, sha in files})}
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = tempfile.NamedTemporaryFile("wb", dir=where, prefix=".entry-", suffix=".tmp", delete=False)
        try:
            with handle:
                handle.write(json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(handle.name, where / f"{key}.json")
        except BaseException:
            os.unlink(handle.name)
            raise
    except OSError:
        pass        # a read-only or full disk: the next run validates again, nothing else changes
