"""The assessment language (docs/assessment.md): a scheme written as data — weights, threshold
tables, lines and caps, count-based rates where lower is better, exclusions by a ruling, unit
groups with their own full score, shared ranks, red and black lists — and its validation."""

from pathlib import Path

import pytest
import yaml

from checker import resources
from checker.assessment.scores import Score
from checker.calendar.clocks import describe_due, due_instant
from checker.durations import parse_duration
from checker.engine.audit import Auditor
from checker.engine.tickets import group_tickets
from checker.reports.monthly import build_monthly_report
from checker.reports.rates import compute_rates
from checker.ruleset import load_ruleset
from support import Log, instant

TOWNS = ["汉山街道", "梁山镇", "协税镇", "大河坎镇"]
DEPARTMENT = "区住房和城乡建设局"

SCHEME = {
    "indicators": [
        {"id": "reply", "name": "按时反馈率",
         "denominator": {"deadline": "feedback-deadline", "state": "due"},
         "numerator": {"deadline": "feedback-deadline", "state": "met"},
         "score": {"bands": [{"at_least": 0.95, "points": 40}, {"at_least": 0.5, "points": 20},
                             {"points": 0}]}},
        {"id": "redo", "name": "重办率", "better": "lower",
         "denominator": {"event": "visited"},
         "numerator": {"event": "returned", "at_least": 1},
         "score": {"line": [[0.0, 20], [0.5, 0]]}},
        {"id": "satisfaction", "name": "满意度",
         "denominator": {"event": "visited"},
         "numerator": {"weighted": {"event": "visited", "which": "last", "field": "event.satisfaction",
                                    "weights": {"satisfied": 1.0, "basically_satisfied": 0.5,
                                                "unsatisfied": 0.0}}},
         "score": {"weight": 50, "max": 40}},
    ],
    "counts": [{"id": "returned_twice", "name": "重办两次以上", "when": {"event": "returned", "at_least": 2}}],
    "exclude": [{"ruling": "并单", "when": {"event": "excluded",
                                           "where": {"field": "event.outcome", "equals": "merged"}}}],
    "overdue_rules": ["acceptance-1h", "feedback-deadline"],
    "composite": {"name": "得分", "shown_as": "points", "full_score": 100},
    "groups": [{"id": "towns", "name": "镇（街道）", "units": "towns", "full_score": 150},
               {"id": "departments", "name": "部门", "units": "departments", "full_score": 100}],
}
RANKING = {"title": "测试通报", "by": "composite", "tie_breakers": [],
           "lists": {"red": {"top": 1}, "black": {"bottom": 1}}}


def write_scheme(tmp_path: Path, rates=None, ranking=None, name="scheme.yaml") -> Path:
    data = yaml.safe_load(resources.default_ruleset_path().read_text(encoding="utf-8"))
    data["rates"] = SCHEME if rates is None else rates
    data["ranking"] = RANKING if ranking is None else ranking
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scheme(tmp_path_factory):
    return load_ruleset(write_scheme(tmp_path_factory.mktemp("scheme")))


def handled(log, ticket, unit, *, late=False, satisfaction="satisfied", returns=0, merged=False):
    """Dispatched Monday 2024-05-06 09:00 (other class, due 05-12 00:00), answered in time or
    late, visited, returned `returns` times, closed."""
    log.add(ticket, "dispatched", "2024-05-06 09:00", unit=unit, category="道路维修")
    log.add(ticket, "accepted", "2024-05-06 09:20", actor=unit)
    log.add(ticket, "citizen_contacted", "2024-05-06 09:40", actor=unit)
    if merged:
        log.add(ticket, "excluded", "2024-05-06 10:00", actor="office", outcome="merged")
        log.add(ticket, "closed", "2024-05-06 10:05", actor="office", outcome="handled")
        return log
    log.add(ticket, "feedback", "2024-05-13 10:00" if late else "2024-05-08 10:00", actor=unit)
    for number in range(returns):
        log.add(ticket, "visited", f"2024-05-14 0{number}:30", actor="office", resolved=False,
                satisfaction="unsatisfied")
        log.add(ticket, "returned", f"2024-05-14 0{number}:40", actor="office")
        log.add(ticket, "feedback", f"2024-05-14 0{number}:50", actor=unit)
    log.add(ticket, "visited", "2024-05-15 09:00", actor="office", resolved=True, satisfaction=satisfaction)
    log.add(ticket, "closed", "2024-05-15 10:00", actor="office", outcome="handled")
    return log


