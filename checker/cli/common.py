"""Options shared by the commands, and the working folder's configuration behind their defaults."""

from __future__ import annotations

import click

from checker.i18n import LANGUAGES, DEFAULT_LANGUAGE
from checker.resources import shown_path
from checker.workdir.config import WorkConfig, load_config, locate_config

_CONFIG_KEY = "hotline_check.config"

lang_option = click.option(
    "--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
    envvar="HOTLINE_CHECK_LANG",
    help="Language of the output: zh (中文) or en.")


def current_config() -> WorkConfig | None:
    """The configuration in use (`--config`, HOTLINE_CHECK_CONFIG, or found from the working
    folder upward), loaded once per command; None when there is none."""
    context = click.get_current_context(silent=True)
    root = context.find_root() if context is not None else None
    meta = root.meta if root is not None else {}
    if _CONFIG_KEY not in meta:
        explicit = root.params.get("config_path") if root is not None else None
        path = locate_config(explicit)
        meta[_CONFIG_KEY] = load_config(path) if path is not None else None
    return meta[_CONFIG_KEY]


def configured_rules(rules_path: str | None = None) -> str | None:
    """`--rules` as given; else the configured rule set; else None (the shipped one)."""
    if rules_path:
        return rules_path
    config = current_config()
    return shown_path(config.rules) if config is not None else None


def _rules_default(ctx, param, value):
    return configured_rules(value)


def configured_mapping(ctx, param, value):
    """The callback of `--mapping`: as given, else the configuration's default mapping."""
    if value:
        return value
    config = current_config()
    return shown_path(config.mapping) if config is not None and config.mapping else None


rules_option = click.option(
    "--rules", "rules_path", type=click.Path(), default=None, callback=_rules_default,
    help="Rule set file, or a folder of rule set versions (default: the working folder's "
         "configuration hotline-check.yaml, else the shipped nanzheng-2024.yaml).")
