"""Who acted: the office only by its own names; 热线中心 and 区行政审批服务局 are bodies of
their own (南政办发〔2024〕4号 二、（一）一是, 三、（二）), accepted for the office only where a rule
says so."""

from __future__ import annotations

import json

import pytest

from checker import resources
from checker.errors import CheckerError
from checker.ruleset import load_ruleset
from support import Log, audit, found, instant

SHIPPED = resources.default_ruleset_path()


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def extended_ticket(approver: str) -> Log:
    log = Log()
    log.add("T1", "dispatched", "2024-05-06 09:00", unit="新集镇", category="道路维修")
    log.add("T1", "accepted", "2024-05-06 09:30")
    log.add("T1", "citizen_contacted", "2024-05-06 10:00")
    log.add("T1", "extension_approved", "2024-05-10 15:00", actor=approver,
            promised_at="2024-05-20 18:00")
    log.add("T1", "citizen_informed", "2024-05-10 16:00", promised_at="2024-05-20 18:00")
    log.add("T1", "reminded", "2024-05-12 09:00", actor="office")
    log.add("T1", "feedback", "2024-05-20 17:00")
    return log


@pytest.mark.parametrize("office_name", ["office", "热线办", "热线领导小组办公室", "区热线领导小组办公室"])
def test_the_office_by_any_of_its_own_names_moves_the_due_time(rules, office_name):
    assert audit(extended_ticket(office_name), rules, as_of="2024-05-21 00:00").findings == []


@pytest.mark.parametrize("other", ["热线中心", "区行政审批服务局", "区审批局", "新集镇", None])
def test_an_approval_by_another_body_is_a_violation_and_moves_nothing(rules, other):
    result = audit(extended_ticket(other), rules, as_of="2024-05-21 00:00")
    [late] = found(result, "feedback-deadline")
    assert (late.due, late.actual) == (instant("2024-05-12 00:00"), instant("2024-05-20 17:00"))
    [approval] = found(result, "extension-approval")
    assert approval.check == "approved-in-time"
    assert "区热线领导小组办公室" in approval.message


def test_the_message_names_who_acted(rules):
    [approval] = found(audit(extended_ticket("热线中心"), rules, as_of="2024-05-21 00:00"),
                       "extension-approval")
    assert "操作人为“热线中心”" in approval.message


def test_actor_condition_reads_the_body_not_its_spelling(rules):
    assert rules.actor_key("热线中心") == "hotline_center"
    assert rules.actor_key("区审批局") == "approval_bureau"
    assert rules.actor_key("热线办") == "office"
    assert rules.actor_key("汉山街道") == "汉山街道"


def edited_rules(tmp_path, old: str, new: str) -> str:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rules.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def test_a_rule_may_accept_another_body_for_the_office(tmp_path):
    path = edited_rules(
        tmp_path, "      actor: office\n      field: promised_at",
        "      actor: [office, hotline_center]\n      field: promised_at")
    text = open(path, encoding="utf-8").read().replace(
        "          actor: office\n          fields: [promised_at]",
        "          actor: [office, hotline_center]\n          fields: [promised_at]")
    open(path, "w", encoding="utf-8").write(text)
    rules = load_ruleset(path)
    assert audit(extended_ticket("热线中心"), rules, as_of="2024-05-21 00:00").findings == []
    result = audit(extended_ticket("区行政审批服务局"), rules, as_of="2024-05-21 00:00")
    [approval] = found(result, "extension-approval")
    assert "区热线领导小组办公室或热线中心" in approval.message
    assert found(result, "feedback-deadline")


def test_a_rule_naming_an_unknown_actor_is_refused_at_its_line(tmp_path):
    path = edited_rules(tmp_path, "      actor: office\n      field: promised_at",
                        "      actor: hotline_centre\n      field: promised_at")
    with pytest.raises(CheckerError) as error:
        load_ruleset(path)
    assert "hotline_centre" in str(error.value)
    line = next(n for n, text in enumerate(open(path, encoding="utf-8"), 1) if "hotline_centre" in text)
    assert f":{line}:" in str(error.value)


def test_one_name_cannot_mean_the_office_and_another_body(tmp_path):
    path = edited_rules(tmp_path, "aliases: [office, 热线办,", "aliases: [office, 热线中心, 热线办,")
    with pytest.raises(CheckerError) as error:
        load_ruleset(path)
    assert "热线中心" in str(error.value)


def test_names_written_with_the_district_prefix(rules):
    assert rules.actor_key("南郑区热线中心") == "hotline_center"
    assert rules.actor_key("南郑区热线领导小组办公室") == "office"
    assert rules.actor_key("汉中市南郑区行政审批服务局") == "approval_bureau"


def test_a_gb18030_export_with_the_approver_column(run_cli, tmp_path):
    """Chinese headers as an office's ledger writes them (操作人 = who acted)."""
    rows = ["工单编号,事件,时间,承办单位,诉求类别,操作人,承诺时间"]
    for ticket, approver in (("X1", "区行政审批服务局"), ("X2", "区热线办")):
        rows += [f"{ticket},派单,2024-05-06 09:00,新集镇,道路维修,热线办,",
                 f"{ticket},签收,2024-05-06 09:30,,,新集镇,",
                 f"{ticket},联系群众,2024-05-06 10:00,,,新集镇,",
                 f"{ticket},同意延期,2024-05-10 15:00,,,{approver},2024-05-20 18:00",
                 f"{ticket},告知群众,2024-05-10 16:00,,,新集镇,2024-05-20 18:00",
                 f"{ticket},提醒督促,2024-05-12 09:00,,,热线办,",
                 f"{ticket},反馈,2024-05-20 17:00,,,新集镇,"]
    path = tmp_path / "台账.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("gb18030"))
    status, out, err = run_cli("audit", str(path), "--format", "json", "--as-of", "2024-05-21 00:00")
    assert status == 1, err
    found_rules = sorted((f["ticket_id"], f["rule"], f["due"]) for f in json.loads(out)["findings"])
    assert found_rules == [("X1", "extension-approval", "2024-05-12T00:00:00+08:00"),
                           ("X1", "feedback-deadline", "2024-05-12T00:00:00+08:00")]
