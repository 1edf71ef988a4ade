"""The office's working folder: `init`, the configuration found from the working folder upward,
and every output naming the rule set it used (file and content hash)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker import resources

# 2024-05-06 (Monday) dispatched; feedback on 05-10 09:00. 二、（一）三是 其他类 5个自然日: due
# 2024-05-11 24:00, so on time; with the office's edited 3 days due 2024-05-09 24:00: late.
LOG = """ticket_id,event,at,unit,category
T1,dispatched,2024-05-06 09:00,汉山街道,道路维修
T1,accepted,2024-05-06 09:30,,
T1,citizen_contacted,2024-05-06 10:00,,
T1,feedback,2024-05-10 09:00,,
"""

SHIPPED_DEADLINE = "other: {duration: P5D, clock: civil_days}"
EDITED_DEADLINE = "other: {duration: P3D, clock: civil_days}"


def hotline_check(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The installed command in a fresh process, run in `cwd`, as an office types it."""
    environment = {key: value for key, value in os.environ.items() if key != "HOTLINE_CHECK_CONFIG"}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env=environment, timeout=120)


def sha12(path: Path) -> str:
    """Worked out here independently: base32 of the SHA-256, lowercase, 12 characters."""
    return base64.b32encode(hashlib.sha256(path.read_bytes()).digest()).decode().lower()[:12]


