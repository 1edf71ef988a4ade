"""The terminal table of a large result summarises instead of drawing every finding."""

from __future__ import annotations

import json

from checker.products.audit import document as table_module


def test_a_large_result_shows_counts_per_unit_and_the_first_rows(tmp_path, run_cli, monkeypatch):
    monkeypatch.setattr(table_module, "TABLE_LIMIT", 20)
    monkeypatch.setattr(table_module, "TABLE_FIRST_ROWS", 5)
    path = tmp_path / "log.csv"
    rows = ["ticket_id,event,at,unit,category"]
    rows += [f"T{i:03d},dispatched,2024-05-{1 + i % 9:02d} 09:00,{'汉山街道' if i % 3 else '梁山镇'},道路维修"
             for i in range(30)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _, document, _ = run_cli("audit", str(path), "--as-of", "2024-05-31", "--format", "json")
    findings = json.loads(document)["findings"]
    status, out, _ = run_cli("audit", str(path), "--as-of", "2024-05-31")
    assert status == 1
    counts = [line for line in out.splitlines() if "汉山街道" in line and "│" in line][0]
    ours = [f for f in findings if f["unit"] == "汉山街道"]
    expected = [str(sum(f["severity"] == "violation" for f in ours)),
                str(sum(f["severity"] == "warning" for f in ours)), "0"]
    assert [cell.strip() for cell in counts.strip("│").split("│")][1:] == expected
    listed = [line for line in out.splitlines() if line.startswith("│ T")]
    assert len(listed) == 5
    assert (f"共 {len(findings)} 项，以上仅列出前 5 项；查看全部请用 --format csv 或 --format xlsx -o 文件名"
            in out)
