"""The shipped sample month: the audit finds exactly the violations its scenarios planted.

fixtures/make_sample.py builds each ticket from a scenario (late acceptance, late
feedback, archive without approval, …) and writes down the findings it must produce."""

import csv
import json
import random
from pathlib import Path

import pytest

from checker.engine.audit import AuditOptions, run_audit
from checker.logs import read_logs
from checker.ruleset import load_ruleset

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "sample-2024-05.csv"


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


@pytest.fixture(scope="module")
def result(rules):
    return run_audit(read_logs([str(SAMPLE)], rules.tz), rules, AuditOptions())


def keyed(findings):
    return sorted((f.ticket_id, f.rule, f.check or "", f.severity) for f in findings)


def test_the_audit_finds_exactly_the_planted_violations(result):
    expected = json.loads((FIXTURES / "sample-2024-05.expected.json").read_text(encoding="utf-8"))
    assert keyed(result.findings) == sorted(
        (e["ticket_id"], e["rule"], e["check"] or "", e["severity"]) for e in expected)


def test_the_sample_covers_every_class_several_units_and_the_labour_day_holiday(result, rules):
    with SAMPLE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    categories = {r["category"] for r in rows if r["category"]}
    assert {rules.classify(c) for c in categories} == {"emergency", "basic_living", "other"}
    assert len({r["unit"] for r in rows if r["unit"]}) >= 8
    days = {r["at"][:10] for r in rows if r["event"] == "dispatched"}
    assert "2024-05-11" in days and {"2024-05-01", "2024-05-02", "2024-05-03"} & days
    assert result.tickets >= 300


def test_every_row_is_an_event_or_rejected_with_its_line(result):
    assert result.rows == result.events + len(result.rejected)
    assert len(result.rejected) == 3
    assert all(r.line > 1 and r.reason for r in result.rejected)


def test_shuffled_rows_give_identical_findings(tmp_path, rules, result):
    with SAMPLE.open(encoding="utf-8") as handle:
        lines = handle.read().splitlines(keepends=True)
    body = lines[1:]
    random.Random(7).shuffle(body)
    shuffled = tmp_path / "shuffled.csv"
    shuffled.write_text("".join(lines[:1] + body), encoding="gb18030")
    again = run_audit(read_logs([str(shuffled)], rules.tz), rules, AuditOptions())
    assert keyed(again.findings) == keyed(result.findings)
    assert [(f.due, f.actual) for f in sorted(again.findings, key=lambda f: (f.ticket_id, f.rule, f.check or "", f.due))] == \
        [(f.due, f.actual) for f in sorted(result.findings, key=lambda f: (f.ticket_id, f.rule, f.check or "", f.due))]


def test_the_fixture_is_what_the_generator_writes():
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_sample", FIXTURES / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows, _ = module.generate()
    with SAMPLE.open(encoding="utf-8") as handle:
        on_disk = list(csv.DictReader(handle))
    assert len(on_disk) == len(rows)
    assert [(r["ticket_id"], r["event"], r["at"]) for r in on_disk] == \
        [(r["ticket_id"], r["event"], r["at"]) for r in rows]
