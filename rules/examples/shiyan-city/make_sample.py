"""Generate sample-2024-06.csv for the example scheme shiyan-city-12345.yaml: tickets first
dispatched from 2024-05-20 to 2024-06-21 (the Dragon Boat Festival holiday 06-08..06-10 in
between), each following a scenario that decides every timestamp, so the violations are
known by construction; they are written to sample-2024-06.expected.json (ticket, rule), which
tests/test_example_scheme.py compares with what the audit finds.

    python rules/examples/shiyan-city/make_sample.py      # rewrites both files (deterministic)
"""

from __future__ import annotations

import csv
import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from checker.calendar.calendar import load_calendar

HERE = Path(__file__).resolve().parent
SEED = 20240610
TICKETS = 180
FIRST_DAY, LAST_DAY = date(2024, 5, 20), date(2024, 6, 21)

COUNTIES = ["城东区", "城西区", "北山县", "南湖县", "清河县"]
DEPARTMENTS = ["市住房和城乡建设局", "市城市管理局", "市人力资源和社会保障局", "市生态环境局",
               "市交通运输局", "市水务局"]
# category -> (class, who handles it)
CATEGORIES = {
    "停水": ("urgent", ["市水务局"]), "燃气泄漏": ("urgent", COUNTIES),
    "市容环境": ("general", ["市城市管理局"] + COUNTIES), "噪音扰民": ("general", COUNTIES),
    "道路维修": ("general", ["市交通运输局", "市住房和城乡建设局"]),
    "房屋质量": ("complex", ["市住房和城乡建设局"]), "劳动争议": ("complex", ["市人力资源和社会保障局"]),
    "规划建设": ("complex", ["市住房和城乡建设局"] + COUNTIES[:2]),
    "河道污染": ("general", ["市生态环境局"]),
}
LIMIT = {"urgent": 1, "general": 5, "complex": 15}     # working days, the dispatch day counted
# Each unit leans on some scenarios more than others, so the ranking has something to rank.
SCENARIOS = {
    "clean": 0.58, "basically_satisfied": 0.08, "late_acceptance": 0.05, "late_handling": 0.06,
    "sent_back": 0.06, "redo_once": 0.06, "problem_escalated": 0.02, "problem_unescalated": 0.02,
    "merged": 0.03, "invalid": 0.02, "extension_ok": 0.02,
}
COLUMNS = ["ticket_id", "event", "at", "unit", "actor", "category", "resolved", "satisfaction",
           "promised_at", "outcome", "note"]

CALENDAR = load_calendar("cn-mainland")


def workday_on_or_after(day: date) -> date:
    while not CALENDAR.is_workday(day):
        day += timedelta(days=1)
    return day


def nth_workday(day: date, n: int, count_start_day: bool) -> date:
    """The last day of n working days from `day` (the day itself counted or not)."""
    start = day.toordinal() - (1 if count_start_day else 0)
    return date.fromordinal(CALENDAR.nth_workday_after(start, n))


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


class Ticket:
    def __init__(self, number: int, rng: random.Random):
        self.id = f"SY{number:05d}"
        self.rng = rng
        self.rows: list[dict] = []
        self.late = False               # a feedback came after its due day
        self.overdue_days: list[date] = []      # the due days missed: the office reminds after each
        self.category = rng.choice(sorted(CATEGORIES))
        self.klass, units = CATEGORIES[self.category]
        self.unit = rng.choice(units)
        span = (LAST_DAY - FIRST_DAY).days
        self.day = workday_on_or_after(FIRST_DAY + timedelta(days=rng.randrange(span + 1)))
        if self.day > LAST_DAY:
            self.day = workday_on_or_after(FIRST_DAY)
        self.at = datetime.combine(self.day, time(rng.randrange(9, 15), rng.choice((0, 15, 30, 45))))

    def add(self, event: str, at: datetime, **fields) -> None:
        row = {"ticket_id": self.id, "event": event, "at": stamp(at)}
        row.update({key: value for key, value in fields.items() if value is not None})
        self.rows.append(row)

    def due_day(self, start: datetime) -> date:
        return nth_workday(start.date(), LIMIT[self.klass], count_start_day=True)

    def handle(self, start: datetime, unit: str, late: bool = False,
               clock_start: datetime | None = None) -> datetime:
        """Feedback in time (or late) after `start`, the limit running from `clock_start`
        (the dispatch or the return; default `start`); returns the feedback instant."""
        due = self.due_day(clock_start or start)
        if late:
            day = nth_workday(due, 3, count_start_day=False)
        elif self.klass == "urgent":
            day = start.date()
        else:
            day = nth_workday(start.date(), self.rng.randrange(1, LIMIT[self.klass]), count_start_day=True)
        moment = max(datetime.combine(day, time(17, 0)), start + timedelta(hours=1))
        if moment.date() > due and not late and datetime.combine(due, time(23, 0)) > start:
            moment = datetime.combine(due, time(23, 0))
        self.add("citizen_contacted", start + timedelta(minutes=30), actor=unit)
        self.add("feedback", moment, actor=unit)
        # Work that could only start after the due day (an urgent ticket accepted late) is late.
        if moment.date() > due:
            self.late = True
            self.overdue_days.append(due)
        return moment

    def visit(self, after: datetime, resolved: bool, satisfaction: str) -> datetime:
        moment = after + timedelta(hours=20)
        self.add("visited", moment, actor="office", resolved="true" if resolved else "false",
                 satisfaction=satisfaction)
        return moment

    def close(self, after: datetime) -> None:
        self.add("closed", after + timedelta(hours=2), actor="office", outcome="handled")


