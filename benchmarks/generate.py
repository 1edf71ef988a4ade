"""A seeded generator of realistic ticket logs in the canonical layout, for benchmarks and
the differential test of the two engines.

Every ticket lives a life drawn at random: received, dispatched to a unit, the head notified
for the two urgent classes, accepted (the next working morning when the 1-hour rule does not
apply), the citizen contacted, sometimes redispatched, extended, archived, visited, returned
after an unsatisfied visit and handled again, reminded when overdue, coordinated daily when
it is a key ticket, closed. A few percent of each step go wrong on purpose (late, missing,
by the wrong actor, at the very due instant), and some tickets are still open at the end of
the period. Days come from the official calendar, so holidays and make-up workdays shape
the stories as they shape real ones.

    python benchmarks/generate.py --tickets 100000 --shuffle -o benchmarks/.cache/log-100000.csv
    python benchmarks/generate.py --tickets 1000000 --shuffle -o log.parquet     # or .jsonl

The same seed and arguments give the same file. Needs polars (the `bench` extra).
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from checker.calendar.calendar import load_calendar  # noqa: E402

COLUMNS = ("ticket_id", "event", "at", "unit", "actor", "category", "deadline_class", "urgent",
           "key_category", "resolved", "satisfaction", "promised_at", "outcome", "channel", "note")

UNITS = ["汉山街道", "梁山街道", "大河坎镇", "协税镇", "梁山镇", "阳春镇", "高台镇", "新集镇",
         "濂水镇", "黄官镇", "青树镇", "红庙镇", "牟家坝镇", "法镇", "湘水镇", "小南海镇",
         "区住房和城乡建设局", "区城市管理执法局", "区交通运输局", "区水利局", "区人力资源和社会保障局",
         "区市场监督管理局", "区教育体育局", "区卫生健康局", "区自然资源局", "区农业农村局"]
UNKNOWN_UNITS = ["汉山街到", "区住建委", "城关镇"]          # typos and units the rule set lacks
WATER_POWER = ["区供水公司", "国网南郑区供电公司", "区燃气公司"]
EMERGENCY_UNITS = ["区应急管理局", "区住房和城乡建设局", "区水利局"]

CATEGORIES = {
    "other": ["噪音扰民", "道路维修", "物业纠纷", "占道经营", "环境卫生", "政策咨询", "社保医保",
              "教育入学", "交通出行", "市场监管-价格投诉", "城市管理-违章搭建", "邻里纠纷"],
    "basic_living": ["停水", "供水-水压不足", "停电", "供电-电压不稳", "供气", "供暖-温度不达标"],
    "emergency": ["突发事件", "道路塌陷", "安全事故", "燃气泄漏", "防汛抢险", "危房险情"],
}
CLASS_WEIGHTS = (("other", 0.80), ("basic_living", 0.15), ("emergency", 0.05))
ELAPSED_HOURS = {"emergency": 3, "basic_living": 24}
KEY_CATEGORIES = ["wage_arrears", "work_safety", "dispute", "rural_water_housing",
                  "eco_environment", "business_environment"]
OFFICE = ["office", "热线办", "区热线领导小组办公室"]
NOTES = ["群众联系电话13912345678", "来电人要求保密", "身份证号610721199001011234", "多次来电",
         "=HYPERLINK(\"x\")"]
CHANNELS = ["phone", "phone", "phone", "wechat", "web", "app"]

MINUTE, HOUR, DAY = 60, 3600, 86400
TZ_OFFSET = 8 * HOUR                    # Asia/Shanghai has no daylight saving


class Story:
    """One ticket's rows, written as the platform would log them."""

    __slots__ = ("rows", "ticket_id", "rng")

    def __init__(self, ticket_id: str, rng: random.Random):
        self.rows: list[tuple] = []
        self.ticket_id = ticket_id
        self.rng = rng

    def add(self, event: str, at: int, unit=None, actor=None, category=None, deadline_class=None,
            urgent=None, key_category=None, resolved=None, satisfaction=None, promised_at=None,
            outcome=None, channel=None, note=None) -> None:
        self.rows.append((self.ticket_id, event, at, unit, actor, category, deadline_class, urgent,
                          key_category, resolved, satisfaction, promised_at, outcome, channel, note))


