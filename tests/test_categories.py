"""Categories as platforms write them: paths matched on their segments, the deepest first;
key tickets recognised from the category; an urgency flag contradicting the class is noted."""

from __future__ import annotations

import json

import pytest

from checker.categories import CategoryMatcher
from checker.ruleset import load_ruleset


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


@pytest.mark.parametrize("category, deadline_class", [
    ("安全生产>安全事故", "emergency"),
    ("水电气>停水", "basic_living"),
    ("水电气热", "basic_living"),
    ("城乡建设/供水－水压不足", "basic_living"),
    ("供水-水压不足", "basic_living"),
    ("城乡建设 > 小区停电", "basic_living"),
    ("自然灾害＞山洪", "emergency"),
    ("城乡建设>道路维修", "other"),
    ("噪音扰民", "other"),
    ("", "other"),
    (None, "other"),
])
def test_the_class_of_a_category_path(rules, category, deadline_class):
    assert rules.classify(category) == deadline_class


@pytest.mark.parametrize("category, key", [
    ("劳动保障>拖欠工资", "wage_arrears"),
    ("欠薪", "wage_arrears"),
    ("讨薪", "wage_arrears"),
    ("安全生产>安全隐患", "work_safety"),
    ("安全生产>安全事故", "work_safety"),
    ("社会治安/邻里纠纷", "dispute"),
    ("矛盾纠纷", "dispute"),
    ("农村饮水", "rural_water_housing"),
    ("住房保障-危房改造", "rural_water_housing"),
    ("生态环保>噪音污染", "eco_environment"),
    ("环境污染", "eco_environment"),
    ("营商环境>涉企诉求", "business_environment"),
    ("物业管理>物业纠纷", None),
    ("噪音扰民", None),
])
def test_the_key_category_of_a_category_path(rules, category, key):
    assert rules.key_category_of(category) == key


def test_the_deepest_segment_wins_then_the_longest_name():
    matcher = CategoryMatcher({"a": ["停水"], "b": ["小区停水", "供水"]}, [">"])
    assert matcher.match("供水>小区停水") == ("b", "小区停水")     # equal to the segment
    assert matcher.match("停水>计划停水通知") == ("a", "停水")      # contained, deepest segment
    assert matcher.match("供水>其他") == ("b", "供水")              # nothing deeper names one
    assert matcher.match("其他") is None


HEADER = "工单编号,事件,时间,承办单位,诉求类别,紧急\n"


@pytest.fixture
def export(tmp_path):
    """A GB18030 export with category paths and the platform's urgency words."""
    rows = [
        # 安全生产>安全事故, 特急: emergency, and the flag agrees.
        "K1,派单,2024-05-07 14:00,区应急局,安全生产>安全事故,特急",
        "K1,通知负责人,2024-05-07 14:05,,,",
        "K1,签收,2024-05-07 14:30,,,",
        "K1,联系群众,2024-05-07 14:40,,,",
        "K1,反馈,2024-05-07 18:00,,,",
        # 城乡建设>道路维修, 特急: the class is 其他类, the flag says urgent.
        "K2,派单,2024-05-07 14:00,区住建局,城乡建设>道路维修,特急",
        "K2,签收,2024-05-07 14:30,,,",
        "K2,联系群众,2024-05-07 14:40,,,",
        "K2,反馈,2024-05-07 18:00,,,",
        # 劳动保障>拖欠工资: a key ticket without a key column.
        "K3,派单,2024-05-07 14:00,人社局,劳动保障>拖欠工资,一般",
        "K3,签收,2024-05-07 14:30,,,",
        "K3,联系群众,2024-05-07 14:40,,,",
        "K3,反馈,2024-05-07 18:00,,,",
    ]
    path = tmp_path / "工单.csv"
    path.write_bytes((HEADER + "\n".join(rows) + "\n").encode("gb18030"))
    return str(path)


def test_the_audit_of_a_platform_export(run_cli, export):
    status, out, err = run_cli("audit", export, "--format", "json", "--as-of", "2024-05-07 20:00")
    assert status == 1, err
    result = json.loads(out)
    assert [(f["ticket_id"], f["rule"], f["due"]) for f in result["findings"]] == [
        ("K1", "feedback-deadline", "2024-05-07T17:00:00+08:00")]
    [note] = result["data_notes"]
    assert note["kind"] == "urgency_mismatch" and note["ticket_id"] == "K2"
    assert "城乡建设>道路维修" in note["message"] and "其他类" in note["message"]


def test_the_report_counts_key_tickets_by_category(run_cli, export):
    status, out, err = run_cli("report", export, "--month", "2024-05", "--format", "json",
                               "--as-of", "2024-05-07 20:00")
    assert status == 0, err
    rows = {row["category"]: row for row in json.loads(out)["key_tickets"]}
    assert rows["wage_arrears"]["tickets"] == 1
    assert rows["wage_arrears"]["units"] == ["区人力资源和社会保障局"]
    assert rows["work_safety"]["tickets"] == 1
    assert sum(row["tickets"] for row in rows.values()) == 2


def test_an_explicit_key_category_wins(rules):
    from support import Log, audit
    log = Log()
    log.add("T1", "dispatched", "2024-05-09 09:00", unit="法镇", category="劳动保障>拖欠工资",
            key_category="dispute")
    from checker.engine.tickets import group_tickets
    [ticket] = group_tickets(log.events, rules)
    assert ticket.key_category == "dispute"
    assert audit(log, rules, as_of="2024-05-09 10:00").data_notes == []


def test_a_category_listed_under_two_classes_is_refused(tmp_path):
    from checker import resources
    from checker.errors import CheckerError
    text = resources.default_ruleset_path().read_text(encoding="utf-8")
    text = text.replace("      - 水电气热\n", "      - 水电气热\n      - 山洪\n", 1)
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CheckerError) as error:
        load_ruleset(path)
    assert "山洪" in str(error.value) and "emergency" in str(error.value)
