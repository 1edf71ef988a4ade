"""`diff OLD NEW`: each changed parameter with its rule's clause, the calendar's holidays and
make-up workdays; with `--log`, the findings the change adds or removes, ticket by ticket, and
the rates and ranks that move, per unit."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from checker import resources

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "fixtures"))
import make_versions  # noqa: E402

SHIPPED = resources.default_ruleset_path()


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> Path:
    """The shipped rules with one deadline (basic living: 12 h instead of 24) and one weight changed."""
    folder = tmp_path_factory.mktemp("changed")
    path = folder / "nanzheng-2025.yaml"
    path.write_text(make_versions.versions()["nanzheng-2025.yaml"], encoding="utf-8")
    return path


def outage(ticket: str, unit: str, dispatched: str, feedback: str) -> str:
    return "".join(f"{ticket},{event},{at},{unit},停水\n" for event, at in (
        ("dispatched", dispatched), ("head_notified", dispatched), ("accepted", dispatched),
        ("citizen_contacted", dispatched), ("feedback", feedback)))


def write_log(tmp_path: Path) -> str:
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,category\n"
                    + outage("A18", "区供水公司", "2024-05-06 10:00", "2024-05-07 04:00")     # 18 h
                    + outage("B06", "区供水公司", "2024-05-06 10:00", "2024-05-06 16:00")     # 6 h
                    + outage("C30", "国网南郑区供电公司", "2024-05-06 10:00", "2024-05-07 16:00"),  # 30 h
                    encoding="utf-8")
    return str(path)


def test_a_changed_parameter_names_its_rule_clause_and_both_values(run_cli, changed):
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed))
    assert status == 1
    assert "修改 feedback-deadline（限时反馈；条款 2.1.3）" in out
    assert "within.by_class.basic_living.duration：PT24H → PT12H" in out
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed), "--format", "json")
    [deadline] = [c for c in json.loads(out)["changes"] if c["rule"] == "feedback-deadline"]
    assert (deadline["clause"], deadline["old"], deadline["new"]) == ("2.1.3", "PT24H", "PT12H")


def test_holidays_and_make_up_days_added_or_removed(run_cli, tmp_path):
    shutil.copy(SHIPPED, tmp_path / "rules.yaml")
    (tmp_path / "calendars").mkdir()
    calendar = resources.calendars_dir() / "cn-mainland.yaml"
    text = calendar.read_text(encoding="utf-8").replace("id: cn-mainland", "id: local")
    text = text.replace("{name: 端午节, from: 2026-06-19, to: 2026-06-21}", "{name: 端午节, from: 2026-06-19, to: 2026-06-22}")
    text = text.replace("      - {date: 2026-01-04, for: 元旦}\n", "")
    (tmp_path / "calendars" / "local.yaml").write_text(text, encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("calendar: cn-mainland", "calendar: local"),
                     encoding="utf-8")
    status, out, _ = run_cli("diff", str(SHIPPED), str(rules), "--format", "json")
    assert status == 1
    calendar_changes = [(c["action"], c["path"], c["old"] or c["new"]) for c in json.loads(out)["changes"]
                        if c["section"] == "calendar"]
    assert calendar_changes == [("added", "holidays", "端午节 2026-06-22"), ("removed", "workdays", "元旦 2026-01-04")]


def test_the_log_shows_the_findings_that_appear_ticket_by_ticket(run_cli, changed, tmp_path):
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed), "--log", write_log(tmp_path), "--format", "json")
    assert status == 1
    log = json.loads(out)["log"]
    moved = [(f["action"], f["ticket_id"], f["old"]["due"] if f["old"] else None,
              f["new"]["due"] if f["new"] else None)
             for f in log["findings"] if f["rule"] == "feedback-deadline"]
    # A18 answered after 18 h: late only under the 12-hour rule (due 22:00 the same day);
    # B06 (6 h) is on time under both; C30 (30 h) is late under both, its due time moves.
    assert moved == [("added", "A18", None, "2024-05-06T22:00:00+08:00"),
                     ("changed", "C30", "2024-05-07T10:00:00+08:00", "2024-05-06T22:00:00+08:00")]
    assert log["findings_after"] - log["findings_before"] == sum(
        {"added": 1, "removed": -1}.get(f["action"], 0) for f in log["findings"])
    water = [u for u in log["units"] if u["unit"] == "区供水公司"]
    assert [(u["month"], u["old"]["reply"], u["new"]["reply"]) for u in water] == [("2024-05", 1.0, 0.5)]


def test_the_text_lists_the_tickets_and_the_units_that_move(run_cli, changed, tmp_path):
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed), "--log", write_log(tmp_path))
    assert status == 1
    assert "新增 A18 feedback-deadline（限时反馈）（区供水公司）" in out
    assert "B06" not in out
    assert "修改 C30 feedback-deadline（限时反馈）（国网南郑区供电公司）应完成 2024-05-07 10:00" in out
    assert "2024-05 区供水公司：" in out and "回复率 100.0% → 50.0%" in out


def test_the_same_rules_on_a_log_change_nothing(run_cli, tmp_path):
    status, out, _ = run_cli("diff", str(SHIPPED), str(SHIPPED), "--log", write_log(tmp_path), "--format", "md")
    assert status == 0
    assert "两个规则集相同" in out
