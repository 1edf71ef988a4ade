"""The one error type users see: a message tied to a file, and a line and column when known."""

from __future__ import annotations

import errno


class CheckerError(Exception):
    """A user-facing error. Never shown as a traceback: the CLI prints `str(error)`."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        if self.file is None and self.line is None:
            return self.message
        return f"{self.location()}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.message}


FILE_MESSAGES = {
    "not_found": {"zh": "找不到该文件", "en": "file not found"},
    "unreadable": {"zh": "无法读取：{reason}", "en": "cannot read: {reason}"},
}


def file_error(path, key: str, os_error: OSError | None = None) -> CheckerError:
    """A file that cannot be found or read, in the run's language (`not_found`, `unreadable`)."""
    from checker.i18n import run_language, say
    lang = run_language()
    if os_error is not None and os_error.errno == errno.ENOENT:
        key = "not_found"
    reason = os_reason(os_error, lang) if os_error is not None else ""
    return CheckerError(say(FILE_MESSAGES, key, lang, reason=reason), file=path)


class ErrorList(CheckerError):
    """Several errors found in one pass (a rule file with many mistakes)."""

    def __init__(self, errors: list[CheckerError]):
        first = errors[0] if errors else None
        super().__init__("; ".join(str(e) for e in errors),
                         file=first.file if first else None, line=first.line if first else None,
                         column=first.column if first else None)
        self.errors = errors

    def __str__(self) -> str:
        return self.message


_OS_REASONS_ZH = {
    "ENOSPC": "磁盘空间已满", "EACCES": "没有权限", "EPERM": "没有权限", "EROFS": "只读文件系统",
    "EIO": "输入输出错误", "ENOENT": "找不到该文件或文件夹", "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一部分不是文件夹", "EPIPE": "管道已关闭", "EDQUOT": "超出磁盘配额",
    "EFBIG": "文件过大", "ENAMETOOLONG": "文件名过长",
}


def os_reason(error: OSError, lang: str = "zh") -> str:
    """Why an operating-system call failed, in the user's language."""
    import errno
    name = errno.errorcode.get(error.errno or 0, "")
    if lang != "en" and name in _OS_REASONS_ZH:
        return _OS_REASONS_ZH[name]
    return error.strerror or str(error)
