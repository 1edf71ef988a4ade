"""Takes the screenshots of README.md and docs/workbench.md of the workbench with Debian's headless chromium:
python docs/make_screenshots.py  (from the repository; writes docs/workbench-*.png)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from web_live import CHROMIUM, CHROMIUM_ARGS, live_server  # noqa: E402

SAMPLE = ROOT / "fixtures" / "sample-2024-05.csv"
EXPORT = ROOT / "fixtures" / "exports" / "platform-wide.xlsx"


def main() -> None:
    with tempfile.TemporaryDirectory() as work, live_server(work) as (url, _), \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="zh-CN")
        page.goto(url + "/")
        page.set_input_files("#upload-files", str(EXPORT))
        page.click("#upload-form button[type=submit]")
        page.wait_for_url("**/mapping")
        page.screenshot(path=str(ROOT / "docs" / "workbench-mapping.png"))
        page.close()
        for width, height, name in ((1280, 860, "desktop"), (360, 760, "phone")):
            page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
            page.goto(url + "/")
            page.set_input_files("#upload-files", str(SAMPLE))
            page.click("#upload-form button[type=submit]")
            page.wait_for_url("**/mapping")
            page.click("#mapping-form button[type=submit]")
            page.wait_for_url("**/findings")
            if name == "desktop":
                page.screenshot(path=str(ROOT / "docs" / "workbench-findings.png"))
            else:
                page.goto(url + "/explain?ticket=NZ20240500005")
                page.screenshot(path=str(ROOT / "docs" / "workbench-explain-phone.png"))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