class World:
    """The calendar and the random choices every story shares."""

    def __init__(self, first_day: date, days: int, seed: int, violation_rate: float):
        self.calendar = load_calendar("cn-mainland")
        self.first = first_day.toordinal()
        self.days = days
        self.rng = random.Random(seed)
        self.p = violation_rate
        self.end = self.midnight(self.first + days)

    @staticmethod
    def midnight(ordinal: int) -> int:
        return (ordinal - date(1970, 1, 1).toordinal()) * DAY - TZ_OFFSET

    @staticmethod
    def ordinal(at: int) -> int:
        return (at + TZ_OFFSET) // DAY + date(1970, 1, 1).toordinal()

    def workday(self, at: int) -> bool:
        return self.calendar.is_workday_ordinal(self.ordinal(at))

    def next_working_morning(self, at: int) -> int:
        ordinal = self.ordinal(at) + 1
        while not self.calendar.is_workday_ordinal(ordinal):
            ordinal += 1
        return self.midnight(ordinal) + 8 * HOUR + self.rng.randint(20, 100) * MINUTE

    def feedback_due(self, start: int, deadline_class: str) -> int:
        if deadline_class in ELAPSED_HOURS:
            return start + ELAPSED_HOURS[deadline_class] * HOUR
        return self.midnight(self.ordinal(start) + 6)     # 5 natural days, the start day not counted

    def chance(self, factor: float = 1.0) -> bool:
        return self.rng.random() < self.p * factor

    def dispatch_instant(self) -> int:
        rng = self.rng
        ordinal = self.first + rng.randrange(self.days)
        if rng.random() < 0.85:
            hour = rng.choice((8, 9, 9, 10, 10, 11, 11, 14, 15, 15, 16, 16, 17, 18, 20))
        else:
            hour = rng.randrange(24)
        return self.midnight(ordinal) + hour * HOUR + rng.randrange(60) * MINUTE + rng.randrange(60)


def live(world: World, story: Story) -> None:
    rng = world.rng
    deadline_class = rng.choices([c for c, _ in CLASS_WEIGHTS], [w for _, w in CLASS_WEIGHTS])[0]
    urgent = deadline_class != "other"
    category = rng.choice(CATEGORIES[deadline_class])
    key_category = rng.choice(KEY_CATEGORIES) if not urgent and rng.random() < 0.06 else None
    if deadline_class == "basic_living":
        unit = rng.choice(WATER_POWER)
    elif deadline_class == "emergency":
        unit = rng.choice(EMERGENCY_UNITS)
    else:
        unit = rng.choice(UNITS)
    if world.chance(0.3):
        unit = rng.choice(UNKNOWN_UNITS)
    dispatched = world.dispatch_instant()
    received = dispatched - rng.randint(2, 25) * MINUTE
    explicit = deadline_class if rng.random() < 0.03 else None
    # Some platforms flag urgency themselves, now and then against the class.
    flag = rng.choice(("true", "false")) if rng.random() < 0.02 else None
    story.add("received", received, category=category, deadline_class=explicit, urgent=flag,
              key_category=key_category, channel=rng.choice(CHANNELS),
              note=rng.choice(NOTES) if rng.random() < 0.1 else None)
    office = rng.choice(OFFICE)
    story.add("dispatched", dispatched, unit=unit, actor=office)

    start = dispatched
    closing = None
    cycle = 0
    while True:
        cycle += 1
        start, unit, done = handle_cycle(world, story, start, unit, deadline_class, urgent,
                                         key_category, first=cycle == 1)
        if done is None:
            return                         # still open at the end of the period
        visit = done + rng.randint(1, 36) * HOUR
        if visit > world.end:
            return
        unsatisfied = rng.random() < 0.12
        resolved = "false" if unsatisfied and rng.random() < 0.5 else "true"
        satisfaction = ("unsatisfied" if unsatisfied and resolved == "true"
                        else rng.choice(("satisfied", "satisfied", "basically_satisfied",
                                         "unsatisfied" if unsatisfied else "satisfied")))
        story.add("visited", visit, actor="热线中心", resolved=resolved, satisfaction=satisfaction)
        if (resolved == "false" or satisfaction == "unsatisfied") and cycle < 3:
            if world.chance(4):
                closing = visit + rng.randint(1, 12) * HOUR       # closed without a return
                break
            returned = visit + rng.randint(10, 600) * MINUTE
            story.add("returned", returned, actor=rng.choice(OFFICE))
            start = returned
            continue
        closing = visit + rng.randint(5, 600) * MINUTE
        break
    if key_category:
        coordinate(world, story, dispatched, closing)
    outcome = "handled"
    if rng.random() < 0.03:
        outcome = "archived"             # a request that cannot be met, archived by the office
        if not world.chance(3):
            story.add("archive_requested", closing - 6 * HOUR, actor=unit)
        if not world.chance(3):
            story.add("archive_approved", closing - 3 * HOUR, actor=rng.choice(OFFICE))
        if not world.chance(3):
            story.add("citizen_informed", closing - rng.randint(1, 120) * MINUTE, actor=unit)
    story.add("closed", closing, actor=rng.choice(OFFICE), outcome=outcome)


