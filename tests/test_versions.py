"""Rule set versions by date: a folder of versions, each ticket judged by the version in force
on the day of its first dispatch (fixtures/versions/: 2024 = shipped, 2025 = basic living
needs answered within 12 hours instead of 24, reply rate weighing 2)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest

from checker import resources

REPO = Path(__file__).resolve().parent.parent
VERSIONS = REPO / "fixtures" / "versions"
SPANNING = VERSIONS / "spanning-2024-12.csv"

sys.path.insert(0, str(REPO / "fixtures"))
import make_versions  # noqa: E402


def outage(ticket: str, dispatched: str, feedback: str) -> str:
    """A water outage (停水, basic living needs) handled by the book but for the feedback time."""
    return "\n".join([f"{ticket},dispatched,{dispatched},区供水公司,停水",
                      f"{ticket},head_notified,{dispatched},区供水公司,",
                      f"{ticket},accepted,{dispatched},,",
                      f"{ticket},citizen_contacted,{dispatched},,",
                      f"{ticket},feedback,{feedback},,"]) + "\n"


def write_log(tmp_path: Path, *tickets: str) -> str:
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,category\n" + "".join(tickets), encoding="utf-8")
    return str(path)


def copy_versions(tmp_path: Path, source: Path) -> Path:
    folder = tmp_path / "versions"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("*.csv"))
    return folder


def set_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith(start))


def audit_json(run_cli, *args):
    status, out, err = run_cli("audit", *args, "--format", "json")
    assert "Traceback" not in err
    return status, (json.loads(out) if out else None), err


@pytest.fixture(scope="module")
def versions_folder(tmp_path_factory) -> Path:
    """The example folder generated afresh from the shipped rules (the fixtures/versions copy
    may lag behind a change of the shipped rules until make_versions.py is run again)."""
    folder = tmp_path_factory.mktemp("example") / "versions"
    folder.mkdir()
    for name, text in make_versions.versions().items():
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(VERSIONS / "nanzheng-2025.tests.yaml", folder)
    return folder


def test_the_shipped_example_folder_is_valid(run_cli):
    status, out, _ = run_cli("validate", str(VERSIONS))
    assert status == 0, out


def test_the_example_pair_differs_in_one_deadline_and_one_weight(run_cli):
    status, out, _ = run_cli("diff", str(VERSIONS / "nanzheng-2024.yaml"),
                             str(VERSIONS / "nanzheng-2025.yaml"), "--format", "json")
    assert status == 1
    text = json.dumps(json.loads(out), ensure_ascii=False)
    assert "PT24H" in text and "PT12H" in text and "feedback-deadline" in text
    assert "rates.indicators[reply].score.weight" in text


def test_a_log_spanning_the_change_judges_each_ticket_by_its_own_version(run_cli, versions_folder):
    status, document, _ = audit_json(run_cli, str(SPANNING), "--rules", str(versions_folder))
    assert status == 1
    jsonschema.validate(document, json.loads(resources.schema_path("findings").read_text(encoding="utf-8")))
    # W2024: 18 hours, within 2024's 24 hours; W2025: 18 hours, past 2025's 12 hours.
    assert [(f["ticket_id"], f["rule"], f["due"], Path(f["ruleset_version"]).name)
            for f in document["findings"]] == [
        ("W2025", "feedback-deadline", "2025-01-02T22:00:00+08:00", "nanzheng-2025.yaml")]
    versions = document["ruleset"]["versions"]
    assert [(Path(v["file"]).name, v["from"], v["until"]) for v in versions] == [
        ("nanzheng-2024.yaml", "2024-01-01", "2025-01-01"), ("nanzheng-2025.yaml", "2025-01-01", None)]
    assert Path(document["ruleset"]["file"]).name == "versions"


def test_the_version_follows_the_local_day_of_the_first_dispatch(run_cli, tmp_path, versions_folder):
    # 13 hours to the feedback: on time under 2024 (24 h), late under 2025 (12 h).
    log = write_log(tmp_path, outage("LAST", "2024-12-31 23:59:59", "2025-01-01 12:59:59"),
                    outage("FIRST", "2025-01-01 00:00:00", "2025-01-01 13:00:00"))
    _, document, _ = audit_json(run_cli, log, "--rules", str(versions_folder))
    late = {(f["ticket_id"], f["due"]) for f in document["findings"] if f["rule"] == "feedback-deadline"}
    assert late == {("FIRST", "2025-01-01T12:00:00+08:00")}


def test_the_table_names_the_folder_and_each_version(run_cli, versions_folder):
    status, out, _ = run_cli("audit", str(SPANNING), "--rules", str(versions_folder))
    assert status == 1
    assert "nanzheng-2024.yaml 2024-01-01 起至 2025-01-01 前；nanzheng-2025.yaml 2025-01-01 起" in out.replace("\n", "")


def test_the_csv_names_the_version_of_each_finding(run_cli, tmp_path, versions_folder):
    target = tmp_path / "out.csv"
    run_cli("audit", str(SPANNING), "--rules", str(versions_folder), "--format", "csv", "-o", str(target))
    rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].endswith("nanzheng-2025.yaml@" + resources.content_hash(versions_folder / "nanzheng-2025.yaml"))


def test_overlapping_versions_stop_naming_both_files_and_lines(run_cli, tmp_path, versions_folder):
    folder = copy_versions(tmp_path, versions_folder)
    old, new = folder / "nanzheng-2024.yaml", folder / "nanzheng-2025.yaml"
    set_text(old, "  until: 2025-01-01\n", "  until: 2025-02-01\n")
    status, _, err = audit_json(run_cli, str(SPANNING), "--rules", str(folder))
    assert status == 2
    assert f"{new}:{line_of(new, '  from:')}" in err
    assert f"{old}:{line_of(old, '  from:')}" in err and "重叠" in err
    status, out, _ = run_cli("validate", str(folder))
    assert status == 2 and "重叠" in out


def test_two_versions_starting_on_one_day_overlap(run_cli, tmp_path, versions_folder):
    folder = copy_versions(tmp_path, versions_folder)
    set_text(folder / "nanzheng-2025.yaml", "  from: 2025-01-01\n", "  from: 2024-01-01\n")
    status, _, err = audit_json(run_cli, str(SPANNING), "--rules", str(folder))
    assert status == 2 and "重叠" in err


def test_a_gap_between_versions_stops_naming_both_files_and_lines(run_cli, tmp_path, versions_folder):
    folder = copy_versions(tmp_path, versions_folder)
    old, new = folder / "nanzheng-2024.yaml", folder / "nanzheng-2025.yaml"
    set_text(old, "  until: 2025-01-01\n", "  until: 2024-12-01\n")
    status, _, err = audit_json(run_cli, str(SPANNING), "--rules", str(folder), "--lang", "en")
    assert status == 2
    assert f"{new}:{line_of(new, '  from:')}" in err and f"{old}:{line_of(old, '  from:')}" in err
    assert "空档" in err      # rule file errors are reported in Chinese as the loader reads them


def test_a_version_without_until_ends_where_the_next_begins(run_cli, tmp_path, versions_folder):
    folder = copy_versions(tmp_path, versions_folder)
    set_text(folder / "nanzheng-2024.yaml", "  until: 2025-01-01\n", "")
    status, document, _ = audit_json(run_cli, str(SPANNING), "--rules", str(folder))
    assert status == 1
    assert [f["ticket_id"] for f in document["findings"]] == ["W2025"]
    assert document["ruleset"]["versions"][0]["until"] == "2025-01-01"


def test_a_ticket_before_every_version_is_noted_not_judged(run_cli, tmp_path, versions_folder):
    log = write_log(tmp_path, outage("OLD", "2023-12-31 10:00", "2024-01-03 10:00"),
                    outage("NEW", "2025-01-02 10:00", "2025-01-03 04:00"))
    status, document, _ = audit_json(run_cli, log, "--rules", str(versions_folder))
    assert status == 1
    assert {f["ticket_id"] for f in document["findings"]} == {"NEW"}
    [note] = [n for n in document["data_notes"] if n["kind"] == "out_of_force"]
    assert note["ticket_id"] == "OLD" and "2023-12-31" in note["message"]
    assert document["summary"]["tickets"] == 1


def test_the_configuration_may_name_a_folder_of_versions(run_cli, tmp_path, monkeypatch, versions_folder):
    folder = copy_versions(tmp_path, versions_folder)
    (tmp_path / "hotline-check.yaml").write_text("rules: versions\n", encoding="utf-8")
    shutil.copy(SPANNING, tmp_path / "log.csv")
    monkeypatch.chdir(tmp_path)
    status, document, _ = audit_json(run_cli, "log.csv")
    assert status == 1 and document["ruleset"]["file"] == "versions"
    assert [Path(f["ruleset_version"]) for f in document["findings"]] == [Path("versions/nanzheng-2025.yaml")]
    status, out, _ = run_cli("validate")
    assert status == 0, out
    status, out, _ = run_cli("test")
    assert status == 0 and out.count("个用例：") == 2 and "\n2 个用例" in out
    set_text(folder / "nanzheng-2025.tests.yaml", 'due: "2025-01-02T22:00:00+08:00"', 'due: "2025-01-03T10:00:00+08:00"')
    assert run_cli("test")[0] == 1


def test_the_report_of_a_month_uses_that_months_weights(run_cli, versions_folder):
    notes = {}
    for month in ("2024-12", "2025-01"):
        status, out, _ = run_cli("report", str(SPANNING), "--rules", str(versions_folder), "--month", month,
                                 "--format", "json")
        assert status == 0
        notes[month] = {n["key"]: n["text"] for n in json.loads(out)["notes"]}
    assert "回复率 1" in notes["2024-12"]["composite"] and "回复率 2" in notes["2025-01"]["composite"]
    assert "nanzheng-2025.yaml" in notes["2025-01"]["ruleset"]
