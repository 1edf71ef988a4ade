"""What the log arguments name: files, and folders of parts.

`audit part1.csv part2.csv`, `audit exports/`, `audit year=2024/` (a data platform's
partition folders): every argument that is a folder stands for the log files under it, at
any depth, in name order (numbers compared as numbers, so part-2 comes before part-10; a
folder's files before its subfolders' files). A folder's hidden files and folders (.DS_Store,
.git), Office and editor temporary files (~$工单.xlsx, .~lock…#, name~, *.tmp), the markers
and metadata files data platforms write beside Parquet parts (_SUCCESS, _metadata …) and
files that are not logs (a .pdf, a .docx) are skipped, and each skip is said. A file named
on the command line is always read (its format is then checked by the reader), and a file
met twice is read once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from checker.errors import CheckerError, file_error
from checker.i18n import say

# The extensions a log may have (checker.logs.reader.FORMATS; Parquet by the columnar reader).
LOG_EXTENSIONS = (".csv", ".txt", ".jsonl", ".ndjson", ".xlsx", ".parquet")

_TEMPORARY = re.compile(r"^(~\$|\.~lock\.)|(~|\.tmp|\.temp|\.crc|\.swp|\.part)$", re.IGNORECASE)
_SYSTEM = {"thumbs.db", "desktop.ini"}
_DIGITS = re.compile(r"(\d+)")

TEXT = {
    "hidden": {"zh": "隐藏文件", "en": "a hidden file"},
    "temporary": {"zh": "临时文件", "en": "a temporary file"},
    "platform": {"zh": "数据平台的标记或元数据文件", "en": "a data platform's marker or metadata file"},
    "xls": {"zh": "Excel 97–2003 格式（.xls）不能读取，请另存为 .xlsx 或 CSV",
            "en": "Excel 97–2003 (.xls) is not read: save it as .xlsx or CSV"},
    "not_log": {"zh": "不是日志格式（可读：{known}）", "en": "not a log format (read: {known})"},
    "twice": {"zh": "已作为输入读取过", "en": "already read as an input"},
    "skipped": {"zh": "跳过 {path}：{reason}", "en": "skipped {path}: {reason}"},
    "empty_folder": {"zh": "文件夹中没有日志文件（可读：{known}）",
                     "en": "the folder holds no log file (read: {known})"},
}


@dataclass
class Skipped:
    path: str
    reason: str          # a key of TEXT

    def text(self, lang: str = "zh") -> str:
        reason = say(TEXT, self.reason, lang, known=", ".join(LOG_EXTENSIONS))
        return say(TEXT, "skipped", lang, path=self.path, reason=reason)


@dataclass
class LogInputs:
    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def log_files(paths, lang: str = "zh") -> LogInputs:
    """The log files the arguments name, in order, and what was skipped (and why).
    A path that does not exist, or a folder without one log file, is a CheckerError."""
    found = LogInputs()
    seen: set[str] = set()

    def take(path: str) -> None:
        key = os.path.realpath(path)
        if key in seen:
            found.skipped.append(Skipped(path, "twice"))
        else:
            seen.add(key)
            found.files.append(path)

    for path in paths:
        path = os.fspath(path)
        if os.path.isdir(path):
            logs = 0
            for name, reason in _folder_files(path):
                if reason is None:
                    take(name)
                    logs += 1
                else:
                    found.skipped.append(Skipped(name, reason))
            if not logs:
                raise CheckerError(say(TEXT, "empty_folder", lang, known=", ".join(LOG_EXTENSIONS)),
                                   file=path)
        elif os.path.exists(path):
            take(path)
        else:
            raise file_error(path, "not_found")
    return found


def name_order(name: str) -> tuple:
    """Natural order: digits compared as numbers, then the name itself to break ties."""
    parts = _DIGITS.split(name.casefold())
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts if part), name


def _folder_files(folder: str):
    """(path, None) for each log file under `folder`, (path, reason) for each file skipped."""
    entries = sorted(os.scandir(folder), key=lambda entry: name_order(entry.name))
    files = [entry for entry in entries if not entry.is_dir()]
    folders = [entry for entry in entries if entry.is_dir(follow_symlinks=False)]
    for entry in files:
        yield entry.path, _skip_reason(entry.name)
    for entry in folders:
        if entry.name.startswith("."):
            yield entry.path, "hidden"          # .git, .Trash
        elif entry.name.startswith("_"):
            yield entry.path, "platform"        # _temporary (a job still writing), _delta_log
        else:
            yield from _folder_files(entry.path)


def _skip_reason(name: str) -> str | None:
    lowered = name.casefold()
    if _TEMPORARY.search(name):
        return "temporary"
    if name.startswith("."):
        return "hidden"
    if name.startswith("_") or lowered in _SYSTEM:
        return "platform"
    extension = os.path.splitext(lowered)[1]
    if extension == ".xls":
        return "xls"
    if extension not in LOG_EXTENSIONS:
        return "not_log"
    return None
