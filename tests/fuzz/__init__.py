"""Fuzzing hotline-check as an attacker and as a careless user would: mutated logs in every
format, rule files and mappings, each run bounded, every output checked.

A short run is part of the normal test suite (tests/test_fuzz_short.py); the long run is

    python -m tests.fuzz --long            (or HOTLINE_FUZZ_LONG=1 python -m pytest tests/test_fuzz_short.py)

See docs/security.md for what is checked and why.
"""
