"""The `hotline-check` command: parses arguments, calls the library, sets the exit status.

Exit status: 0 nothing found, 1 violations found, 2 bad usage, invalid rules or
unreadable input, 130 interrupted (Ctrl-C). Each command's function returns its exit status.
A user never sees a traceback: known errors print as `file:line:column: message`; a full
disk or a closed pipe on standard output, and Ctrl-C, print one line; anything unexpected
prints one line and exits 2 (HOTLINE_CHECK_DEBUG=1 shows the traceback for a developer).
The program starts in checker/entry.py, which answers Ctrl-C before this module loads.
"""

from __future__ import annotations

import os
import sys

import click

from checker import __version__
from checker.cli.language import language_of, speak
from checker.cli.lazy_group import LazyGroup
from checker.errors import CheckerError, ErrorList, os_reason
from checker.i18n import DEFAULT_LANGUAGE, say, set_run_language
from checker.output.sanitize import shown_text

EXIT_OK, EXIT_FOUND, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

MESSAGES = {
    "interrupted": {"zh": "已中断（Ctrl-C）", "en": "interrupted (Ctrl-C)"},
    "stdout_failed": {"zh": "无法写入标准输出：{reason}", "en": "cannot write to standard output: {reason}"},
    "io_failed": {"zh": "无法读写：{reason}", "en": "cannot read or write: {reason}"},
    "internal": {"zh": "内部错误：{kind}: {detail}", "en": "internal error: {kind}: {detail}"},
}

# Each command lives in its own module of this package and defines `command`; it is imported
# when the command runs. Beside it, the first paragraph of its English help, which the list of
# commands shows (the Chinese is in checker/cli/texts.py).
COMMANDS = {
    "init": ("init_cmd", "建立本办公室的工作目录 — write the office's working folder: a copy of the "
                         "shipped rule set, its test cases, the calendar and the mappings, and the "
                         "configuration hotline-check.yaml naming them. Every command run in DIR or "
                         "below it then uses these files."),
    "validate": ("validate_cmd", "校验规则文件 — validate rule files (schema and meaning)."),
    "calendar": ("calendar_cmd", "工作日历、领导接听日和期限计算 — workdays, leaders' answering days and "
                                 "due times."),
    "audit": ("audit_cmd", "审计工单日志 — audit ticket logs against the rule set: every violation, "
                           "with the clause it breaks."),
    "explain": ("explain_cmd", "解释单张工单 — explain one ticket: its timeline, each rule that "
                               "applied, each due time and why."),
    "report": ("report_cmd", "月度通报 — the monthly report: the three rates and the ranking per unit, "
                             "key tickets by category, the overdue tickets (negative list), leader-day "
                             "attendance, definitions."),
    "remind": ("remind_cmd", "提醒督促清单 — the tickets to remind at an instant (clause 3.2): not "
                             "accepted in time, about to expire, overdue, and unsatisfied at the visit "
                             "but not yet returned."),
    "test": ("test_cmd", "运行规则集自带的测试用例 — run the rule set's test cases."),
    "diff": ("diff_cmd", "对比两个规则集 — what changed between two rule sets, rule by rule, the "
                         "calendar's holidays and make-up workdays too; with --log, what the change "
                         "does to that log."),
    "serve": ("serve_cmd", "网页工作台 — the workbench in the browser: upload exports, confirm the "
                           "mapping, the findings, one ticket explained, the monthly 通报, the reminder "
                           "list and the rules in force."),
    "mapping": ("mapping_cmd", "映射文件 — mapping files that adapt a platform's export."),
}


@click.group(cls=LazyGroup, registry=COMMANDS, package=__name__,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hotline-check")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="工作目录配置文件 / the working folder configuration (default: hotline-check.yaml "
                   "found from the working folder upward, or $HOTLINE_CHECK_CONFIG).")
def cli(config_path: str | None) -> None:
    """南郑“5412345”热线工单合规检查 — hotline ticket compliance checker (南政办发〔2024〕4号)."""


def report_error(error: CheckerError) -> None:
    errors = error.errors if isinstance(error, ErrorList) else [error]
    for item in errors:
        say_error(str(item))


def say_error(text: str) -> None:
    """One line on standard error: what an error names may come from a hostile file."""
    try:
        click.echo(f"hotline-check: {shown_text(text)}", err=True)
    except OSError:
        pass


def _silence_stdout() -> None:
    """After stdout failed, point it at /dev/null so that Python's own flush at exit is quiet."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> None:
    lang = language_of(sys.argv[1:] if argv is None else argv)
    set_run_language(lang)
    speak(cli, lang)
    try:
        _run(argv, lang)
    finally:
        set_run_language(DEFAULT_LANGUAGE)


def _internal_error(error: BaseException, lang: str) -> None:
    if os.environ.get("HOTLINE_CHECK_DEBUG"):
        raise error
    say_error(say(MESSAGES, "internal", lang, kind=type(error).__name__, detail=error))
    sys.exit(EXIT_ERROR)


def _run(argv: list[str] | None, lang: str) -> None:
    """Run the command; every outcome ends in sys.exit with the status."""
    try:
        status = cli.main(args=argv, prog_name="hotline-check", standalone_mode=False)
        sys.stdout.flush()
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_ERROR)
    except (click.exceptions.Abort, KeyboardInterrupt):
        # click turns Ctrl-C into Abort; either way: one line, status 130.
        say_error(say(MESSAGES, "interrupted", lang))
        sys.exit(EXIT_INTERRUPTED)
    except CheckerError as error:
        report_error(error)
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        _silence_stdout()           # `… | head`: the reader has gone, as for any Unix tool
        sys.exit(EXIT_ERROR)
    except OSError as error:
        if error.filename is not None:     # a file the library did not wrap in a CheckerError
            say_error(f"{error.filename}: {say(MESSAGES, 'io_failed', lang, reason=os_reason(error, lang))}")
            sys.exit(EXIT_ERROR)
        _silence_stdout()           # a full disk (ENOSPC) or a device error on stdout
        say_error(say(MESSAGES, "stdout_failed", lang, reason=os_reason(error, lang)))
        sys.exit(EXIT_ERROR)
    except Exception as error:  # the last guard: one line, never a traceback
        _internal_error(error, lang)
    except BaseException as error:
        # A native library's panic (polars: pyo3's PanicException) is not an Exception.
        if type(error).__name__ != "PanicException":
            raise
        _internal_error(error, lang)
    # Commands return their exit status (0, 1 or 2); `--help` and `--version` return None.
    sys.exit(status if isinstance(status, int) else EXIT_OK)
