"""One meaning, two engines, for the monthly report and the reminder list: the JSON a user
gets from `report` and `remind` is byte for byte the same on the columnar engine (the
default) and on the per-ticket one (HOTLINE_CHECK_ENGINE=reference), on generated logs full
of edges (same-instant events, extensions at the due instant, returns, redispatches,
holidays and make-up days, open tickets), read into columns or row by row, at any as-of, with
the shipped assessment and with one using every kind of ticket fact. And `explain` says of a
ticket exactly what `audit` found for it."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from checker import resources
from checker.columnar.reader import read_logs_frame
from checker.engine.audit import AuditOptions, log_latest_instant, run_audit
from checker.engine.explain import explain_ticket
from checker.logs import read_logs
from checker.products.report.formats import render_report
from checker.reports.monthly import build_monthly_report
from checker.reports.months import previous_month
from checker.reports.reminders import build_reminders
from checker.products.remind.formats import render_reminders
from checker.reports.trend import build_trend
from checker.ruleset import load_ruleset
from support import instant

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

# An assessment reading every kind of fact: each cycle choice and state of a deadline, the
# first / last / counted events with conditions on their fields, findings violated and
# pending, ticket attributes, the three credits, exclusions of all rates and of one.
EVERY_FACT = {
    "indicators": [
        {"id": "reply", "name": "按时反馈率",
         "denominator": {"deadline": "feedback-deadline", "state": "due"},
         "numerator": {"all": [{"deadline": "feedback-deadline", "state": "met"},
                               {"not": {"deadline": "feedback-deadline", "cycle": "since_handover",
                                        "state": "overdue"}}]},
         "score": {"weight": 1}},
        {"id": "first_on_time", "name": "首次签收按时率", "credit": "first_unit",
         "denominator": {"deadline": "acceptance-1h", "cycle": "first", "state": "due"},
         "numerator": {"any": [{"deadline": "acceptance-1h", "cycle": "first", "state": "met"},
                               {"deadline": "acceptance-1h", "cycle": "first", "state": "handed_over"}]},
         "exclude": [{"ruling": "紧急件另计", "when": {"field": "urgent", "equals": True}}],
         "score": {"weight": 1}},
        {"id": "last_open", "name": "末次周期未结", "better": "lower", "credit": "finding_units",
         "denominator": {"finding": ["feedback-deadline", "acceptance-1h"], "status": "violated"},
         "numerator": {"any": [{"deadline": "feedback-deadline", "cycle": "last", "state": "pending"},
                               {"deadline": "feedback-deadline", "cycle": "last", "state": "missed"},
                               {"deadline": "feedback-deadline", "cycle": "any", "state": "late"}]}},
        {"id": "workday_visit", "name": "工作日回访已解决",
         "denominator": {"event": "visited", "which": "first",
                         "where": {"field": "event.on_workday", "equals": True}},
         "numerator": {"event": "visited", "which": "last",
                       "where": {"field": "event.resolved", "equals": True}}},
        {"id": "satisfaction", "name": "满意度",
         "denominator": {"event": "visited"},
         "numerator": {"weighted": {"event": "visited", "which": "first", "field": "event.satisfaction",
                                    "weights": {"satisfied": 1.0, "basically_satisfied": 0.7,
                                                "unsatisfied": 0.1}}},
         "score": {"weight": 2}},
    ],
    "counts": [
        {"id": "returned", "name": "重办过", "when": {"event": "returned", "at_least": 1}},
        {"id": "never_returned", "name": "未重办",
         "when": {"all": [{"event": "returned", "at_least": 0, "at_most": 0}, {"event": "visited"}]}},
        {"id": "office_contacts", "name": "中心回访",
         "when": {"event": ["visited", "returned"], "where": {"field": "event.actor", "equals": "office"},
                  "at_least": 1, "at_most": 3}},
        {"id": "still_running", "name": "仍在办理", "when": {"finding": "feedback-deadline",
                                                         "status": "pending"}},
        {"id": "responsible_late", "name": "现承办单位超期",
         "when": {"deadline": "feedback-deadline", "state": "overdue"}},
        {"id": "key_or_urgent", "name": "重点或紧急",
         "when": {"any": [{"field": "key_ticket", "equals": True},
                          {"field": "deadline_class", "in": ["emergency", "basic_living"]}]}},
        {"id": "overdue_tickets", "name": "超期工单", "credit": "finding_units",
         "when": {"finding": ["acceptance-1h", "feedback-deadline"]}},
    ],
    "exclude": [{"ruling": "并单", "when": {"event": "excluded"}}],
    "overdue_rules": ["acceptance-1h", "feedback-deadline"],
    "composite": {"name": "得分", "shown_as": "points", "full_score": 100},
}


@pytest.fixture(scope="module")
def shipped():
    return load_ruleset()


@pytest.fixture(scope="module")
def every_fact(tmp_path_factory):
    data = yaml.safe_load(resources.default_ruleset_path().read_text(encoding="utf-8"))
    data["rates"] = EVERY_FACT
    data["ranking"] = {"title": "测试通报", "by": "composite",
                       "tie_breakers": [{"count": "overdue_tickets", "prefer": "fewer"}, "name"]}
    path = tmp_path_factory.mktemp("every-fact") / "every-fact.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_ruleset(path)


# (seed, violation rate, first day, days, the report's month, a moment inside the log)
LOGS = [(4, 0.15, date(2024, 9, 10), 45, "2024-10", "2024-10-08 09:00"),
        (5, 0.1, date(2024, 1, 25), 30, "2024-02", "2024-02-18 12:00"),
        (6, 0.05, date(2024, 4, 20), 40, "2024-05", "2024-05-11 10:30")]


@pytest.fixture(scope="module", params=LOGS, ids=["october-holidays", "spring-festival", "may-make-up-day"])
def generated(request, tmp_path_factory, shipped):
    seed, rate, first_day, days, month, moment = request.param
    path = tmp_path_factory.mktemp("report-engines") / f"log-{seed}.csv"
    generate.generate(600, path, first_day=first_day, days=days, seed=seed, shuffle=True,
                      violation_rate=rate)
    return str(path), month, instant(moment)


def on_engine(monkeypatch, engine: str) -> None:
    monkeypatch.setenv("HOTLINE_CHECK_ENGINE", engine)


def report_json(log, rules, month, as_of) -> bytes:
    """`report --month M --months 2 --format json`: the month, and the months side by side."""
    report = build_monthly_report(log, rules, month, as_of)
    moment = as_of if as_of is not None else log_latest_instant(log)
    report["trend"] = build_trend(log, rules, [previous_month(month), month], moment)
    return render_report(report, "json")


def reports(monkeypatch, path, rules, month, as_of=None):
    """The report JSON on the per-ticket engine (rows) and on the columnar one (columns, rows)."""
    on_engine(monkeypatch, "reference")
    reference = report_json(read_logs([path], rules.tz), rules, month, as_of)
    on_engine(monkeypatch, "columnar")
    columnar = [report_json(log, rules, month, as_of)
                for log in (read_logs_frame([path], rules.tz), read_logs([path], rules.tz))]
    return reference, columnar


@pytest.mark.parametrize("scheme", ["shipped", "every_fact"])
def test_the_report_json_is_the_same_on_both_engines(monkeypatch, request, generated, scheme):
    rules = request.getfixturevalue(scheme)
    path, month, moment = generated
    for as_of in (moment, None):
        reference, columnar = reports(monkeypatch, path, rules, month, as_of)
        assert columnar == [reference, reference]
    import json
    report = json.loads(reference)      # the month to the end of the log
    # The log is one a month's report is made of: overdue tickets, ranks, key tickets.
    assert report["overdue"] and report["units"] and any(row["tickets"] for row in report["key_tickets"])
    assert report["unsatisfied"]
    assert any(unit["rank"] is not None for unit in report["units"])
    assert report["trend"]


def test_every_fact_is_met_by_some_ticket_and_missed_by_another(monkeypatch, every_fact, generated):
    """The differential test above only proves something if the facts it compares vary."""
    import json
    path, month, _ = generated
    reference, _ = reports(monkeypatch, path, every_fact, month)
    total = json.loads(reference)["total"]
    for key in ("reply", "first_on_time", "satisfaction", "workday_visit"):
        assert 0 < total[key]["numerator"] < total[key]["denominator"], key
    for key in ("returned", "never_returned", "office_contacts", "overdue_tickets"):
        assert 0 < total[key] < total["tickets"], (key, total)


@pytest.mark.parametrize("unit", [None, "汉山街道"])
def test_the_reminder_json_is_the_same_on_both_engines(monkeypatch, shipped, generated, unit):
    path, _, moment = generated
    seen = Counter()
    for hours in (0, 7, 30, 101):
        at = moment + hours * 3600
        outputs = []
        for engine, reader in (("reference", read_logs), ("columnar", read_logs_frame), ("columnar", read_logs)):
            on_engine(monkeypatch, engine)
            result = build_reminders(reader([path], shipped.tz), shipped, at, unit=unit)
            outputs.append(render_reminders(result, "json", "zh"))
        assert outputs[1] == outputs[0] and outputs[2] == outputs[0], at
        seen.update(result.counts())
    if unit is None:
        assert all(seen[kind] for kind in ("not_accepted", "about_to_expire", "overdue", "unsatisfied")), seen


def test_explain_names_the_rules_audit_found_broken_for_each_ticket(monkeypatch, shipped, generated):
    """For tickets with findings, and as many without: the findings `explain` gives, rule by
    rule, are those `audit` (columnar, the default) gives for that ticket."""
    path, _, moment = generated
    on_engine(monkeypatch, "columnar")
    log = read_logs([path], shipped.tz)
    for as_of in (None, moment):
        audit = run_audit(log, shipped, AuditOptions(as_of=as_of))
        per_ticket = Counter(finding.ticket_id for finding in audit.findings)
        broken = sorted(per_ticket)[::max(1, len(per_ticket) // 40)]
        started = {event.ticket_id for event in log.events if as_of is None or event.at <= as_of}
        quiet = sorted(started - set(per_ticket))[:len(broken)]
        assert broken and quiet
        for ticket_id in [*broken, *quiet]:
            explained = explain_ticket(log, shipped, ticket_id, as_of=as_of)
            found = sorted(_said(f) for f in audit.findings if f.ticket_id == ticket_id)
            told = sorted(_said(f) for entry in explained["rules"] for f in entry["findings"]
                          if f.status != "pending")
            assert told == found, ticket_id
            assert sorted(_said(f) for f in explained["findings"] if f.status != "pending") == found


def _said(finding) -> tuple:
    return (finding.rule, finding.check or "", finding.due or 0, finding.actual or 0,
            finding.unit or "", finding.status, finding.note or "")
