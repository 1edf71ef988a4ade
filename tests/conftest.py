"""Shared fixtures: the shipped calendar, the rule set's time zone, and running the CLI."""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings

from checker.calendar.calendar import load_calendar
from checker.cli import main

# Property tests explore new examples on a developer's machine; in CI they draw the same
# examples every run, so a red CI is reproducible and never a matter of chance.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def cn_calendar():
    """The shipped official calendar of mainland China (2024–2026)."""
    return load_calendar("cn-mainland")


@pytest.fixture(scope="session")
def shanghai():
    return ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _no_configuration_from_the_environment(monkeypatch):
    """A user's HOTLINE_CHECK_CONFIG must not change what the tests see."""
    monkeypatch.delenv("HOTLINE_CHECK_CONFIG", raising=False)


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("cache-home")


@pytest.fixture(autouse=True)
def _rule_cache_of_the_tests_own(monkeypatch, _cache_folder):
    """The tests keep their rule set cache (checker/validation/cache.py) in a folder of their
    own, never the user's, whatever HOTLINE_CHECK_CACHE says."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_folder))
    monkeypatch.delenv("HOTLINE_CHECK_CACHE", raising=False)


@pytest.fixture
def run_cli(capsys):
    """Run `hotline-check ARGS…` as a user would: returns (exit status, stdout, stderr)."""
    def run(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as done:
            main(list(args))
        captured = capsys.readouterr()
        return done.value.code, captured.out, captured.err
    return run
