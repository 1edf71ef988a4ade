"""The program's group of commands, each imported only when it is run.

Importing every command module would load the whole library (the report's document stack,
the workbook writers, the web workbench) before `--version` could answer or a log be read.
The list `--help` shows is built from the registry's texts instead, so it needs no command
module either; tests/test_cli_lazy.py checks those texts against the commands themselves.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

from checker.cli.language import (chinese_short_help, click_in_english, localize_loaded,
                                   spoken_language)


class LazyGroup(click.Group):
    """A click group over `registry`: command name -> (module of `package` defining
    `command`, the first paragraph of the command's English help)."""

    def __init__(self, *args, registry: dict[str, tuple[str, str]], package: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.registry = registry
        self.package = package

    def _module_name(self, name: str) -> str:
        return f"{self.package}.{self.registry[name][0]}"

    def list_commands(self, ctx: click.Context | None) -> list[str]:
        # A command whose module is not there (an installation without it) is not offered.
        return sorted(name for name in self.registry
                      if name in self.commands or importlib.util.find_spec(self._module_name(name)))

    def get_command(self, ctx: click.Context | None, name: str) -> click.Command | None:
        if name in self.commands or name not in self.registry:
            return self.commands.get(name)
        module_name = self._module_name(name)
        try:
            with click_in_english():
                module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            return None
        self.add_command(module.command, name)
        localize_loaded(module.command, name)
        return module.command

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:
            if error.possibilities is not None or self.commands.keys() >= self.registry.keys():
                raise
            # click suggests a near name from the commands loaded so far: offer them all.
            raise click.exceptions.NoSuchCommand(error.command_name,
                                                 possibilities=self.list_commands(ctx),
                                                 ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's own listing, from stand-ins carrying the registry's texts for the commands
        not loaded yet."""
        chinese = spoken_language() == "zh"
        rows = []
        for name in self.list_commands(ctx):
            command = self.commands.get(name)
            if command is None:
                command = click.Command(name, help=self.registry[name][1],
                                        short_help=chinese_short_help(name) if chinese else None)
            if not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section(click.core._("Commands")):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])