def handle_cycle(world: World, story: Story, start: int, unit: str, deadline_class: str,
                 urgent: bool, key_category, first: bool):
    """One unit's turn at the ticket: from a dispatch or return to its feedback.
    Returns (the start of the last cycle, the unit, the feedback instant or None if open)."""
    rng = world.rng
    if urgent and first:
        notify(world, story, start)
    accepted = accept(world, story, start, unit, urgent)
    if accepted is not None and first and rng.random() < 0.05:
        # redispatched to another unit before the work starts
        moved = accepted + rng.randint(10, 180) * MINUTE
        unit = rng.choice(UNITS)
        story.add("redispatched", moved, unit=unit, actor=rng.choice(OFFICE))
        if urgent:
            notify(world, story, moved)
        start = moved
        accepted = accept(world, story, start, unit, urgent)
    if accepted is None:
        return start, unit, None
    contact(world, story, accepted, unit, urgent)
    due = world.feedback_due(start, deadline_class)
    if rng.random() < 0.06 and deadline_class == "other":
        due = extend(world, story, start, due, unit)
        if due is None:
            return start, unit, None
    if world.chance(0.3) and due > world.end - 3 * DAY:
        return start, unit, None           # never answered
    if world.chance():
        feedback = due + rng.randint(1, 48 * 60) * MINUTE                 # late
        remind(world, story, due)
    elif rng.random() < 0.01:
        feedback = due                                                    # at the very instant
    else:
        window = due - accepted
        feedback = accepted + max(MINUTE, int(window * rng.uniform(0.1, 0.9)))
    if feedback > world.end:
        return start, unit, None
    story.add("feedback", feedback, actor=unit)
    return start, unit, feedback


def notify(world: World, story: Story, start: int) -> None:
    rng = world.rng
    if world.chance():
        return
    late = world.chance()
    story.add("head_notified", start + rng.randint(31, 120) * MINUTE if late
              else start + rng.randint(0, 25) * MINUTE, actor=rng.choice(OFFICE))


def accept(world: World, story: Story, start: int, unit: str, urgent: bool):
    rng = world.rng
    applies = urgent or world.workday(start)
    if world.chance(0.2):
        return None                         # never accepted (still waiting)
    if not applies:
        accepted = world.next_working_morning(start)
    elif world.chance():
        accepted = start + rng.randint(61, 240) * MINUTE
        remind(world, story, start + HOUR)
    elif rng.random() < 0.02:
        accepted = start + rng.choice((0, HOUR))          # the same instant, or exactly 1 hour
    else:
        accepted = start + rng.randint(3, 55) * MINUTE
    if accepted > world.end:
        return None
    story.add("accepted", accepted, actor=unit)
    return accepted


