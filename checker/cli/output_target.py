"""Writing a rendered report to -o FILE or to stdout.

-o never leaves a partial file: the bytes go to a temporary file in the same folder, which
replaces FILE only once it is complete (a full disk or Ctrl-C leaves FILE as it was). -o
naming one of the command's own inputs (a log, the rule set, the mapping) is refused.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from checker.errors import CheckerError, os_reason
from checker.i18n import say

MESSAGES = {
    "cannot_write": {"zh": "无法写入：{reason}", "en": "cannot write: {reason}"},
    "is_input": {"zh": "输出文件就是输入文件 {input}：不会覆盖输入，请换一个 -o 文件名",
                 "en": "the output file is the input {input}: an input is never overwritten; choose another -o"},
    "binary_tty": {"zh": "此格式是二进制文件：请用 -o 指定输出文件",
                   "en": "this format is binary: give -o FILE"},
}


def _lang() -> str:
    context = click.get_current_context(silent=True)
    return (context.params.get("lang") if context else None) or "zh"


def _inputs() -> list[str]:
    """The files the running command reads: every path among its arguments and options."""
    context = click.get_current_context(silent=True)
    if context is None:
        return []
    found: list[str] = list(context.meta.get("hotline_check.inputs", ()))
    for name, value in context.params.items():
        if name == "output":
            continue
        for item in value if isinstance(value, (tuple, list)) else (value,):
            if isinstance(item, str) and item and os.path.isfile(item):
                found.append(item)
    return found


def note_input(path: str) -> None:
    """Records a file the command reads that is not among its arguments (e.g. a default rule set)."""
    context = click.get_current_context(silent=True)
    if context is not None:
        context.meta.setdefault("hotline_check.inputs", []).append(str(path))


def _refuse_inputs(output: str, lang: str) -> None:
    if not os.path.exists(output):
        return
    for item in _inputs():
        try:
            same = os.path.samefile(item, output)
        except OSError:
            continue
        if same:
            raise CheckerError(say(MESSAGES, "is_input", lang, input=item), file=output)


def write_file_atomically(data, output: str, lang: str = "zh") -> None:
    """FILE replaced by `data` in one step, or left as it was. `data`: the bytes, or a function
    writing them to the stream it is given (a large output written as it is produced)."""
    folder = str(Path(output).resolve().parent)
    handle = temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix="." + Path(output).name + ".", suffix=".tmp",
                                             dir=folder)
        with os.fdopen(handle, "wb") as stream:
            handle = None
            if callable(data):
                data(stream)
            else:
                stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, output)
        temporary = None
    except OSError as error:
        raise CheckerError(say(MESSAGES, "cannot_write", lang, reason=os_reason(error, lang)),
                           file=output) from None
    finally:
        if handle is not None:
            os.close(handle)
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def write_output(data, output: str | None, binary: bool = False) -> None:
    """`data`: the bytes, or a function writing them to the stream it is given."""
    lang = _lang()
    if output:
        _refuse_inputs(output, lang)
        write_file_atomically(data, output, lang)
        return
    if binary and sys.stdout.isatty():
        raise click.UsageError(say(MESSAGES, "binary_tty", lang))
    if callable(data):
        data(sys.stdout.buffer)
    else:
        sys.stdout.buffer.write(data)
    sys.stdout.flush()
