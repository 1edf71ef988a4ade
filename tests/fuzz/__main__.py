"""`python -m tests.fuzz [--long] [--seed N] [--runs N]`: the fuzz run outside pytest."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from .harness import fuzz


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz")
    parser.add_argument("--long", action="store_true", help="2,000 runs instead of 40")
    parser.add_argument("--seed", type=int, default=None, help="one seed (default: 1..)")
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args()
    runs = args.runs or (2000 if args.long else 40)
    seeds = [args.seed] if args.seed is not None else list(range(1, 1 + max(1, runs // 200)))
    started = time.monotonic()
    done = 0
    for seed in seeds:
        with tempfile.TemporaryDirectory() as folder:
            done += fuzz(Path(folder), seed, max(1, runs // len(seeds)))
    print(f"{done} runs, no broken promise, {time.monotonic() - started:.0f} s")


main()
