"""Runs hotline-check in-process on mutated inputs, bounded in time, and checks every run:
no traceback, no internal error, exit 0/1/2, rows = events + rejected, tickets the mutation
did not touch judged as before, and every output parseable (JSON by json, XML by an XML
parser, XLSX by openpyxl, CSV by csv) with no unmasked number, live formula or raw control
character."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import re
import shutil
import signal
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from checker.cli import main
from checker.output.sanitize import _normalise
from .mutators import SECRET_DIGITS, mutate_bytes, mutate_text, mutate_yaml

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "fixtures" / "sample-2024-05.csv"
RULES = REPO / "rules" / "nanzheng-2024.yaml"
LONG_ZH = REPO / "rules" / "mappings" / "long-zh.yaml"
RUN_SECONDS = 20          # one run's bound: far above a normal run of this corpus
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
DIGIT_RUN = re.compile(r"[0-9](?:[ .\-—()]{0,3}[0-9])*")
NOTES = ["群众电话13912345678", "身份证610721199001011234", "回电13800138000", "（0916）1234003"]


class Hang(BaseException):
    """A run past its bound (BaseException: the command's own last guard must not catch it)."""


@dataclass
class Run:
    status: int
    out: bytes
    err: str


def run(*args: str, seconds: int = RUN_SECONDS) -> Run:
    out, err = io.BytesIO(), io.StringIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)

    def expire(signum, frame):
        raise Hang(f"more than {seconds} s: {args}")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    status = None
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as done:
                status = done.code
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    stdout.flush()
    return Run(status if isinstance(status, int) else 0, out.getvalue(), err.getvalue())


# ------------------------------------------------------------------------------ corpus

