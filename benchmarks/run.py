"""Time `hotline-check audit --format json` (every rule of the shipped set, reading and writing
included) against the DuckDB query of three checks (duckdb_checks.py), pair by pair in one
run, check that both flag the same tickets for those three checks, and write the table into
benchmarks/README.md.

    python benchmarks/run.py                           # 100,000 and 1,000,000 shuffled tickets
    python benchmarks/run.py --tickets 100000 --format parquet --engine reference

Logs are generated once (benchmarks/generate.py, seeded) into benchmarks/.cache/. Each side
runs as its own process, so wall time, CPU time and peak memory (RSS) are each process's own,
start-up included. Needs the `bench` extra (duckdb, polars).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
README = HERE / "README.md"
CHECKS = ("acceptance-1h", "feedback-deadline", "return-after-visit")
BEGIN, END = "<!-- results: begin -->", "<!-- results: end -->"


def log_path(tickets: int, fmt: str, seed: int) -> Path:
    path = CACHE / f"log-{tickets}-seed{seed}-shuffled.{fmt}"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        # Past a few million tickets the log is generated part by part (Parquet only).
        parts = ["--part-rows", "4000000"] if fmt == "parquet" and tickets > 2_000_000 else []
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--tickets", str(tickets),
                        "--seed", str(seed), "--shuffle", "-o", str(path), *parts], check=True)
    return path


def measure(command: list[str], env: dict | None = None) -> dict:
    """Wall, CPU (user + system) and peak RSS of one process run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n{stderr}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss * 1024}


def median_run(runs: list[dict]) -> dict:
    """The run of median wall time, with the fastest and slowest wall times of all."""
    ordered = sorted(runs, key=lambda run: run["wall"])
    return {**ordered[(len(ordered) - 1) // 2], "runs": len(runs),
            "fastest": ordered[0]["wall"], "slowest": ordered[-1]["wall"]}


def run_pair(log: Path, engine: str, work: Path, repeat: int = 1) -> dict:
    """Both sides run `repeat` times, one after the other in turn (a slower spell of the
    machine falls on both), each side's run of median wall time reported."""
    findings = work / "findings.json"
    flagged = work / "flagged.json"
    env = dict(os.environ)
    if engine:
        env["HOTLINE_CHECK_ENGINE"] = engine
    mine, others = [], []
    for _ in range(repeat):
        mine.append(measure([sys.executable, "-m", "checker", "audit", str(log), "--format", "json",
                             "-o", str(findings)], env))
        others.append(measure([sys.executable, str(HERE / "duckdb_checks.py"), str(log),
                               "--out", str(flagged)]))
    ours, theirs = median_run(mine), median_run(others)
    result = json.loads(findings.read_text(encoding="utf-8"))
    oracle = json.loads(flagged.read_text(encoding="utf-8"))
    agreement = {}
    for rule in CHECKS:
        mine = {f["ticket_id"] for f in result["findings"] if f["rule"] == rule and f["status"] == "violated"}
        other = set(oracle[rule])
        agreement[rule] = {"both": len(mine & other), "only_checker": sorted(mine - other)[:5],
                           "only_duckdb": sorted(other - mine)[:5],
                           "differ": len(mine ^ other)}
    return {"ours": ours, "duckdb": theirs, "events": result["summary"]["events"],
            "tickets": result["summary"]["tickets"], "findings": len(result["findings"]),
            "agreement": agreement}


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        memory_text = f"{memory / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory_text = "? GiB"
    versions = []
    for name in ("polars", "pyarrow", "duckdb"):
        try:
            module = __import__(name)
            versions.append(f"{name} {module.__version__}")
        except ImportError:
            pass
    return (f"{model}, {os.cpu_count()} cores, {memory_text}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, {', '.join(versions)}")


def gib(n: float) -> str:
    return f"{n / 2**30:.2f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"


def table(rows: list[dict]) -> str:
    lines = ["| log | events | engine | side | wall (median) | fastest–slowest | CPU | peak RSS | events/s | ratio (wall) | same tickets flagged |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        agree = "yes" if all(a["differ"] == 0 for a in row["agreement"].values()) else "no: " + ", ".join(
            f"{rule} {a['differ']}" for rule, a in row["agreement"].items() if a["differ"])
        ours, theirs = row["ours"], row["duckdb"]
        name = f"{row['tickets']:,} tickets, {row['format']}"
        lines.append(f"| {name} | {row['events']:,} | {row['engine']} | hotline-check (every rule) | "
                     f"{ours['wall']:.2f} s | {_spread(ours)} | {ours['cpu']:.2f} s | {gib(ours['rss'])} | "
                     f"{row['events'] / ours['wall']:,.0f} | {ours['wall'] / theirs['wall']:.1f}× | {agree} |")
        lines.append(f"| | | | DuckDB (3 checks) | {theirs['wall']:.2f} s | {_spread(theirs)} | "
                     f"{theirs['cpu']:.2f} s | {gib(theirs['rss'])} | {row['events'] / theirs['wall']:,.0f} | 1× | |")
    return "\n".join(lines)


def _spread(side: dict) -> str:
    return f"{side['fastest']:.2f}–{side['slowest']:.2f} s ({side['runs']} runs)" if side.get("runs", 1) > 1 else "1 run"


def write_readme(rows: list[dict]) -> None:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    block = (f"{BEGIN}\nMeasured {stamp} on {machine()}; load average at the end {load} "
             f"(1, 5, 15 min).\n\n{table(rows)}\n{END}")
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n## Latest run\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--format", dest="fmt", choices=("csv", "parquet", "jsonl"), default="csv")
    parser.add_argument("--engine", default="", help="HOTLINE_CHECK_ENGINE for the audit (default: its own)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each side per log, taken in turn; the median is reported")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for tickets in args.tickets:
            log = log_path(tickets, args.fmt, args.seed)
            row = run_pair(log, args.engine, Path(work), max(1, args.repeat))
            row.update(format=args.fmt, engine=args.engine or "default")
            rows.append(row)
            print(table([row]).splitlines()[-2:][0], file=sys.stderr)
            for rule, a in row["agreement"].items():
                if a["differ"]:
                    print(f"  {rule}: only hotline-check {a['only_checker']}, only DuckDB {a['only_duckdb']}",
                          file=sys.stderr)
    print(table(rows))
    if not args.no_readme:
        write_readme(rows)


if __name__ == "__main__":
    main()