def rows_of(log, ruleset, as_of="2024-05-20 00:00"):
    moment = instant(as_of)
    auditor = Auditor(ruleset, moment)
    checked = [auditor.check_ticket(t) for t in group_tickets(log.events, ruleset, moment)]
    return {row.unit: row for row in compute_rates(checked, ruleset, "2024-05", moment)}


# --- scores ---------------------------------------------------------------------------------

def test_a_threshold_table_is_read_top_down_at_its_edges():
    score = Score({"bands": [{"at_least": 0.95, "points": 40}, {"at_least": 0.5, "points": 20},
                             {"points": 0}]})
    assert score.points(19 / 20) == 40            # exactly 95 %, computed as a fraction
    assert score.points(0.9499) == 20
    assert score.points(0.5) == 20 and score.points(0.4999) == 0
    assert score.most == 40
    lower = Score({"bands": [{"at_most": 0.02, "points": 10}, {"at_most": 0.05, "points": 6}]})
    assert lower.points(0.02) == 10 and lower.points(0.0201) == 6 and lower.points(0.06) == 0


def test_a_line_interpolates_and_holds_its_ends_and_caps_cut():
    line = Score({"line": [[0.8, 0], [1.0, 20]]})
    assert line.points(0.9) == pytest.approx(10) and line.points(0.5) == 0 and line.points(1.0) == 20
    capped = Score({"weight": 50, "max": 40})
    assert capped.points(0.9) == 40 and capped.points(0.7) == pytest.approx(35) and capped.most == 40
    floored = Score({"line": [[0.0, -5], [1.0, 10]], "min": 0})
    assert floored.points(0.1) == 0


# --- rates, points, groups, ranks -------------------------------------------------------------

def test_equal_scores_share_a_rank_and_the_next_rank_skips(scheme):
    log = Log()
    handled(log, "T1", TOWNS[0])
    handled(log, "T2", TOWNS[1], satisfaction="basically_satisfied")
    handled(log, "T3", TOWNS[2], satisfaction="basically_satisfied")
    handled(log, "T4", TOWNS[3], late=True, satisfaction="unsatisfied")
    rows = rows_of(log, scheme)
    assert [rows[name].rank for name in TOWNS] == [1, 2, 2, 4]
    # 汉山街道: reply 100 % → 40, redo 0 % → 20, satisfaction 100 % × 50 capped at 40: 100 of 100 → 150.
    assert rows[TOWNS[0]].composite == pytest.approx(150)
    # 梁山镇: satisfaction 0.5 × 50 = 25 → (40 + 20 + 25) / 100 × 150 = 127.5.
    assert rows[TOWNS[1]].satisfaction.points == 25 and rows[TOWNS[1]].composite == pytest.approx(127.5)
    assert rows[TOWNS[3]].reply.points == 0


def test_groups_rank_apart_on_their_own_full_score(scheme):
    log = Log()
    handled(log, "T1", TOWNS[0], satisfaction="basically_satisfied")
    handled(log, "T2", DEPARTMENT)
    rows = rows_of(log, scheme)
    assert (rows[TOWNS[0]].group, rows[TOWNS[0]].rank) == ("towns", 1)
    assert (rows[DEPARTMENT].group, rows[DEPARTMENT].rank) == ("departments", 1)
    assert rows[DEPARTMENT].composite == pytest.approx(100)
    assert rows[TOWNS[0]].composite == pytest.approx(127.5)


def test_a_count_based_rate_where_lower_is_better(scheme):
    log = Log()
    handled(log, "T1", TOWNS[0], returns=2)
    handled(log, "T2", TOWNS[0])
    handled(log, "T3", TOWNS[1])
    rows = rows_of(log, scheme)
    assert (rows[TOWNS[0]].redo.numerator, rows[TOWNS[0]].redo.denominator) == (1, 2)
    assert rows[TOWNS[0]].redo.points == 0         # 50 % redone: the line's end
    assert rows[TOWNS[0]].returned_twice == 1 and rows[TOWNS[1]].returned_twice == 0
    assert rows[TOWNS[1]].rank == 1 and rows[TOWNS[0]].rank == 2