def small_log(tickets: int = 12) -> str:
    """The first tickets of the sample month, with citizens' numbers in their notes."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    kept, seen = [], []
    for index, line in enumerate(rows):
        ticket = line.split(",", 1)[0]
        if ticket not in seen:
            if len(seen) == tickets:
                break
            seen.append(ticket)
        cells = next(csv.reader([line]))
        if cells[1] in ("received", "feedback"):
            cells[-1] = (cells[-1] + " " + NOTES[index % len(NOTES)]).strip()
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(cells)
        kept.append(buffer.getvalue())
    return "\n".join([header, *kept]) + "\n"


def as_jsonl(text: str) -> str:
    rows = list(csv.DictReader(io.StringIO(text)))
    return "".join(json.dumps({k: v for k, v in row.items() if v}, ensure_ascii=False) + "\n" for row in rows)


class Corpus:
    def __init__(self, folder: Path):
        self.folder = folder
        self.base = small_log()
        self.rules = folder / "rules" / "nanzheng-2024.yaml"
        shutil.copytree(REPO / "rules", folder / "rules", dirs_exist_ok=True)
        baseline = folder / "baseline.csv"
        baseline.write_text(self.base, encoding="utf-8")
        self.as_of = "2024-06-30 00:00"
        done = run("audit", str(baseline), "--rules", str(self.rules), "--format", "json",
                   "--as-of", self.as_of)
        assert done.status in (0, 1), done.err
        self.baseline = by_ticket(json.loads(done.out))
        self.tickets = list(dict.fromkeys(line.split(",", 1)[0] for line in self.base.splitlines()[1:]))
        self.count = 0

    def path(self, suffix: str) -> Path:
        self.count += 1
        return self.folder / f"case-{self.count}{suffix}"


def by_ticket(findings_json: dict) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in findings_json["findings"]:
        found.setdefault(finding["ticket_id"], []).append(
            (finding["rule"], finding.get("check"), finding["status"], finding["due"], finding["actual"]))
    return found


# ------------------------------------------------------------------------------ checks

def check_run(done: Run, context: str) -> None:
    assert done.status in (0, 1, 2), f"{context}: exit {done.status}\n{done.err}"
    for bad in ("Traceback", "内部错误", "internal error"):
        assert bad not in done.err, f"{context}: {bad}\n{done.err}"
    if done.status == 2:
        assert done.err.strip() or done.out.strip(), f"{context}: exit 2 without a message"
    check_text(done.err, context + " (stderr)")


def check_text(text: str, context: str) -> None:
    raw = RAW_CONTROL.search(text)
    assert raw is None, f"{context}: raw control character {raw.group()!r}"
    normal = _normalise(text)
    for match in DIGIT_RUN.finditer(normal):
        groups = re.findall(r"[0-9]+", match.group())
        # A number is whole groups of digits (139 1234 5678); inside a longer run of digits
        # (1391234567809) it is no phone number, as for the masker.
        for first in range(len(groups)):
            digits = ""
            for group in groups[first:first + 8]:
                digits += group
                for secret in SECRET_DIGITS:
                    assert digits not in (secret, "86" + secret, "0086" + secret), \
                        f"{context}: unmasked {secret} in {match.group()!r}"


def check_output(data: bytes, fmt: str, context: str) -> None:
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, str):
                        check_text(value, context)
                        assert not value.startswith(("=", "+", "-", "@")), f"{context}: live formula {value!r}"
        return
    text = data.decode("utf-8-sig")
    check_text(text, context)
    if fmt == "json":
        json.loads(text)
    elif fmt == "junit":
        ElementTree.fromstring(data)
    elif fmt == "csv":
        for cells in csv.reader(io.StringIO(text)):
            for cell in cells:
                assert not cell.startswith(("=", "+", "-", "@")), f"{context}: live formula {cell!r}"


# ------------------------------------------------------------------------------ cases

FORMATS = ["json", "csv", "xlsx", "junit", "table", "md", "github"]


def mutate_log(corpus: Corpus, rng: random.Random) -> tuple[Path, set[str]]:
    """A log with one ticket's rows damaged, in one of the three formats; the tickets touched."""
    target = rng.choice(corpus.tickets)
    lines = corpus.base.splitlines()
    header, rows = lines[0], lines[1:]
    own = [i for i, line in enumerate(rows) if line.startswith(target + ",")]
    block = "\n".join(rows[i] for i in own)
    damaged = mutate_text(rng, block).split("\n")
    rows = rows[:own[0]] + damaged + rows[own[-1] + 1:]
    text = "\n".join([header, *rows]) + "\n"
    touched = {target} | {line.split(",", 1)[0] for line in damaged}
    kind = rng.choice(["csv", "csv", "csv-bytes", "jsonl", "xlsx", "csv-gb18030"])
    if kind == "csv":
        path = corpus.path(".csv")
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    elif kind == "csv-gb18030":
        path = corpus.path(".csv")
        path.write_bytes(text.encode("gb18030", errors="replace"))
    elif kind == "csv-bytes":
        path = corpus.path(".csv")
        encoded = text.encode("utf-8", errors="surrogatepass")
        start = encoded.index(target.encode())
        path.write_bytes(encoded[:start] + mutate_bytes(rng, encoded[start:start + 300]) + encoded[start + 300:])
        touched = set(corpus.tickets)          # bytes may cross into the next ticket's rows
    elif kind == "jsonl":                       # the records of the ticket damaged as text
        records = as_jsonl(corpus.base).splitlines()
        mine = [i for i, line in enumerate(records) if f'"ticket_id": "{target}"' in line]
        damaged = mutate_text(rng, "\n".join(records[i] for i in mine)).split("\n")
        records = records[:mine[0]] + damaged + records[mine[-1] + 1:]
        touched = {target} | {t for t in corpus.tickets if any(t in line for line in damaged)}
        path = corpus.path(".jsonl")
        path.write_text("\n".join(records) + "\n", encoding="utf-8", errors="surrogatepass")
    else:                                       # the cells of the ticket's rows damaged
        rows = list(csv.reader(io.StringIO(corpus.base)))
        for cells in rows:
            if cells and cells[0] == target:
                column = rng.randrange(len(cells))
                cells[column] = rng.choice([mutate_text(rng, cells[column]), 45423.4375, 1e300, -1,
                                            True, "=1+1", cells[column] + "\x1b[2J"])
        path = corpus.path(".xlsx")
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("工单")
        try:
            for cells in rows:
                sheet.append(cells)
            book.save(path)
        except Exception:                       # openpyxl refuses some characters in a cell
            path = corpus.path(".csv")
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path, touched


