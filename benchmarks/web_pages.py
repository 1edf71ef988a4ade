"""The workbench with a large upload: how long the upload, the audit and each page take.

python benchmarks/web_pages.py [--tickets 100000]

Generates the log once (benchmarks/.cache/, as run.py does), then drives the application
in-process with Starlette's test client, as a browser would: upload, confirm the proposed
mapping, wait for the background audit, then time the pages a clerk opens (the findings
filtered, sorted and paged, one explanation, the 通报, the reminder list). Prints a
Markdown table; the numbers in README.md come from it."""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from checker.web.app import create_app  # noqa: E402
from checker.web.settings import web_settings  # noqa: E402


def timed(call, repeat: int = 1) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    options = parser.parse_args(argv)
    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    log = cache / f"web-{options.tickets}.csv"
    if not log.exists():
        generate(options.tickets, log, shuffle=True)
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as work:
        app = create_app(web_settings(workdir=work, max_upload_mb=2048))
        with TestClient(app, base_url="http://127.0.0.1") as client:
            csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)
            data = log.read_bytes()
            def upload_and_propose():
                job = client.post("/upload", data={"csrf": csrf}, follow_redirects=False,
                                  files={"files": (log.name, data, "text/csv")}).headers["location"]
                while not client.get(job + "/status").json()["done"]:
                    time.sleep(0.1)
                return client.get("/mapping")

            seconds, page = timed(upload_and_propose)
            rows.append((f"upload {len(data) / 2**20:.0f} MB and propose the mapping (background)", seconds))
            form = {"csrf": csrf, "mapping_id": "bench"}
            for index, meaning in re.findall(
                    r'<select id="meaning-(\d+)"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected',
                    page.text, re.S):
                form[f"meaning-{index}"] = meaning
            start = time.perf_counter()
            location = client.post("/mapping", data=form, follow_redirects=False).headers["location"]
            while not client.get(location + "/status").json()["done"]:
                time.sleep(0.2)
            rows.append(("read and audit in the background (until the job is done)",
                         time.perf_counter() - start))
            first, response = timed(lambda: client.get("/findings"))
            findings = response.text
            count = re.search(r"符合条件 ([\d,]+) 项", findings).group(1)
            unit = re.search(r'<option value="([^"]+)">', findings.split('name="unit"')[1]).group(1)
            ticket = re.search(r'/explain\?ticket=([^"]+)"', findings).group(1)
            pages = {
                f"findings, first page ({count} findings)": "/findings?sort=ticket",
                "findings, page 100": "/findings?page=100",
                "findings of one unit, sorted by due time descending": f"/findings?unit={unit}&sort=due&order=desc",
                "findings of one month and rule": "/findings?month=2024-05&rule=feedback-deadline",
                "one ticket explained": f"/explain?ticket={ticket}",
            }
            for name, path in pages.items():
                first, response = timed(lambda: client.get(path))
                assert response.status_code == 200, (path, response.status_code)
                again, _ = timed(lambda: client.get(path), repeat=5)
                rows.append((f"{name}: first / again", f"{first:.2f} / {again:.2f}"))
            for name, path in (("the 通报 of 2024-05", "/report?month=2024-05"),
                               ("the reminder list at 2024-06-30 10:00", "/remind?at=2024-06-30T10:00")):
                start = time.perf_counter()
                job = client.get(path, follow_redirects=False).headers["location"]
                while not client.get(job + "/status").json()["done"]:
                    time.sleep(0.1)
                rows.append((f"{name}, built in the background", time.perf_counter() - start))
                seconds, response = timed(lambda: client.get(path), repeat=5)
                assert response.status_code == 200, (path, response.status_code)
                rows.append((f"{name}, shown once built", seconds))
    print(f"| {options.tickets:,} tickets | seconds |\n|---|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds if isinstance(seconds, str) else f'{seconds:.2f}'} |")


if __name__ == "__main__":
    main()
