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


def test_a_long_list_of_rejected_rows_shows_its_first_rows(tmp_path, run_cli, monkeypatch):
    monkeypatch.setattr(table_module, "TABLE_LIMIT", 20)
    monkeypatch.setattr(table_module, "TABLE_FIRST_ROWS", 5)
    path = tmp_path / "log.csv"
    rows = ["ticket_id,event,at,unit,category", "T1,dispatched,2024-05-02 09:00,汉山街道,道路维修"]
    rows += [f"T{i:03d},dispatched,2024-13-{1 + i % 9:02d} 09:00,汉山街道,道路维修" for i in range(30)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _, out, _ = run_cli("audit", str(path), "--as-of", "2024-05-31")
    listed = [line for line in out.splitlines() if "│" in line and "log.csv" in line]
    assert len(listed) == 5
    assert "共 30 条，以上仅列出前 5 条；查看全部请用 --format xlsx -o 文件名" in out
    _, all_rows, _ = run_cli("audit", str(path), "--as-of", "2024-05-31", "--format", "md")
    assert "仅列出" not in all_rows


def test_a_long_list_of_data_notes_shows_its_first_rows(tmp_path, run_cli, monkeypatch):
    monkeypatch.setattr(table_module, "TABLE_LIMIT", 20)
    monkeypatch.setattr(table_module, "TABLE_FIRST_ROWS", 5)
    path = tmp_path / "log.csv"
    rows = ["ticket_id,event,at,unit,category"]
    rows += [f"T{i:03d},dispatched,2024-05-02 09:00,不存在的单位{i},道路维修" for i in range(30)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _, document, _ = run_cli("audit", str(path), "--as-of", "2024-05-31", "--format", "json")
    notes = json.loads(document)["data_notes"]
    assert len(notes) == 30
    _, out, _ = run_cli("audit", str(path), "--as-of", "2024-05-31")
    assert f"数据质量提示（{len(notes)} 条）" in out
    assert sum(1 for line in out.splitlines() if line.startswith("│ T")) == 5 + 5   # findings, notes
    assert f"共 {len(notes)} 条，以上仅列出前 5 条；查看全部请用 --format xlsx -o 文件名" in out


def test_counts_per_unit_are_the_same_from_columns_and_from_objects():
    from checker.finding_frame import FindingList, first_of_unit, frame_of_findings, unit_counts
    from checker.model import Finding
    from checker.output.labels import by_unit
    findings = [Finding(f"T{i}", "r", "2.1.2", "violation" if i % 3 else "warning",
                        ["汉山街道", "梁山镇", "", None][i % 4], 0, None, "m",
                        status="pending" if i % 5 == 0 else "violated") for i in range(40)]
    columns = FindingList(frame_of_findings(findings))
    expected = [(unit, {kind: sum(1 for f in group if ("pending" if f.status == "pending" else f.severity) == kind)
                        for kind in ("violation", "warning", "pending")}) for unit, group in by_unit(findings)]
    for counted in (unit_counts(findings), unit_counts(columns)):
        assert [(unit, {kind: tally.get(kind, 0) for kind in ("violation", "warning", "pending")})
                for unit, tally in counted] == expected
    for unit, group in by_unit(findings):
        assert first_of_unit(columns, unit, 3) == group[:3] == first_of_unit(findings, unit, 3)
