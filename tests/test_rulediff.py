"""`hotline-check diff OLD NEW`: an office's yearly change to the rule set, shown rule by rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker import resources
from checker.output.rulediff_out import show_value
from checker.rulediff import diff_rulesets

SHIPPED = resources.default_ruleset_path()


@pytest.fixture
def changed(tmp_path) -> Path:
    """A copy of the shipped rule set (with its calendars and clause list beside it) to edit."""
    rules = resources.rules_dir()
    shutil.copytree(rules / "calendars", tmp_path / "calendars")
    shutil.copy(rules / "clauses.yaml", tmp_path / "clauses.yaml")
    target = tmp_path / "nanzheng-2025.yaml"
    shutil.copy(SHIPPED, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the shipped rule set no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def yearly_change(path: Path) -> None:
    """From 2025-07-01 emergencies get 2 hours; a new department; 山洪 no longer an emergency."""
    edit(path, "emergency: {duration: PT3H, clock: elapsed}",
         "emergency: {duration: {2024-01-01: PT3H, 2025-07-01: PT2H}, clock: elapsed}")
    edit(path, "    - 区林业局\n", "    - 区林业局\n    - 区数据局\n")
    edit(path, "      - 山洪\n", "")


def test_each_change_of_a_yearly_edit_is_listed(changed, run_cli):
    yearly_change(changed)
    status, out, err = run_cli("diff", str(SHIPPED), str(changed))
    assert status == 1, err
    assert ("within.by_class.emergency.duration：PT3H → PT3H（2024-01-01 起）；PT2H（2025-07-01 起）"
            in out)
    assert "修改 feedback-deadline（限时反馈；条款 2.1.3）" in out
    assert "新增 units.departments：区数据局" in out
    assert "删除 classification.by_category.emergency：山洪" in out
    assert "共 3 处不同" in out
    # Rules first, then the data they use.
    assert out.index("规则\n") < out.index("分类\n") < out.index("承办单位\n")


def test_a_file_compared_with_itself_is_identical(run_cli):
    status, out, _ = run_cli("diff", str(SHIPPED), str(SHIPPED))
    assert status == 0
    assert "两个规则集相同。" in out


def test_english_output(changed, run_cli):
    yearly_change(changed)
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed), "--lang", "en")
    assert status == 1
    assert "PT3H → PT3H from 2024-01-01; PT2H from 2025-07-01" in out
    assert "added units.departments: 区数据局" in out
    assert "3 difference(s)" in out


def test_rules_added_and_removed_and_a_named_check_changed(changed, run_cli):
    text = changed.read_text(encoding="utf-8")
    start = text.index("  - id: known-unit")
    end = text.index("  - id: acceptance-1h")
    changed.write_text(text[:start] + text[end:], encoding="utf-8")
    edit(changed, "        within: {duration: PT2H, clock: elapsed}",
         "        within: {duration: PT1H, clock: elapsed}")
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed))
    assert status == 1
    assert "删除 known-unit（承办单位名单；条款 2.1.1，requires）" in out
    assert "checks[within-2h].within.duration：PT2H → PT1H" in out
    status, out, _ = run_cli("diff", str(changed), str(SHIPPED))
    assert "新增 known-unit（承办单位名单；条款 2.1.1，requires）" in out


def test_identity_and_other_sections(changed, run_cli):
    edit(changed, "id: nanzheng-2024\n", "id: nanzheng-2025\n")
    edit(changed, "  from: 2024-01-01\n", "  from: 2025-01-01\n")
    edit(changed, "basically_satisfied: 1.0,", "basically_satisfied: 0.8,")
    edit(changed, "passed_to: [区委政法委, 区督查办, 区考核办, 区信访局]",
         "passed_to: [区委政法委, 区考核办, 区信访局, 区营商办]")
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed))
    assert status == 1
    assert "修改 id：nanzheng-2024 → nanzheng-2025" in out
    assert "修改 effective.from：2024-01-01 → 2025-01-01" in out
    assert "修改 rates.indicators[satisfaction].numerator.weighted.weights.basically_satisfied：1.0 → 0.8" in out
    assert "删除 key_tickets.categories.wage_arrears.passed_to：区督查办" in out
    assert "新增 key_tickets.categories.wage_arrears.passed_to：区营商办" in out
    assert out.index("考核指标") < out.index("标识")


def test_json_lists_every_change_with_raw_values(changed, run_cli):
    yearly_change(changed)
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed), "--format", "json")
    document = json.loads(out)
    assert status == 1 and document["identical"] is False
    [rule_change] = [c for c in document["changes"] if c["section"] == "rules"]
    assert rule_change == {"section": "rules", "action": "changed", "rule": "feedback-deadline", "clause": "2.1.3",
                           "path": "within.by_class.emergency.duration", "old": "PT3H",
                           "new": {"2024-01-01": "PT3H", "2025-07-01": "PT2H"}}


def test_markdown_table(changed, run_cli):
    yearly_change(changed)
    status, out, _ = run_cli("diff", str(SHIPPED), str(changed), "--format", "md")
    assert status == 1
    assert out.startswith("# 规则集对比")
    assert ("| 修改 | feedback-deadline（限时反馈；条款 2.1.3） | within.by_class.emergency.duration | PT3H | "
            "PT3H（2024-01-01 起）；PT2H（2025-07-01 起） |") in out


def test_an_invalid_file_is_an_error_with_its_line(changed, run_cli):
    edit(changed, "emergency: {duration: PT3H, clock: elapsed}", "emergency: {duration: 3 hours, clock: elapsed}")
    status, out, err = run_cli("diff", str(SHIPPED), str(changed))
    assert status == 2 and out == ""
    line = next(number for number, text in enumerate(changed.read_text(encoding="utf-8").splitlines(), 1)
                if "3 hours" in text)
    assert f"nanzheng-2025.yaml:{line}:" in err


def test_a_missing_file_is_an_error(tmp_path, run_cli):
    status, _, err = run_cli("diff", str(SHIPPED), str(tmp_path / "none.yaml"))
    assert status == 2 and "none.yaml" in err


def test_reordering_plain_lists_is_reported_but_not_as_items_added():
    old = {"id": "a", "rules": [], "ranking": {"tie_breakers": ["fewer_overdue", "name"]}}
    new = {"id": "a", "rules": [], "ranking": {"tie_breakers": ["name", "fewer_overdue"]}}
    [change] = diff_rulesets(old, new).changes
    assert (change.action, change.path) == ("changed", "ranking.tie_breakers.(order)")


def test_dated_values_are_shown_with_their_dates_in_date_order():
    assert show_value({"2025-07-01": "PT2H", "2024-01-01": "PT3H"}) == "PT3H（2024-01-01 起）；PT2H（2025-07-01 起）"
    assert show_value({"2025-07-01": "PT2H", "2024-01-01": "PT3H"}, "en") == "PT3H from 2024-01-01; PT2H from 2025-07-01"