def build(ticket: Ticket, scenario: str) -> list[str]:
    """Write the ticket's events; the rules it breaks on purpose."""
    rng = ticket.rng
    unit = ticket.unit
    ticket.add("received", ticket.at - timedelta(minutes=10), actor="office", category=ticket.category)
    ticket.add("dispatched", ticket.at, unit=unit, actor="office", category=ticket.category)
    broken: list[str] = []
    start = ticket.at
    if scenario == "sent_back":
        others = [name for name in COUNTIES + DEPARTMENTS if name != unit]
        start = ticket.at + timedelta(hours=3)
        unit = rng.choice(others)
        ticket.add("redispatched", start, unit=unit, actor="office", note="原承办单位说明非本单位职责，回退后改派")
    if scenario in ("merged", "invalid"):
        ticket.add("accepted", start + timedelta(minutes=40), actor=unit)
        ruled = start + timedelta(hours=5)
        ticket.add("excluded", ruled, actor="office", outcome=scenario,
                   note="与在办工单重复，并单办理" if scenario == "merged" else "无实质诉求")
        ticket.close(ruled)
        return broken
    if scenario == "late_acceptance":
        accepted = datetime.combine(nth_workday(start.date(), 2, count_start_day=False), time(10, 0))
        ticket.overdue_days.append(nth_workday(start.date(), 1, count_start_day=False))
        broken.append("acceptance-1wd")
    else:
        accepted = start + timedelta(minutes=rng.randrange(20, 120))
    ticket.add("accepted", accepted, actor=unit)
    work_start = max(start, accepted)
    if scenario == "extension_ok":
        due = ticket.due_day(start)
        approve = max(datetime.combine(due, time(9, 0)), start + timedelta(hours=2))
        promised = datetime.combine(nth_workday(due, 3, count_start_day=False), time(18, 0))
        ticket.add("extension_requested", approve - timedelta(hours=1), actor=unit)
        ticket.add("extension_approved", approve, actor="office", promised_at=stamp(promised))
        feedback = promised - timedelta(hours=2)
        ticket.add("citizen_contacted", start + timedelta(minutes=30), actor=unit)
        ticket.add("feedback", feedback, actor=unit)
    else:
        feedback = ticket.handle(work_start, unit, late=scenario == "late_handling", clock_start=start)
    if scenario in ("redo_once", "problem_escalated", "problem_unescalated"):
        rounds = 1 if scenario == "redo_once" else 3
        moment = feedback
        for round_number in range(1, rounds + 1):
            visited = ticket.visit(moment, resolved=False, satisfaction="unsatisfied")
            returned = visited + timedelta(hours=1)
            ticket.add("returned", returned, actor="office")
            if round_number == 3 and scenario == "problem_escalated":
                ticket.add("coordinated", returned + timedelta(hours=2), actor="office",
                           note="重办3次，列为问题工单提级督办")
            moment = ticket.handle(returned, unit)
        if scenario == "problem_unescalated":
            broken.append("problem-ticket")
        feedback = moment
    if ticket.late:
        broken.append("handling-deadline")
    for day in ticket.overdue_days:     # 催办: the morning after the missed due day
        ticket.add("reminded", datetime.combine(day + timedelta(days=1), time(9, 0)), actor="office")
    satisfaction = "basically_satisfied" if scenario == "basically_satisfied" else "satisfied"
    visited = ticket.visit(feedback, resolved=True, satisfaction=satisfaction)
    ticket.close(visited)
    return broken


def main() -> None:
    rng = random.Random(SEED)
    rows: list[dict] = []
    expected: list[dict] = []
    names, weights = zip(*SCENARIOS.items())
    for number in range(1, TICKETS + 1):
        ticket = Ticket(number, rng)
        scenario = rng.choices(names, weights)[0]
        for rule in build(ticket, scenario):
            expected.append({"ticket": ticket.id, "rule": rule})
        rows.extend(ticket.rows)
    with open(HERE / "sample-2024-06.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    (HERE / "sample-2024-06.expected.json").write_text(
        json.dumps(sorted(expected, key=lambda item: (item["ticket"], item["rule"])),
                   ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