def log_case(corpus: Corpus, rng: random.Random) -> None:
    path, touched = mutate_log(corpus, rng)
    context = f"log {path.name}"
    done = run("audit", str(path), "--rules", str(corpus.rules), "--format", "json", "--as-of", corpus.as_of)
    check_run(done, context)
    if done.status in (0, 1) or done.out:
        result = json.loads(done.out)
        summary = result["summary"]
        assert summary["rows"] == summary["events"] + summary["rejected"], context
        check_output(done.out, "json", context)
        now = by_ticket(result)
        for ticket in corpus.tickets:
            if ticket not in touched:
                assert now.get(ticket) == corpus.baseline.get(ticket), f"{context}: {ticket} changed"
    fmt = rng.choice(FORMATS)
    target = corpus.path("." + ("txt" if fmt in ("table", "github") else fmt))
    done = run("audit", str(path), "--rules", str(corpus.rules), "--format", fmt, "-o", str(target),
               "--as-of", corpus.as_of)
    check_run(done, f"{context} --format {fmt}")
    if target.exists():
        check_output(target.read_bytes(), fmt, f"{context} --format {fmt}")
    command = rng.choice(["explain", "remind", "report"])
    if command == "explain":
        args = ["explain", str(path), rng.choice(corpus.tickets), "--format", rng.choice(["text", "json"])]
    elif command == "remind":
        args = ["remind", str(path), "--format", rng.choice(["table", "json", "csv", "sms"])]
    else:
        args = ["report", str(path), "--month", "2024-05", "--format", rng.choice(["md", "json", "html"])]
    if command != "remind":
        args += ["--as-of", corpus.as_of]
    else:
        args += ["--as-of", "2024-05-20 10:00"]
    done = run(*args, "--rules", str(corpus.rules))
    check_run(done, f"{context} {command}")
    check_text(done.out.decode("utf-8-sig", errors="strict"), f"{context} {command}")


def rules_case(corpus: Corpus, rng: random.Random) -> None:
    """A mutated rule set: validate and audit agree, neither breaks."""
    text = mutate_yaml(rng, corpus.rules.read_text(encoding="utf-8"))
    path = corpus.rules.parent / f"mutated-{corpus.count}.yaml"
    corpus.count += 1
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    log = corpus.folder / "baseline.csv"
    validated = run("validate", str(path))
    check_run(validated, f"rules {path.name} validate")
    audited = run("audit", str(log), "--rules", str(path), "--format", "json", "--as-of", corpus.as_of)
    check_run(audited, f"rules {path.name} audit")
    assert (validated.status == 0) == (audited.status in (0, 1)), \
        f"rules {path.name}: validate {validated.status} but audit {audited.status}\n{validated.out}\n{audited.err}"
    path.unlink()


def mapping_case(corpus: Corpus, rng: random.Random) -> None:
    text = mutate_yaml(rng, LONG_ZH.read_text(encoding="utf-8"))
    path = corpus.path(".yaml")
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    log = corpus.folder / "baseline.csv"
    validated = run("validate", str(path))
    check_run(validated, f"mapping {path.name} validate")
    audited = run("audit", str(log), "--mapping", str(path), "--rules", str(corpus.rules),
                  "--format", "json", "--as-of", corpus.as_of)
    check_run(audited, f"mapping {path.name} audit")
    if validated.status == 0:
        assert audited.status in (0, 1, 2), path.name
        assert "映射" not in audited.err or audited.status != 2 or "表头" in audited.err or \
            "找不到" in audited.err or "拒收" in audited.err or "事件" in audited.err, audited.err


CASES = [log_case, log_case, log_case, rules_case, mapping_case]


def fuzz(folder: Path, seed: int, runs: int) -> int:
    """`runs` seeded cases; raises AssertionError (with the seed) at the first broken promise."""
    corpus = Corpus(folder)
    for number in range(runs):
        rng = random.Random(seed * 100_003 + number)
        case = rng.choice(CASES)
        try:
            case(corpus, rng)
        except AssertionError as failure:
            raise AssertionError(f"seed {seed} run {number} ({case.__name__}): {failure}") from None
    return runs


if __name__ == "__main__":   # pragma: no cover
    sys.exit("use: python -m tests.fuzz [--long]")