def test_ranking_by_a_rate_where_lower_is_better(tmp_path):
    ruleset = load_ruleset(write_scheme(tmp_path, ranking={**RANKING, "by": "redo"}))
    log = Log()
    handled(log, "T1", TOWNS[0], returns=1)
    handled(log, "T2", TOWNS[1])
    rows = rows_of(log, ruleset)
    assert rows[TOWNS[1]].rank == 1 and rows[TOWNS[0]].rank == 2


def test_an_excluded_ticket_leaves_every_rate_and_is_counted_with_its_ruling(scheme):
    log = Log()
    handled(log, "T1", TOWNS[0])
    handled(log, "T2", TOWNS[0], merged=True)
    row = rows_of(log, scheme)[TOWNS[0]]
    assert (row.tickets, row.excluded) == (2, 1)
    assert row.reply.denominator == 1 and row.satisfaction.denominator == 1
    report = build_monthly_report(log, scheme, "2024-05", as_of=instant("2024-05-20 00:00"))
    assert report["assessment"]["exclusions"] is True
    assert any(note["key"] == "exclusions" and "并单" in note["text"] for note in report["notes"])


def test_red_and_black_lists_per_pool(scheme):
    log = Log()
    handled(log, "T1", TOWNS[0])
    handled(log, "T2", TOWNS[1], satisfaction="basically_satisfied")
    handled(log, "T3", TOWNS[2], satisfaction="basically_satisfied")
    handled(log, "T4", TOWNS[3], late=True)
    rows = rows_of(log, scheme)
    assert rows[TOWNS[0]].lists == ["red"] and rows[TOWNS[3]].lists == ["black"]
    assert rows[TOWNS[1]].lists == rows[TOWNS[2]].lists == []


def test_list_thresholds_and_a_shared_last_place(tmp_path):
    ranking = {**RANKING, "lists": {"red": {"at_least": 140}, "black": {"bottom": 1, "below": 140}}}
    ruleset = load_ruleset(write_scheme(tmp_path, ranking=ranking))
    log = Log()
    handled(log, "T1", TOWNS[0])
    handled(log, "T2", TOWNS[1], satisfaction="basically_satisfied")
    handled(log, "T3", TOWNS[2], satisfaction="basically_satisfied")
    rows = rows_of(log, ruleset)
    assert rows[TOWNS[0]].lists == ["red"]
    # 梁山镇 and 协税镇 share the last place: both are on the black list.
    assert rows[TOWNS[1]].lists == rows[TOWNS[2]].lists == ["black"]


def test_a_unit_with_fewer_tickets_than_the_minimum_is_not_ranked(tmp_path):
    ruleset = load_ruleset(write_scheme(tmp_path, ranking={**RANKING, "min_tickets": 2}))
    log = Log()
    handled(log, "T1", TOWNS[0])
    handled(log, "T2", TOWNS[1])
    handled(log, "T3", TOWNS[1])
    rows = rows_of(log, ruleset)
    assert rows[TOWNS[0]].rank is None and rows[TOWNS[1]].rank == 1


def test_the_report_shows_the_schemes_columns(scheme):
    log = Log()
    handled(log, "T1", TOWNS[0])
    handled(log, "T2", DEPARTMENT)
    from support import render_markdown
    markdown = render_markdown(build_monthly_report(log, scheme, "2024-05", as_of=instant("2024-05-20 00:00")))
    assert "### 镇（街道）（满分150分）" in markdown and "### 部门（满分100分）" in markdown
    assert "| 按时反馈率 | 按时反馈率得分 | 重办率 | 重办率得分 | 满意度 | 满意度得分 | 得分 |" in markdown
    assert "## 一、各单位按时反馈率、重办率、满意度及排名" in markdown


# --- validation ---------------------------------------------------------------------------

