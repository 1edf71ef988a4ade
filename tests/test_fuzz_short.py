"""A short fuzz run in the normal suite (about 30 cases); HOTLINE_FUZZ_LONG=1 makes it long.
The same run outside pytest: `python -m tests.fuzz [--long]` (tests/fuzz/)."""

from __future__ import annotations

import os

import pytest

from fuzz.harness import fuzz

LONG = bool(os.environ.get("HOTLINE_FUZZ_LONG"))


@pytest.mark.parametrize("seed", range(1, 21) if LONG else [1, 2])
def test_fuzzed_inputs_break_no_promise(tmp_path, seed):
    assert fuzz(tmp_path, seed, 100 if LONG else 15) > 0
