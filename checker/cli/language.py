"""The language the command line speaks, chosen before click parses anything.

Chinese unless `--lang en` is on the command line or HOTLINE_CHECK_LANG=en is set. It is
read from the raw arguments first because click's own messages (a missing option, a typo)
and the help pages are written before any option has been parsed.
"""

from __future__ import annotations

import importlib
import os
from contextlib import contextmanager

import click

from checker.cli import texts
from checker.i18n import DEFAULT_LANGUAGE, LANGUAGES

LANG_VARIABLE = "HOTLINE_CHECK_LANG"

# The language the commands' help was last set to speak (None: never, click's English).
_SPOKEN: dict[str, str | None] = {"lang": None}

# The click modules that look their messages up through gettext (`_`, `ngettext`).
_CLICK_MODULES = ("click.core", "click.exceptions", "click.types", "click.parser",
                  "click.decorators", "click.formatting", "click.termui", "click.utils")


def language_of(argv: list[str]) -> str:
    """`--lang X` / `--lang=X` on the command line, else HOTLINE_CHECK_LANG, else Chinese."""
    chosen = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    if chosen not in LANGUAGES:
        chosen = os.environ.get(LANG_VARIABLE, "").strip().lower() or None
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def _chinese(message: str) -> str:
    return texts.CLICK.get(message, message)


def _chinese_plural(singular: str, plural: str, count: int) -> str:
    found = texts.CLICK_PLURAL.get((singular, plural))
    if found is not None:
        return found
    return singular if count == 1 else plural


def _english(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def _set_click_language(chinese: bool) -> None:
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:                     # a click without that module
            continue
        if hasattr(module, "_"):
            module._ = _chinese if chinese else _english
        if hasattr(module, "ngettext"):
            module.ngettext = _chinese_plural if chinese else _english_plural


def speak(command: click.Command, lang: str) -> None:
    """Make click and every command's help speak `lang` (a command loaded later too)."""
    _SPOKEN["lang"] = lang
    _set_click_language(lang == "zh")
    _localize_help(command, "", lang)


def spoken_language() -> str | None:
    return _SPOKEN["lang"]


@contextmanager
def click_in_english():
    """While a command module loads: click names its parameter types (PATH, FILE) when they are
    made, and the help shows those names as they were made, in English."""
    _set_click_language(False)
    try:
        yield
    finally:
        if _SPOKEN["lang"] is not None:
            _set_click_language(_SPOKEN["lang"] == "zh")


def localize_loaded(command: click.Command, path: str) -> None:
    """A command loaded after `speak`: its help in the language spoken."""
    if _SPOKEN["lang"] is not None:
        _localize_help(command, path, _SPOKEN["lang"])


def chinese_short_help(path: str) -> str | None:
    """What the list of commands shows for `path` in Chinese: its help's first phrase."""
    text = texts.COMMANDS.get(path)
    return text.split("\n")[0].split("：")[0] if text is not None else None


def _localize_help(command: click.Command, path: str, lang: str) -> None:
    english = command.__dict__.setdefault("_english_help", command.help)
    if getattr(command, "_help_option", None) is not None:
        command._help_option = None             # click caches it with the text of its language
    english_short = command.__dict__.setdefault("_english_short_help", command.short_help)
    command.help = texts.COMMANDS.get(path, english) if lang == "zh" else english
    command.short_help = (chinese_short_help(path) if lang == "zh" and path in texts.COMMANDS
                          else english_short)
    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        english_option = param.__dict__.setdefault("_english_help", param.help)
        option = max(param.opts, key=len)
        key = f"{path} {option}".strip()
        chinese = texts.OPTIONS.get(key) or texts.OPTIONS.get(option)
        param.help = chinese if lang == "zh" and chinese else english_option
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            _localize_help(sub, f"{path} {name}".strip(), lang)