def _line_of(path: Path, needle: str, after: str = "rates:") -> int:
    """The line of the first `needle` after the line holding `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if after in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if needle in line)


@pytest.mark.parametrize("change, needle, after, message", [
    (lambda rates, ranking: ranking.update(by="reply_rate"), "by: reply_rate", "ranking:", "reply_rate"),
    (lambda rates, ranking: rates["indicators"][1]["numerator"].update(event="retuned"),
     "event: retuned", "rates:", "retuned"),
    (lambda rates, ranking: rates["indicators"][0]["denominator"].update(deadline="known-unit"),
     "deadline: known-unit", "rates:", "deadline"),
    (lambda rates, ranking: rates["counts"][0].update(credit="finding_units"),
     "credit: finding_units", "rates:", "finding"),
    (lambda rates, ranking: rates["indicators"][1]["score"].update(line=[[0.5, 0], [0.0, 20]]),
     "- 0.0", "id: redo", "line"),
    (lambda rates, ranking: rates["groups"][1].update(units=["汉山街道"]), "- 汉山街道", "id: departments",
     "汉山街道"),
    (lambda rates, ranking: rates["indicators"][0]["score"].update(weight=3), "score:", "id: reply",
     "weight, bands, line"),
    (lambda rates, ranking: [item.pop("score") for item in rates["indicators"]], "by: composite", "ranking:",
     "score"),
])
def test_a_broken_scheme_stops_at_its_line(tmp_path, run_cli, change, needle, after, message):
    import copy
    rates, ranking = copy.deepcopy(SCHEME), copy.deepcopy(RANKING)
    change(rates, ranking)
    path = write_scheme(tmp_path, rates, ranking)
    status, out, err = run_cli("validate", str(path))
    assert status == 2
    text = out + err
    line = _line_of(path, needle, after)
    # At the offending entry: its own line, or the line of the key or value holding it.
    assert any(f"scheme.yaml:{n}:" in text for n in (line - 1, line, line + 1)), text
    assert message in text


# --- working-day clocks counted with the start day ----------------------------------------------

def test_count_start_day_counts_the_start_day_on_both_day_clocks():
    from zoneinfo import ZoneInfo
    ruleset = load_ruleset()
    tz = ZoneInfo("Asia/Shanghai")
    monday = instant("2024-05-06 10:00")
    five = parse_duration("P5D")
    # 次日起: 05-07 … 05-11 (the make-up Saturday counts) → 05-12 00:00; 含本数: 05-06 … 05-10.
    assert due_instant(monday, five, "workdays", ruleset.calendar, tz) == instant("2024-05-12 00:00")
    assert due_instant(monday, five, "workdays", ruleset.calendar, tz,
                       count_start_day=True) == instant("2024-05-11 00:00")
    assert due_instant(monday, five, "civil_days", ruleset.calendar, tz,
                       count_start_day=True) == instant("2024-05-11 00:00")
    # Started on a holiday, the first day counted is the next workday.
    holiday = instant("2024-05-04 10:00")
    assert due_instant(holiday, parse_duration("P1D"), "workdays", ruleset.calendar, tz,
                       count_start_day=True) == instant("2024-05-07 00:00")
    described = describe_due(monday, five, "workdays", ruleset.calendar, tz, count_start_day=True)
    assert "含本数" in described["text"]["zh"] and described["counted_days"][0] == "2024-05-06"


# --- the documentation's own third scheme -------------------------------------------------------

def test_the_third_scheme_written_from_the_docs_runs(tmp_path, run_cli):
    """docs/assessment.md section 10: its YAML, pasted into a copy of the shipped rule set,
    validates and gives a report with its own columns and shared ranks."""
    import re
    docs = (Path(__file__).resolve().parent.parent / "docs" / "assessment.md").read_text(encoding="utf-8")
    section = docs[docs.index("## 10."):docs.index("## 11.")]
    block = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))
    path = write_scheme(tmp_path, block["rates"], block["ranking"])
    status, out, err = run_cli("validate", str(path))
    assert status == 0, out + err
    ruleset = load_ruleset(path)
    log = Log()
    handled(log, "T1", TOWNS[0])
    handled(log, "T2", TOWNS[1])
    handled(log, "T3", TOWNS[2], returns=1)
    rows = rows_of(log, ruleset)
    assert rows[TOWNS[0]].rank == rows[TOWNS[1]].rank == 1 and rows[TOWNS[2]].rank == 3
    assert rows[TOWNS[0]].composite == pytest.approx(100)
    # 100 % returned: the line's end, 0 of 40; on time: 60 of 60.
    assert rows[TOWNS[2]].returns.points == 0 and rows[TOWNS[2]].composite == pytest.approx(60)
