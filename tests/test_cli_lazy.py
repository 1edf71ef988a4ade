"""The commands are imported only when run: `--version`, `--help` and a mistyped command answer
at once, and say exactly what they said when every command was imported at start-up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import COMMANDS, cli

CLI_DIR = Path(__file__).resolve().parent.parent / "checker" / "cli"


def _fresh(*args: str, lang: str = "zh") -> subprocess.CompletedProcess:
    """`hotline-check ARGS…` in a new process, nothing imported beforehand."""
    return subprocess.run([sys.executable, "-m", "checker.entry", *args], capture_output=True,
                          text=True, encoding="utf-8", env={**_environment(), "HOTLINE_CHECK_LANG": lang})


def _environment() -> dict[str, str]:
    import os
    return {key: value for key, value in os.environ.items() if key != "HOTLINE_CHECK_LANG"}


def test_every_command_module_is_registered():
    modules = {path.stem for path in CLI_DIR.glob("*_cmd.py")}
    assert {module for module, _ in COMMANDS.values()} == modules


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_registry_holds_the_commands_own_first_paragraph(name):
    command = cli.get_command(None, name)
    assert command is not None and command.name == name
    english = command.__dict__.get("_english_help", command.help)
    assert " ".join(COMMANDS[name][1].split()) == " ".join(english.partition("\n\n")[0].split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_list_of_commands_is_the_same_before_any_command_is_loaded(run_cli, monkeypatch, lang):
    fresh = _fresh("--help", lang=lang)
    monkeypatch.setenv("HOTLINE_CHECK_LANG", lang)
    for name in cli.list_commands(None):
        cli.get_command(None, name)
    status, out, _ = run_cli("--help")
    assert (fresh.returncode, fresh.stdout) == (status, out)
    assert all(f"\n  {name} " in out for name in COMMANDS)


def _loaded_after(*runs: list[str]) -> list[str]:
    """The command modules and heavy libraries loaded after `hotline-check RUN` for each run."""
    probe = ("import sys\nfrom checker.cli import main\n"
             f"for args in {list(runs)!r}:\n"
             "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
             "print(sorted(m for m in sys.modules if m.endswith('_cmd') or m.split('.')[0] in "
             "('polars', 'numpy', 'openpyxl', 'docx', 'rich')))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          encoding="utf-8", env=_environment())
    assert done.returncode == 0, done.stderr
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def test_version_and_help_load_no_command_nor_polars():
    assert _loaded_after(["--version"], ["--help"], ["audt"]) == []


def test_commands_that_read_no_log_load_no_polars():
    # What CI runs on a rule file, and a due time asked at the command line.
    assert _loaded_after(["validate"]) == ["checker.cli.validate_cmd"]
    assert _loaded_after(["calendar", "due", "--from", "2024-05-10T10:00"]) == ["checker.cli.calendar_cmd"]


def test_a_mistyped_command_is_offered_the_near_one_before_any_is_loaded():
    done = _fresh("reprot")
    assert done.returncode == 2 and "'reprot'" in done.stderr and "'report'" in done.stderr


def test_a_path_option_shows_its_english_type_name_in_chinese_help():
    # click names a parameter's type when the option is made; a command loaded after the
    # language was chosen shows the same `--rules PATH` as one loaded before.
    done = _fresh("audit", "--help")
    assert done.returncode == 0 and "--rules PATH" in done.stdout and "路径" not in done.stdout