@pytest.fixture
def office(tmp_path) -> Path:
    folder = tmp_path / "office"
    done = hotline_check("init", str(folder), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (folder / "logs").mkdir()
    (folder / "logs" / "2024-05.csv").write_text(LOG, encoding="utf-8")
    return folder


def edit_deadline(office: Path) -> Path:
    ruleset = office / "rules" / "nanzheng-2024.yaml"
    text = ruleset.read_text(encoding="utf-8")
    assert text.count(SHIPPED_DEADLINE) == 1
    ruleset.write_text(text.replace(SHIPPED_DEADLINE, EDITED_DEADLINE), encoding="utf-8")
    return ruleset


def feedback_findings(document: dict) -> list[tuple[str, str]]:
    return [(f["ticket_id"], f["due"]) for f in document["findings"] if f["rule"] == "feedback-deadline"]


def test_init_writes_copies_of_the_shipped_files_and_says_what_next(office):
    shipped = resources.rules_dir()
    for relative in ("nanzheng-2024.yaml", "nanzheng-2024.tests.yaml", "calendars/cn-mainland.yaml",
                     "mappings/long-zh.yaml", "mappings/platform-wide-zh.yaml"):
        assert (office / "rules" / relative).read_bytes() == (shipped / relative).read_bytes()
    config = (office / "hotline-check.yaml").read_text(encoding="utf-8")
    assert "rules: rules/nanzheng-2024.yaml" in config
    assert "calendar: rules/calendars/cn-mainland.yaml" in config
    done = hotline_check("init", str(office / "again"), cwd=office.parent)
    assert "已建立工作目录" in done.stdout and "hotline-check validate" in done.stdout
    assert "hotline-check test" in done.stdout and "hotline-check audit" in done.stdout


def test_init_refuses_to_overwrite_unless_forced(office):
    ruleset = edit_deadline(office)
    edited = ruleset.read_bytes()
    refused = hotline_check("init", ".", cwd=office)
    assert refused.returncode == 2
    assert "已存在" in refused.stderr and "--force" in refused.stderr
    assert "rules/nanzheng-2024.yaml" in refused.stderr and "Traceback" not in refused.stderr
    assert ruleset.read_bytes() == edited                     # nothing written
    forced = hotline_check("init", ".", "--force", cwd=office)
    assert forced.returncode == 0, forced.stderr
    assert ruleset.read_bytes() == (resources.rules_dir() / "nanzheng-2024.yaml").read_bytes()


def test_the_edited_deadline_applies_from_the_folder_and_from_a_subfolder(office):
    shipped = hotline_check("audit", "logs/2024-05.csv", "--format", "json", cwd=office)
    assert shipped.returncode == 0, shipped.stderr + shipped.stdout
    assert feedback_findings(json.loads(shipped.stdout)) == []
    ruleset = edit_deadline(office)
    for cwd, log in ((office, "logs/2024-05.csv"), (office / "logs", "2024-05.csv")):
        done = hotline_check("audit", log, "--format", "json", cwd=cwd)
        assert done.returncode == 1, done.stderr
        document = json.loads(done.stdout)
        assert feedback_findings(document) == [("T1", "2024-05-10T00:00:00+08:00")]
        assert Path(cwd, document["ruleset"]["file"]).resolve() == ruleset.resolve()
        assert document["ruleset"]["hash"] == sha12(ruleset)
    table = hotline_check("audit", "logs/2024-05.csv", cwd=office)
    assert table.returncode == 1
    assert f"所用规则集：rules/nanzheng-2024.yaml（内容摘要 {sha12(ruleset)}）" in table.stdout


def test_rules_on_the_command_line_override_the_configuration(office):
    edit_deadline(office)
    shipped = resources.default_ruleset_path()
    done = hotline_check("audit", "logs/2024-05.csv", "--rules", str(shipped), "--format", "json",
                         cwd=office)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert feedback_findings(document) == []
    assert document["ruleset"]["hash"] == sha12(shipped)


def test_without_a_configuration_the_shipped_rule_set_is_used(tmp_path):
    (tmp_path / "log.csv").write_text(LOG, encoding="utf-8")
    done = hotline_check("audit", "log.csv", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    # The installed copy or the source tree's, whichever the command runs from: same name, same content.
    assert Path(document["ruleset"]["file"]).name == resources.default_ruleset_path().name
    assert document["ruleset"]["hash"] == sha12(resources.default_ruleset_path())


def test_validate_and_test_without_arguments_check_the_configured_files(office):
    done = hotline_check("validate", cwd=office / "logs")
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("hotline-check.yaml", "nanzheng-2024.yaml", "nanzheng-2024.tests.yaml",
                 "cn-mainland.yaml", "platform-wide-zh.yaml"):
        assert name in done.stdout
    assert str(office) in done.stdout          # the working folder's files, not the shipped ones
    ruleset = office / "rules" / "nanzheng-2024.yaml"
    ruleset.write_text(ruleset.read_text(encoding="utf-8").replace("kind: deadline", "kind: dedline", 1),
                       encoding="utf-8")
    broken = hotline_check("validate", cwd=office)
    assert broken.returncode == 2
    assert "rules/nanzheng-2024.yaml:" in broken.stdout and "dedline" in broken.stdout
    passed = hotline_check("test", cwd=office)
    assert passed.returncode == 2              # the broken working copy, not the shipped set
    # It stops at the misspelt kind in the working copy (by its relative path), running no case.
    assert "rules/nanzheng-2024.yaml:" in passed.stderr and "'dedline'" in passed.stderr
    assert "✓" not in passed.stdout and "个用例" not in passed.stdout


def test_test_without_arguments_runs_the_working_copy(office):
    done = hotline_check("test", cwd=office)
    assert done.returncode == 0, done.stdout + done.stderr
    edit_deadline(office)
    failed = hotline_check("test", cwd=office / "logs")
    assert failed.returncode == 1              # a shipped case expects the 5-day deadline
    assert "nanzheng-2024.tests.yaml" in failed.stdout
    # Worked by hand: dispatched Monday 2024-11-04, 3 natural days instead of the notice's 5
    # (二、（一）三是) is due at 24:00 of 11-07, not 11-09: the 24:00 case fails with that due time.
    assert "✗ feedback-written-at-24-00" in failed.stdout
    assert "应完成时间 2024年11月7日24时" in failed.stdout
    assert "应完成时间 2024年11月9日24时" in failed.stdout    # the case's own expectation, now missing


def test_a_configuration_naming_a_missing_file_stops_at_its_line(office):
    config = office / "hotline-check.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "rules: rules/nanzheng-2024.yaml", "rules: rules/nanzheng-2025.yaml"), encoding="utf-8")
    done = hotline_check("audit", "logs/2024-05.csv", cwd=office)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    line = next(number for number, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("rules:"))
    assert f"hotline-check.yaml:{line}" in done.stderr and "nanzheng-2025.yaml" in done.stderr


def test_the_configured_mapping_is_the_default(office):
    (office / "rules" / "mappings" / "ours.yaml").write_text(
        "id: ours\nlayout: long\ncolumns: {流水号: ticket_id, 环节: event, 时刻: at, 部门: unit}\n",
        encoding="utf-8")
    (office / "logs" / "export.csv").write_text("流水号,环节,时刻,部门\nT1,派单,2024-05-06 09:00,汉山街道\n",
                                                 encoding="utf-8")
    plain = hotline_check("audit", "logs/export.csv", "--format", "json", cwd=office)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    config = office / "hotline-check.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "mapping: null", "mapping: rules/mappings/ours.yaml"), encoding="utf-8")
    mapped = hotline_check("audit", "export.csv", "--format", "json", cwd=office / "logs")
    assert mapped.returncode == 0, mapped.stderr
    assert json.loads(mapped.stdout)["summary"]["events"] == 1
    assert hotline_check("validate", cwd=office).returncode == 0     # the default mapping too


def test_report_and_reminders_name_the_rule_set(office):
    ruleset = edit_deadline(office)
    report = hotline_check("report", "logs/2024-05.csv", "--month", "2024-05", "--format", "json",
                           cwd=office)
    assert report.returncode == 0, report.stderr
    document = json.loads(report.stdout)
    assert document["ruleset"]["hash"] == sha12(ruleset)
    note = next(n for n in document["notes"] if n["key"] == "ruleset")
    assert "rules/nanzheng-2024.yaml" in note["text"] and sha12(ruleset) in note["text"]
    markdown = hotline_check("report", "logs/2024-05.csv", "--month", "2024-05", cwd=office)
    assert sha12(ruleset) in markdown.stdout
    reminders = hotline_check("remind", "logs/2024-05.csv", "--as-of", "2024-05-06 09:10",
                              "--format", "json", cwd=office)
    assert json.loads(reminders.stdout)["ruleset"]["hash"] == sha12(ruleset)
    table = hotline_check("remind", "logs/2024-05.csv", "--as-of", "2024-05-06 09:10", cwd=office)
    assert sha12(ruleset) in table.stdout


def test_an_explicit_configuration_is_used_from_anywhere(office, tmp_path):
    ruleset = edit_deadline(office)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = hotline_check("--config", str(office / "hotline-check.yaml"), "audit",
                         str(office / "logs" / "2024-05.csv"), "--format", "json", cwd=elsewhere)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["ruleset"]["hash"] == sha12(ruleset)


def test_diff_and_calendar_use_the_configured_rules(office):
    edit_deadline(office)
    shipped = str(resources.default_ruleset_path())
    done = hotline_check("diff", shipped, cwd=office / "logs")
    assert done.returncode == 1, done.stderr
    assert "feedback-deadline" in done.stdout and "P5D → P3D" in done.stdout
    due = hotline_check("calendar", "due", "--from", "2024-05-06 09:00", "--class", "other", cwd=office)
    assert due.stdout.strip() == "2024-05-10T00:00:00+08:00"
    calendar = office / "rules" / "calendars" / "cn-mainland.yaml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace(
        "国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知", "国办发明电〔2025〕7号 本办公室核对过的通知"),
        encoding="utf-8")
    workdays = hotline_check("calendar", "workdays", "--year", "2026", cwd=office)
    assert "依据：国办发明电〔2025〕7号 本办公室核对过的通知" in workdays.stdout, workdays.stdout + workdays.stderr
