"""`calendar add-year` and `calendar show`, and what `validate` demands of a year: its notice
cited by number, its days as the chinese-calendar package states them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker import resources
from checker.calendar import yearly

SHIPPED = resources.calendars_dir() / "cn-mainland.yaml"
SOURCE_2026 = "国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知"


def without_year(text: str, year: int) -> str:
    start = text.index(f"  {year}:\n")
    following = text.find("\n  20", start + 1)
    return text[:start] + (text[following + 1:] if following > 0 else "")


@pytest.fixture
def calendar_file(tmp_path) -> Path:
    path = tmp_path / "cn-mainland.yaml"
    path.write_text(without_year(SHIPPED.read_text(encoding="utf-8"), 2026), encoding="utf-8")
    return path


def test_add_year_2026_from_the_package_equals_the_shipped_2026(run_cli, calendar_file):
    status, out, err = run_cli("calendar", "add-year", "2026", "--calendar", str(calendar_file),
                               "--source", SOURCE_2026, "--published", "2025-11-04")
    assert status == 0, err
    assert "chinese-calendar" in out
    assert calendar_file.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_add_year_2026_needs_no_source_the_notice_being_known(run_cli, calendar_file):
    status, out, err = run_cli("calendar", "add-year", "2026", "--calendar", str(calendar_file))
    assert status == 0, err
    assert calendar_file.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")
    shown = run_cli("calendar", "show", "2026", "--format", "json", "--calendar", str(calendar_file))[1]
    assert json.loads(shown)["source"] == SOURCE_2026


def test_without_the_citation_the_days_are_written_and_validate_refuses(run_cli, tmp_path):
    # 2023: the package has it, its notice (国办发明电〔2022〕16号) is not known to the program.
    path = tmp_path / "cn-mainland.yaml"
    shutil.copy(SHIPPED, path)
    status, out, _ = run_cli("calendar", "add-year", "2023", "--calendar", str(path))
    assert status == 0 and "文号" in out
    text = path.read_text(encoding="utf-8")
    assert text.index("  2023:") < text.index("  2024:")              # in year order
    assert "{name: 春节, from: 2023-01-21, to: 2023-01-27}" in text
    assert "{date: 2023-01-28, for: 春节}" in text and "{date: 2023-01-29, for: 春节}" in text
    status, report, _ = run_cli("validate", str(path))
    assert status == 2 and "2023 年的 source 未写明所依据通知的文号" in report
    path.write_text(text.replace("国务院办公厅关于2023年部分节假日安排的通知（文号待填）",
                                 "国办发明电〔2022〕16号 国务院办公厅关于2023年部分节假日安排的通知"), encoding="utf-8")
    status, report, _ = run_cli("validate", str(path))
    assert status == 0, report


def test_comments_and_the_other_years_are_kept(run_cli, calendar_file):
    before = calendar_file.read_text(encoding="utf-8")
    run_cli("calendar", "add-year", "2026", "--calendar", str(calendar_file), "--source", SOURCE_2026)
    after = calendar_file.read_text(encoding="utf-8")
    assert after.startswith(before)          # appended: every comment and year above unchanged


def test_a_year_is_not_written_twice_unless_forced(run_cli, tmp_path):
    path = tmp_path / "cn-mainland.yaml"
    shutil.copy(SHIPPED, path)
    status, _, err = run_cli("calendar", "add-year", "2025", "--calendar", str(path))
    assert status == 2 and "已有 2025 年" in err and "--force" in err
    status, _, _ = run_cli("calendar", "add-year", "2025", "--calendar", str(path), "--force")
    assert status == 0
    assert path.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")   # citation kept


def test_a_year_the_package_lacks_gets_a_template_that_keeps_the_calendar_usable(run_cli, tmp_path):
    path = tmp_path / "cn-mainland.yaml"
    shutil.copy(SHIPPED, path)
    status, out, _ = run_cli("calendar", "add-year", "2099", "--calendar", str(path))
    assert status == 0 and "模板" in out
    text = path.read_text(encoding="utf-8")
    assert "  # 2099:" in text and "#   source: 国办发明电〔2098〕N号 国务院办公厅关于2099年部分节假日安排的通知" in text
    assert run_cli("validate", str(path))[0] == 0            # commented out: nothing half-filled is read
    status, _, err = run_cli("calendar", "show", "2099", "--calendar", str(path))
    assert status == 2 and "2099" in err                       # the year is not there until filled in


def test_days_that_contradict_the_package_are_refused(run_cli, tmp_path):
    path = tmp_path / "cn-mainland.yaml"
    path.write_text(SHIPPED.read_text(encoding="utf-8").replace(
        "{name: 端午节, from: 2026-06-19, to: 2026-06-21}", "{name: 端午节, from: 2026-06-19, to: 2026-06-22}"),
        encoding="utf-8")
    status, out, _ = run_cli("validate", str(path))
    assert status == 2 and "2026 年的放假日期与 chinese-calendar 包不一致" in out and "2026-06-22" in out


def test_another_calendar_is_not_compared_with_the_package(tmp_path):
    from checker.validation import validate_paths
    text = SHIPPED.read_text(encoding="utf-8").replace("id: cn-mainland", "id: local").replace(
        "{name: 端午节, from: 2026-06-19, to: 2026-06-21}", "{name: 端午节, from: 2026-06-19, to: 2026-06-22}")
    path = tmp_path / "local.yaml"
    path.write_text(text, encoding="utf-8")
    [report] = validate_paths([str(path)])
    assert report.valid, [e.message for e in report.errors]


def test_show_prints_the_periods_and_the_make_up_days(run_cli):
    status, out, _ = run_cli("calendar", "show", "2025")
    assert status == 0
    assert "国办发明电〔2024〕12号" in out
    assert "国庆节、中秋节：2025-10-01（星期三）至 2025-10-08（星期三），8天" in out
    assert "2025-09-28（星期日），为国庆节、中秋节调休" in out


def test_the_package_groups_a_joint_holiday_as_the_notice_names_it():
    plan = yearly.package_year(2025)
    assert ("国庆节、中秋节", "2025-10-01", "2025-10-08") in [
        (name, first.isoformat(), last.isoformat()) for name, first, last in plan.holidays]


def test_add_year_writes_the_configured_calendar(run_cli, tmp_path, monkeypatch):
    office = tmp_path / "office"
    assert run_cli("init", str(office))[0] == 0
    calendar = office / "rules" / "calendars" / "cn-mainland.yaml"
    calendar.write_text(without_year(calendar.read_text(encoding="utf-8"), 2026), encoding="utf-8")
    monkeypatch.chdir(office / "rules")
    status, out, _ = run_cli("calendar", "add-year", "2026", "--source", SOURCE_2026, "--published", "2025-11-04")
    assert status == 0, out
    assert calendar.read_bytes() == SHIPPED.read_bytes()