def contact(world: World, story: Story, accepted: int, unit: str, urgent: bool) -> None:
    rng = world.rng
    if world.chance():
        return
    if world.chance():
        at = accepted + 2 * HOUR + rng.randint(1, 300) * MINUTE
    else:
        at = accepted + rng.randint(0, 40 if urgent else 110) * MINUTE
    story.add("citizen_contacted", at, actor=unit)


def remind(world: World, story: Story, overdue_at: int) -> None:
    rng = world.rng
    if world.chance(3):
        return
    story.add("reminded", overdue_at + rng.randint(5, 300) * MINUTE, actor=rng.choice(OFFICE),
              channel="sms")


def extend(world: World, story: Story, start: int, due: int, unit: str):
    """An extension asked for and approved (sometimes late, by the wrong actor, without a
    promised time, or told to the citizen wrongly). Returns the due time that now holds."""
    rng = world.rng
    asked = due - rng.randint(3, 30) * HOUR
    if asked <= start:
        asked = start + (due - start) // 2
    story.add("extension_requested", asked, actor=unit)
    promised = due + rng.randint(3, 10) * DAY
    if world.chance(2):
        approved = due + rng.randint(1, 120) * MINUTE          # after the due time: not valid
    elif rng.random() < 0.1:
        approved = due                                          # at the due instant: valid
    else:
        approved = asked + rng.randint(10, 120) * MINUTE
    actor = unit if world.chance() else rng.choice(OFFICE)
    has_promise = not world.chance()
    story.add("extension_approved", approved, actor=actor,
              promised_at=promised if has_promise else None)
    if not world.chance(2):
        told = promised if not world.chance() else promised + DAY
        story.add("citizen_informed", approved + rng.randint(10, 30 * 60) * MINUTE, actor=unit,
                  promised_at=told)
    valid = approved <= due and actor in OFFICE and has_promise
    if valid and rng.random() < 0.1:
        # a second extension, approved before the first promised time
        second = promised - rng.randint(2, 20) * HOUR
        promised2 = promised + rng.randint(2, 5) * DAY
        story.add("extension_approved", second, actor=rng.choice(OFFICE), promised_at=promised2)
        story.add("citizen_informed", second + rng.randint(10, 300) * MINUTE, actor=unit,
                  promised_at=promised2)
        promised = promised2
    if rng.random() < 0.15:
        archive(world, story, asked, unit)
    return promised if valid else due


def archive(world: World, story: Story, at: int, unit: str) -> None:
    rng = world.rng
    story.add("archive_requested", at + rng.randint(1, 10) * MINUTE, actor=unit)
    if not world.chance(5):
        story.add("archive_approved", at + rng.randint(20, 90) * MINUTE, actor=rng.choice(OFFICE))


def coordinate(world: World, story: Story, dispatched: int, closing: int) -> None:
    """Daily coordination of a key ticket on every workday between dispatch and closing."""
    rng = world.rng
    ordinal = world.ordinal(dispatched) + 1
    last = world.ordinal(closing) - 1
    while ordinal <= last:
        if world.calendar.is_workday_ordinal(ordinal) and not world.chance(2):
            event = "coordinated" if rng.random() < 0.6 else "progress"
            story.add(event, world.midnight(ordinal) + rng.randint(9 * 60, 17 * 60) * MINUTE,
                      actor=rng.choice(OFFICE) if event == "coordinated" else None)
        ordinal += 1


def generate_rows(tickets: int, first_day: date, days: int, seed: int, violation_rate: float):
    """Yield chunks of rows (tuples in COLUMNS order, instants as epoch seconds)."""
    world = World(first_day, days, seed, violation_rate)
    prefix = f"NZ{first_day:%Y%m}"
    chunk: list[tuple] = []
    for number in range(tickets):
        story = Story(f"{prefix}{number:08d}", world.rng)
        live(world, story)
        chunk.extend(story.rows)
        if len(chunk) >= 500_000:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def to_frame(chunks):
    import polars as pl

    frames = []
    for chunk in chunks:
        columns = list(zip(*chunk))
        data = {name: list(values) for name, values in zip(COLUMNS, columns)}
        frame = pl.DataFrame(data, schema={name: (pl.Int64 if name in ("at", "promised_at")
                                                  else pl.String) for name in COLUMNS})
        frames.append(frame)
    frame = pl.concat(frames)
    wall = "%Y-%m-%d %H:%M:%S"
    return frame.with_columns(
        (pl.from_epoch(pl.col(name) + TZ_OFFSET, time_unit="s").dt.strftime(wall)).alias(name)
        for name in ("at", "promised_at"))


