"""One number, one way: rates rounded half up (四舍五入) and the same in every report format."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from checker.output.numbers import (EXCEL_PERCENT, difference, percent_text, points_text, rate_text,
                                    rounded, share)

SAMPLE = str(Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv")


@pytest.mark.parametrize("numerator, denominator, shown", [
    (13, 16, "81.3%"),          # 81.25: half up, not to even (81.2)
    (247, 2000, "12.4%"),       # 12.35: a binary float would give 12.3
    (1, 3, "33.3%"),
    (2, 3, "66.7%"),
    (29, 29, "100.0%"),
    (0, 7, "0.0%"),
    (12.5, 16, "78.1%"),        # a weighted numerator (基本满意 as a half)
])
def test_half_up(numerator, denominator, shown):
    assert percent_text(share(numerator, denominator)) == shown


def test_no_denominator_is_a_dash_never_zero():
    assert share(0, 0) is None
    assert percent_text(None) == "—" and rate_text({"numerator": 0, "denominator": 0, "rate": None}, "zh") == "—"


def test_rate_with_its_counts():
    rate = {"numerator": 13, "denominator": 16, "rate": share(13, 16)}
    assert rate_text(rate, "zh") == "81.3%（13/16）"
    assert rate_text(rate, "en") == "81.3% (13/16)"


def test_changes_are_differences_of_the_shown_rates():
    before, now = rounded(0.7916), rounded(0.8125)        # shown 79.2% and 81.3%
    assert points_text(difference(now, before)) == "+2.1"
    assert points_text(difference(before, now)) == "-2.1"
    assert points_text(difference(now, now)) == "0.0"
    assert points_text(None) == "—"


def _md_rates(md: str, whole: bool = False) -> dict[str, list[str]]:
    rows = {}
    for line in md.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 9 and "%" in cells[5]:
            rows[cells[1]] = (cells[5:8] if whole else
                              [re.match(r"[\d.]+%|—", cell).group() for cell in cells[5:9]])
        if line.startswith("## 二"):
            break
    return rows


def test_rates_agree_across_md_html_xlsx_json(run_cli, tmp_path):
    outputs = {}
    for fmt in ("md", "html", "json", "xlsx"):
        target = tmp_path / f"report.{fmt}"
        status, _, err = run_cli("report", SAMPLE, "--month", "2024-05", "--format", fmt, "-o", str(target))
        assert status == 0, err
        outputs[fmt] = target
    md = _md_rates(outputs["md"].read_text(encoding="utf-8"))
    md_full = _md_rates(outputs["md"].read_text(encoding="utf-8"), whole=True)
    assert md["高台镇"][0] == "81.3%"                  # 13/16 = 81.25 %
    assert len(md) == 14                               # 13 units and the total

    report = json.loads(outputs["json"].read_text(encoding="utf-8"))
    for unit in report["units"]:
        shown = [percent_text(unit[key]["rate"]) for key in ("reply", "resolution", "satisfaction")]
        assert shown + [percent_text(unit["composite"])] == md[unit["unit"]]
        for key in ("reply", "resolution", "satisfaction"):
            rate = unit[key]
            assert rate["rate"] == share(rate["numerator"], rate["denominator"])

    html = outputs["html"].read_text(encoding="utf-8")
    html_rows = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in re.findall(r"<tr.*?</tr>", html, re.S)]
    html_rates = {cells[1]: [re.match(r"[\d.]+%|—", cell).group() for cell in cells[5:9]]
                  for cells in html_rows if len(cells) >= 9 and cells[1] in md}
    assert html_rates == md

    sheet = load_workbook(outputs["xlsx"]).worksheets[0]
    seen = 0
    for row in sheet.iter_rows():
        unit = row[1].value
        if unit not in md or unit == "全区合计":
            continue
        # The rates carry their counts in the number format (0.0%"（13/16）"), the composite none.
        rate_cells = [cell for cell in row if (cell.number_format or "").startswith(EXCEL_PERCENT)]
        assert len(rate_cells) == 4
        shown = [f"{cell.value * 100:.1f}%" for cell in rate_cells]     # what Excel displays
        assert shown == md[unit]
        counts = [cell.number_format[len(EXCEL_PERCENT):].strip('"') for cell in rate_cells[:3]]
        assert [f"{a}{b}" for a, b in zip(shown, counts)] == md_full[unit]
        assert [percent_text(cell.value) for cell in rate_cells] == md[unit]
        seen += 1
    assert seen == 13
