"""A second hotline as data alone: the example scheme rules/examples/shiyan-city/ (示例市12345)
is validated, tested, audited, reported and reminded by the same commands as the Nanzheng
rule set, and nothing in the checker's code knows it."""

import importlib.util
import json
import re
from pathlib import Path

import jsonschema
import pytest

from checker import resources
from checker.logs import read_logs
from checker.reports.monthly import build_monthly_report
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "rules" / "examples" / "shiyan-city"
RULES = EXAMPLE / "shiyan-city-12345.yaml"
SAMPLE = EXAMPLE / "sample-2024-06.csv"
EXPECTED = EXAMPLE / "sample-2024-06.expected.json"

# What only this example says: its id, its rules, its indicators and counts, its units.
EXAMPLE_WORDS = ("shiyan", "示例市", "acceptance-1wd", "handling-deadline", "problem-ticket",
                 "redo-after-visit", "urge-overdue", "sent_back", "problem_tickets", "回退率", "重办率",
                 "按时签收率", "考核得分", "城东区", "北山县", "市水务局", "全市合计")


@pytest.fixture(scope="module")
def rules():
    return load_ruleset(RULES)


@pytest.fixture(scope="module")
def report(rules):
    return build_monthly_report(read_logs([str(SAMPLE)], rules.tz), rules, "2024-06")


def test_no_code_knows_the_example():
    offenders = []
    for path in sorted((ROOT / "checker").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".json", ".yaml", ".html"):
            text = path.read_text(encoding="utf-8")
            offenders += [(str(path.relative_to(ROOT)), word) for word in EXAMPLE_WORDS if word in text]
    assert offenders == []


def test_the_example_validates_and_its_own_cases_pass(run_cli):
    status, out, err = run_cli("validate", str(RULES), str(EXAMPLE / "shiyan-city-12345.tests.yaml"))
    assert status == 0, out + err
    status, out, err = run_cli("test", str(RULES))
    assert status == 0, out + err
    assert "8 个用例：8 个通过，0 个失败" in out


def test_a_case_states_the_points_and_ranks_it_expects(run_cli, tmp_path):
    """A wrong expected composite fails the case and names the unit, the figure and both values."""
    import shutil
    for name in ("shiyan-city-12345.yaml", "clauses.yaml"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    cases = (EXAMPLE / "shiyan-city-12345.tests.yaml").read_text(encoding="utf-8")
    assert "composite: 145.5, rank: 3" in cases
    (tmp_path / "shiyan-city-12345.tests.yaml").write_text(
        cases.replace("composite: 145.5, rank: 3", "composite: 145, rank: 2"), encoding="utf-8")
    status, out, _ = run_cli("test", str(tmp_path / "shiyan-city-12345.yaml"))
    assert status == 1
    assert "北山县 composite：应为 145，实际为 145.5" in out and "北山县 rank：应为 2，实际为 3" in out


def test_the_audit_finds_exactly_the_planted_violations(run_cli):
    status, out, _ = run_cli("audit", str(SAMPLE), "--rules", str(RULES), "--format", "json")
    assert status == 1
    found = sorted({(f["ticket_id"], f["rule"]) for f in json.loads(out)["findings"]})
    planted = sorted((item["ticket"], item["rule"]) for item in json.loads(EXPECTED.read_text(encoding="utf-8")))
    assert found == planted
    assert {rule for _, rule in planted} == {"acceptance-1wd", "handling-deadline", "problem-ticket"}


def test_the_sample_is_what_its_generator_writes(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_sample_shiyan", EXAMPLE / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    module.main()
    assert (tmp_path / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()
    assert (tmp_path / EXPECTED.name).read_bytes() == EXPECTED.read_bytes()


def test_the_report_has_the_schemes_columns_groups_and_lists(report):
    scheme = report["assessment"]
    assert [i["id"] for i in scheme["indicators"]] == [
        "acceptance", "on_time", "resolution", "sent_back", "redo", "satisfaction"]
    assert [(g["id"], g["full_score"]) for g in scheme["groups"]] == [("counties", 150), ("departments", 100)]
    assert scheme["composite"]["shown_as"] == "points" and scheme["exclusions"]
    counties = [row for row in report["units"] if row["group"] == "counties"]
    departments = [row for row in report["units"] if row["group"] == "departments"]
    assert counties and departments and len(counties) + len(departments) == len(report["units"])
    for pool, full in ((counties, 150), (departments, 100)):
        ranks = [row["rank"] for row in pool if row["rank"] is not None]
        assert ranks[0] == 1 and ranks == sorted(ranks)
        assert all(0 <= row["composite"] <= full for row in pool if row["composite"] is not None)
        # The points of the indicators add up to the composite on the group's full score.
        for row in pool:
            points = sum(row[i["id"]]["points"] for i in scheme["indicators"] if row[i["id"]]["points"] is not None)
            most = sum(i["most"] for i in scheme["indicators"] if row[i["id"]]["rate"] is not None)
            assert row["composite"] == pytest.approx(points / most * full, abs=0.1)
        assert any("red" in row["lists"] for row in pool) and any("black" in row["lists"] for row in pool)


def test_the_report_counts_exclusions_and_problem_tickets(report):
    planted = json.loads(EXPECTED.read_text(encoding="utf-8"))
    excluded = sum(row["excluded"] for row in report["units"])
    assert excluded == report["total"]["excluded"] > 0
    # An excluded ticket is in no rate: the acceptance denominator leaves it out.
    assert report["total"]["acceptance"]["denominator"] <= report["total"]["tickets"] - excluded
    assert report["total"]["problem_tickets"] >= sum(1 for item in planted if item["rule"] == "problem-ticket")


def test_every_report_format_renders_the_example(run_cli, tmp_path, report):
    schema = json.loads(resources.schema_path("report").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    for fmt in ("md", "html", "xlsx", "json"):
        target = tmp_path / f"report.{fmt}"
        status, out, err = run_cli("report", str(SAMPLE), "--rules", str(RULES), "--month", "2024-06",
                                   "--format", fmt, "-o", str(target))
        assert status == 0, out + err
        assert target.stat().st_size > 0
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "### 区县（满分150分）" in markdown and "### 市级部门（满分100分）" in markdown
    assert "回退率得分" in markdown and "全市合计" in markdown and "区县（满分150分）红榜：" in markdown
    assert "全区合计" not in markdown


def test_the_reminder_list_runs_on_the_example(run_cli):
    status, out, err = run_cli("remind", str(SAMPLE), "--rules", str(RULES), "--as-of", "2024-06-12 10:00")
    assert status in (0, 1), out + err
    assert "提醒督促清单：shiyan-city-12345" in out


def test_the_example_is_not_only_a_copy_of_the_shipped_shape():
    """The example uses what the Nanzheng set does not: working-day clocks counting the start
    day, a trigger on the third return, count-based rates credited to the first unit, points."""
    text = RULES.read_text(encoding="utf-8")
    for needle in ("count_start_day: true", "nth: 3", "credit: first_unit", "better: lower",
                   "shown_as: points", "bands:", "line:", "full_score: 150"):
        assert needle in text
    assert re.search(r"event: excluded, where: \{field: event.outcome, equals: merged\}", text)