def write(frame, path: Path, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        frame.write_parquet(path)
    elif suffix in (".jsonl", ".ndjson"):
        frame.write_ndjson(path)
    else:
        if encoding.lower().replace("-", "") in ("utf8", "utf8sig"):
            frame.write_csv(path, include_bom=encoding.lower().endswith("sig"))
        else:
            text = frame.write_csv()
            path.write_bytes(text.encode(encoding))


def generate(tickets: int, path: Path, first_day: date = date(2024, 1, 1), days: int = 366,
             seed: int = 1, shuffle: bool = False, violation_rate: float = 0.03,
             encoding: str = "utf-8"):
    frame = to_frame(generate_rows(tickets, first_day, days, seed, violation_rate))
    if shuffle:
        frame = frame.sample(fraction=1.0, shuffle=True, seed=seed)
    write(frame, path, encoding)
    return frame.height


def generate_parts(tickets: int, path: Path, rows_per_part: int, first_day: date = date(2024, 1, 1),
                   days: int = 366, seed: int = 1, shuffle: bool = False, violation_rate: float = 0.03):
    """A log too large to build at once, written part by part into one Parquet file (a row
    group per part of about `rows_per_part` rows, every ticket whole in one part; rows are
    shuffled within their part). Memory stays that of one part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written, pending, writer = 0, [], None
    try:
        for chunk in generate_rows(tickets, first_day, days, seed, violation_rate):
            pending.append(chunk)
            if sum(map(len, pending)) < rows_per_part:
                continue
            writer = _write_part(pending, path, writer, seed + written, shuffle)
            written += sum(map(len, pending))
            pending = []
        if pending:
            writer = _write_part(pending, path, writer, seed + written, shuffle)
            written += sum(map(len, pending))
    finally:
        if writer is not None:
            writer.close()
    return written


def _write_part(chunks, path: Path, writer, seed: int, shuffle: bool):
    import pyarrow.parquet as pq

    frame = to_frame(chunks)
    if shuffle:
        frame = frame.sample(fraction=1.0, shuffle=True, seed=seed)
    table = frame.to_arrow()
    if writer is None:
        writer = pq.ParquetWriter(str(path), table.schema)
    writer.write_table(table, row_group_size=1_000_000)
    return writer


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--from", dest="first_day", type=date.fromisoformat, default=date(2024, 1, 1),
                        help="first day of the period (default 2024-01-01)")
    parser.add_argument("--days", type=int, default=366, help="length of the period in days")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--violations", type=float, default=0.03,
                        help="share of each step that goes wrong (default 0.03)")
    parser.add_argument("--shuffle", action="store_true", help="shuffle the rows")
    parser.add_argument("--encoding", default="utf-8", help="CSV encoding (utf-8, utf-8-sig, gb18030)")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="the log to write: .csv, .jsonl or .parquet")
    parser.add_argument("--part-rows", type=int, default=0,
                        help="Parquet only: generate and write parts of about this many rows one "
                             "after the other (for logs larger than memory; shuffled within parts)")
    args = parser.parse_args(argv)
    started = datetime.now(timezone.utc)
    if args.part_rows:
        if args.output.suffix.lower() != ".parquet":
            parser.error("--part-rows writes Parquet only")
        rows = generate_parts(args.tickets, args.output, args.part_rows, args.first_day, args.days,
                              args.seed, args.shuffle, args.violations)
    else:
        rows = generate(args.tickets, args.output, args.first_day, args.days, args.seed, args.shuffle,
                        args.violations, args.encoding)
    seconds = (datetime.now(timezone.utc) - started).total_seconds()
    print(f"{args.output}: {args.tickets:,} tickets, {rows:,} rows ({rows / args.tickets:.2f} a ticket) "
          f"in {seconds:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
