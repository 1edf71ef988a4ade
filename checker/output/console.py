"""A rich console that renders to a string: the terminal tables are built on it."""

from __future__ import annotations

import io
import shutil

from rich.console import Console


def text_console(width: int | None, color: bool) -> Console:
    """Writes into a StringIO (read it with `console.file.getvalue()`); `width` None: the
    terminal's. Markup, emoji and highlighting are off, so cell text is shown as it is."""
    if width is None:
        width = shutil.get_terminal_size((120, 24)).columns
    return Console(file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
                   color_system="standard" if color else None, highlight=False,
                   emoji=False, markup=False, legacy_windows=False)
