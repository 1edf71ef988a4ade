"""The workbench as a clerk uses it, in a real headless browser (Debian's chromium driven by
Playwright): upload the sample month, correct a mapping column, find a known ticket's
findings, open its explanation, download the 通报 and compare it with the command line.

No browser is downloaded: a missing /usr/bin/chromium FAILS these tests (.ci/run installs it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from web_live import CHROMIUM, CHROMIUM_ARGS, live_server

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv"
TICKET = "NZ20240500005"                # citizen-contact broken both ways (see sample expected)
TICKET_UNIT = "市生态环境局南郑分局"
RENAMED_HEADER = "字段四"                # the unit column under a header no proposal can know


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: pip install '.[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("work")) as (url, app):
        yield url


def renamed_sample(folder: Path) -> Path:
    lines = SAMPLE.read_text("utf-8").splitlines(keepends=True)
    header = lines[0].split(",")
    header[header.index("unit")] = RENAMED_HEADER
    path = folder / "五月工单导出.csv"
    path.write_text(",".join(header) + "".join(lines[1:]), encoding="utf-8")
    return path


def cli_json(run_cli, *args) -> dict:
    status, out, err = run_cli(*args)
    assert status in (0, 1), err
    return json.loads(out)


def test_a_month_from_upload_to_report(browser, server, tmp_path, run_cli):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page.set_default_timeout(20_000)

    # Upload: the page shows the file and proposes a meaning per header.
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "上传工单导出文件"
    page.set_input_files("#upload-files", str(renamed_sample(tmp_path)))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/mapping")
    row = page.locator("tr", has=page.locator("th", has_text=RENAMED_HEADER))
    select = row.locator("select")
    assert select.input_value() != "unit"          # the proposal cannot know this header…
    select.select_option("unit")                   # …the clerk corrects it
    assert page.locator("tr", has=page.locator("th", has_text="ticket_id")).locator("select").input_value() == "ticket_id"
    page.click("#mapping-form button[type=submit]")

    # The audit runs in the background; the page follows it to the findings.
    page.wait_for_url("**/findings")
    expected = cli_json(run_cli, "audit", str(SAMPLE), "--format", "json")
    summary = page.locator(".summary").inner_text()
    assert f"违规 {expected['summary']['violations']} 项" in summary
    assert f"{expected['summary']['tickets']} 张工单" in summary

    page.select_option("select[name=unit]", TICKET_UNIT)
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**unit=*")
    rows = page.locator("#findings-table tbody tr", has=page.locator("a", has_text=TICKET))
    of_ticket = [f for f in expected["findings"] if f["ticket_id"] == TICKET]
    assert rows.count() == len(of_ticket) == 2
    assert "联系群众" in rows.first.inner_text()

    # The explanation: timeline, the clause and its quote, the due time and how it was counted.
    rows.first.locator("a", has_text=TICKET).click()
    page.wait_for_url("**/explain?ticket=*")
    assert page.locator("h1").inner_text() == f"工单 {TICKET}"
    rule = page.locator("article#rule-citizen-contact-within-2h")
    text = rule.inner_text()
    assert "2.3.1" in text and "接到工单后，要立即与群众取得联系" in text
    assert "2024年5月22日 13:01" in text and "经过时间" in text and "未完成" in text
    assert page.locator(".verdict").inner_text() == "结论：违规 1 项，提示 1 项。"

    # The 通报: shown in the page, downloaded, the same numbers as `report --format json`.
    page.click("header nav a:has-text('月度通报')")
    page.wait_for_url("**/report?month=2024-05")
    frame = page.frame_locator("#report-frame")
    assert "热线工单办理情况通报" in frame.locator("h1").inner_text()
    with page.expect_download() as download_info:
        page.click("a.download[data-format=json]")
    downloaded = json.loads(Path(download_info.value.path()).read_text("utf-8"))
    report = cli_json(run_cli, "report", str(SAMPLE), "--month", "2024-05", "--format", "json")
    for key in ("units", "total", "key_tickets", "overdue", "recurring_issues", "as_of", "month"):
        assert downloaded[key] == report[key], key
    assert downloaded["input"]["rows"] == report["input"]["rows"]
    with page.expect_download() as workbook_info:
        page.click("a.download[data-format=xlsx]")
    assert workbook_info.value.suggested_filename == "report-2024-05.xlsx"
    assert Path(workbook_info.value.path()).read_bytes()[:2] == b"PK"

    # The reminder list at a chosen instant, with each unit's text message.
    page.click("header nav a:has-text('提醒清单')")
    page.fill("input[name=at]", "2024-05-20T10:00")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/remind?at=2024-05-20T10*")
    reminders = cli_json(run_cli, "remind", str(SAMPLE), "--as-of", "2024-05-20 10:00", "--format", "json")
    assert f"共 {reminders['summary']['reminders']} 项" in page.locator("main").inner_text()
    status, sms, _ = run_cli("remind", str(SAMPLE), "--as-of", "2024-05-20 10:00", "--format", "sms")
    shown = [area.input_value() for area in page.locator(".sms textarea").all()]
    assert shown == [text for text in sms.strip().split("\n\n")]
    page.close()


def test_the_pages_read_on_a_phone(browser, server):
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page.goto(server + "/rules")
    assert page.locator("h1").inner_text() == "现行规则"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width}px wide on a 360px screen"
    assert page.locator("td.day.makeup").count() >= 1 and page.locator("td.day.holiday").count() >= 5
    page.close()
