"""Rules are named by their rule set (`title: {zh, en}`), not by a table keyed by Nanzheng's ids."""

from __future__ import annotations

from checker import resources
from checker.output.labels import rule_label, rule_name
from checker.ruleset import load_ruleset


def test_the_shipped_titles_are_the_names_outputs_show():
    load_ruleset()
    assert rule_name("acceptance-1h") == "1小时启动接诉"
    assert rule_name("acceptance-1h", "en") == "Acceptance within 1 hour"
    assert rule_label("citizen-contact", "before-feedback") == "联系群众 · 反馈前联系"
    assert rule_label("extension-approval", "approved-in-time", "en") == "Extension approval · approved in time"
    assert rule_label("leader-day", "leader-present") == "领导接听日 · 主要领导到场"   # the kind's own check


def test_another_scheme_names_its_own_rules(run_cli, tmp_path):
    scheme = resources.rules_dir() / "examples" / "shiyan-city" / "shiyan-city-12345.yaml"
    log = tmp_path / "log.csv"
    log.write_text("ticket_id,event,at,unit,category\n"
                   "S1,dispatched,2024-06-03 09:00,城东区,市容环境\n"
                   "S1,accepted,2024-06-05 09:00,城东区,\n", encoding="utf-8")
    status, out, err = run_cli("audit", str(log), "--rules", str(scheme), "--as-of", "2024-06-20 10:00")
    assert status == 1, err
    assert "1个工作日内签收" in out and "按时办结反馈" in out
