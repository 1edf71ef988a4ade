"""Months side by side: each unit's rates and rank per month and over the year to date."""

from __future__ import annotations

import json

from docx import Document


def _log(tmp_path):
    rows = ["ticket_id,event,at,unit,category"]
    # April: fed back within the 5 natural days; May: fed back late.
    rows += ["A1,dispatched,2024-04-08 09:00,汉山街道,道路维修", "A1,accepted,2024-04-08 09:30,汉山街道,",
             "A1,feedback,2024-04-10 09:00,汉山街道,",
             "M1,dispatched,2024-05-06 09:00,汉山街道,道路维修", "M1,accepted,2024-05-06 09:30,汉山街道,",
             "M1,feedback,2024-05-20 09:00,汉山街道,"]
    path = tmp_path / "log.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_trend_in_json_md_and_docx(tmp_path, run_cli):
    log = _log(tmp_path)
    status, out, err = run_cli("report", log, "--month", "2024-05", "--months", "2", "--format", "json",
                               "--as-of", "2024-05-31")
    assert status == 0, err
    trend = json.loads(out)["trend"]
    assert trend["months"] == ["2024-04", "2024-05"]
    periods = trend["units"][0]["periods"]
    assert trend["units"][0]["unit"] == "汉山街道"
    assert periods["2024-04"]["reply"] == 1.0 and periods["2024-05"]["reply"] == 0.0
    assert periods["year_to_date"]["reply"] == 0.5
    _, md, _ = run_cli("report", log, "--month", "2024-05", "--months", "2", "--as-of", "2024-05-31")
    assert "## 七、近2个月对比" in md
    assert "| 汉山街道 | 回复率 | 100.0% | 0.0% | 50.0% |" in md
    target = tmp_path / "r.docx"
    run_cli("report", log, "--month", "2024-05", "--months", "2", "--as-of", "2024-05-31", "--format", "docx",
            "-o", str(target))
    tables = Document(str(target)).tables
    assert [cell.text for cell in tables[-1].rows[1].cells] == ["汉山街道", "回复率", "100.0%", "0.0%", "50.0%"]
