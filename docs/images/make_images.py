"""Make the pictures of docs/使用指南.md: each command's output on the sample month, as the
office sees it, photographed in headless chromium (Debian's /usr/bin/chromium).

    python docs/images/make_images.py
"""

from __future__ import annotations

import html
import os
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLE = "fixtures/sample-2024-05.csv"
TERMINAL = ("<html><head><meta charset='utf-8'><style>body{{margin:0;background:#1e1e1e}}"
            "pre{{margin:0;padding:14px 18px;color:#e6e6e6;font:14px/1.35 'Noto Sans Mono CJK SC',"
            "'WenQuanYi Micro Hei Mono',monospace;white-space:pre}}b{{color:#7fd1ff}}</style></head>"
            "<body><pre><b>$ {command}</b>\n{output}</pre></body></html>")

SHOTS = {
    "audit.png": ["audit", SAMPLE],
    "remind.png": ["remind", SAMPLE, "--as-of", "2024-05-28 10:00"],
    "remind-sms.png": ["remind", SAMPLE, "--as-of", "2024-05-28 10:00", "--format", "sms",
                       "--contacts", "docs/images/联系人示例.csv"],
    "validate.png": ["validate"],
    "explain.png": ["explain", SAMPLE, "NZ20240500187"],
}


def run(args: list[str]) -> str:
    done = subprocess.run(["hotline-check", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "150"})
    return done.stdout + done.stderr


def three_months(work: str) -> str:
    """The sample month and two earlier copies of it (ticket ids suffixed, times moved back 35
    and 70 days), for the picture of the months side by side."""
    import csv
    from datetime import datetime, timedelta
    with open(ROOT / SAMPLE, encoding="utf-8", newline="") as source:
        header, *rows = list(csv.reader(source))
    timed = [index for index, name in enumerate(header) if name in ("at", "promised_at")]
    target = Path(work) / "三个月.csv"
    with open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for days, suffix in ((70, "A"), (35, "B"), (0, "")):
            for row in rows:
                row = list(row)
                row[0] += suffix
                for index in timed:
                    try:
                        moved = datetime.fromisoformat(row[index]) - timedelta(days=days)
                    except ValueError:          # empty, or the sample's deliberately broken rows
                        continue
                    row[index] = moved.strftime("%Y-%m-%d %H:%M:%S")
                writer.writerow(row)
    return str(target)


def main() -> None:
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as work:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 400})
        for name, args in SHOTS.items():
            lines = run(args).splitlines()
            if len(lines) > 40:
                lines = lines[:36] + ["……"] + lines[-3:]
            page.set_content(TERMINAL.format(command=html.escape("hotline-check " + " ".join(args)),
                                             output=html.escape("\n".join(lines))))
            page.locator("pre").screenshot(path=str(HERE / name))
        report = Path(work) / "通报.html"
        run(["report", SAMPLE, "--month", "2024-05", "--format", "html", "-o", str(report)])
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(report.as_uri())
        page.screenshot(path=str(HERE / "report-html.png"))
        phone = browser.new_page(viewport={"width": 360, "height": 720}, device_scale_factor=2)
        phone.goto(report.as_uri())
        phone.screenshot(path=str(HERE / "report-phone.png"))
        trend = Path(work) / "对比.html"
        run(["report", three_months(work), "--from", "2024-03", "--to", "2024-05", "--format", "html",
             "-o", str(trend)])
        page.goto(trend.as_uri())
        page.locator("figure.trend-chart").screenshot(path=str(HERE / "report-trend.png"))
        browser.close()


if __name__ == "__main__":
    main()
