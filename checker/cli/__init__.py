"""The `hotline-check` command: parses arguments, calls the library, sets the exit status.

Exit status: 0 nothing found, 1 violations found, 2 bad usage, invalid rules or
unreadable input. Each command's function returns its exit status. A user never sees a traceback: known errors print as
`file:line:column: message`; anything unexpected prints one line and exits 2
(HOTLINE_CHECK_DEBUG=1 shows the traceback for a developer).
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from checker import __version__
from checker.errors import CheckerError, ErrorList

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2

# Each command lives in its own module of this package and defines `command`.
_COMMAND_MODULES = ("init_cmd", "validate_cmd", "calendar_cmd", "audit_cmd", "explain_cmd",
                    "report_cmd", "remind_cmd", "test_cmd", "diff_cmd")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hotline-check")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="工作目录配置文件 / the working folder configuration (default: hotline-check.yaml "
                   "found from the working folder upward, or $HOTLINE_CHECK_CONFIG).")
def cli(config_path: str | None) -> None:
    """南郑“5412345”热线工单合规检查 — hotline ticket compliance checker (南政办发〔2024〕4号)."""


for _name in _COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"checker.cli.{_name}")
    except ModuleNotFoundError as _error:
        if _error.name != f"checker.cli.{_name}":
            raise
        continue
    cli.add_command(_module.command)


def report_error(error: CheckerError) -> None:
    errors = error.errors if isinstance(error, ErrorList) else [error]
    for item in errors:
        click.echo(f"hotline-check: {item}", err=True)


def main(argv: list[str] | None = None) -> None:
    try:
        status = cli.main(args=argv, prog_name="hotline-check", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        click.echo("hotline-check: aborted", err=True)
        sys.exit(EXIT_ERROR)
    except CheckerError as error:
        report_error(error)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last guard: one line, never a traceback
        if os.environ.get("HOTLINE_CHECK_DEBUG"):
            raise
        click.echo(f"hotline-check: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(EXIT_ERROR)
    # Commands return their exit status (0, 1 or 2); `--help` and `--version` return None.
    sys.exit(status if isinstance(status, int) else EXIT_OK)
