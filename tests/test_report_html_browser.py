"""The HTML 通报 in a real headless browser (Debian's chromium): at phone width (360 px) nothing
widens the page, tables and the chart scroll inside it; at 1280 px everything fits; it prints
on A4. No browser is downloaded: a missing /usr/bin/chromium fails (.ci/run installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from web_live import CHROMIUM, CHROMIUM_ARGS

SAMPLE = str(Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    from checker.cli import main
    target = tmp_path_factory.mktemp("html") / "通报.html"
    with pytest.raises(SystemExit) as done:
        main(["report", SAMPLE, "--month", "2024-05", "--format", "html", "-o", str(target)])
    assert done.value.code == 0
    return target


def _layout(browser, path: Path, width: int) -> dict:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(path.as_uri())
    layout = page.evaluate("""() => ({
        page: document.documentElement.scrollWidth,
        scrollers: [...document.querySelectorAll('.scroll')].map(e => ({
            box: e.getBoundingClientRect().right, inner: e.scrollWidth, outer: e.clientWidth,
            overflow: getComputedStyle(e).overflowX})),
        chart: (() => { const s = document.querySelector('.chart svg').getBoundingClientRect();
                         return {width: s.width, right: s.right}; })(),
        chartBox: document.querySelector('.chart').getBoundingClientRect().right,
        font: getComputedStyle(document.body).fontFamily,
        cell: getComputedStyle(document.querySelector('td')).fontSize,
    })""")
    page.close()
    return layout


def test_at_phone_width_nothing_widens_the_page(browser, report_html):
    layout = _layout(browser, report_html, 360)
    assert layout["page"] <= 360                                # no sideways scrolling of the page
    assert layout["scrollers"] and all(s["box"] <= 360 and s["overflow"] == "auto" for s in layout["scrollers"])
    assert any(s["inner"] > s["outer"] for s in layout["scrollers"])     # the wide ranking scrolls
    assert layout["chart"]["width"] >= 600 and layout["chartBox"] <= 360  # readable, inside its box
    assert float(layout["cell"].rstrip("px")) >= 12
    for family in ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "CESI"):
        assert family in layout["font"]


def test_at_desktop_width_everything_fits(browser, report_html):
    layout = _layout(browser, report_html, 1280)
    assert layout["page"] <= 1280
    assert all(s["inner"] <= s["outer"] + 1 for s in layout["scrollers"])
    assert layout["chart"]["right"] <= 1280


def test_prints_on_a4(browser, report_html, tmp_path):
    page = browser.new_page()
    page.goto(report_html.as_uri())
    pdf = page.pdf(prefer_css_page_size=True)
    page.close()
    assert pdf.startswith(b"%PDF")
    # A4 landscape: 842 × 595 points.
    assert b"/MediaBox [0 0 841.91998 594.95996]" in pdf or b"/MediaBox [0 0 842 595]" in pdf
