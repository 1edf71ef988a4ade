"""Words a clerk reads right: end-of-day due times, 未到期 for what still runs, 提示 not 提醒."""

from __future__ import annotations

from pathlib import Path

from checker.timefmt import due_text, local_text
from support import SHANGHAI, instant

SAMPLE = str(Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv")


def test_midnight_is_the_end_of_the_day_before():
    assert local_text(instant("2024-05-21 00:00"), SHANGHAI) == "2024年5月20日24时"
    assert due_text(instant("2024-05-21 00:00"), SHANGHAI) == "2024年5月20日24时前"
    assert local_text(instant("2024-05-21 00:00"), SHANGHAI, "en") == "2024-05-20 24:00"
    assert local_text(instant("2024-01-01 00:00"), SHANGHAI) == "2023年12月31日24时"


def test_other_instants_with_their_date_and_time():
    assert local_text(instant("2024-05-20 10:30"), SHANGHAI) == "2024年5月20日 10:30"
    assert local_text(instant("2024-05-20 00:00:01"), SHANGHAI) == "2024年5月20日 00:00:01"
    assert local_text(None, SHANGHAI) == ""


def _log(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,category,channel\n"
                    "T1,received,2024-05-20 09:00,,道路维修,phone\n"
                    "T1,dispatched,2024-05-20 09:10,汉山街道,道路维修,\n"
                    "T1,accepted,2024-05-20 09:20,汉山街道,,\n", encoding="utf-8")
    return str(path)


def test_a_running_deadline_is_never_called_a_violation(tmp_path, run_cli):
    status, out, _ = run_cli("audit", _log(tmp_path), "--as-of", "2024-05-21 12:00", "--pending")
    feedback = [line for line in out.splitlines() if "限时反馈" in line]
    assert feedback and all("未到期" in line and "违规" not in line for line in feedback)
    assert "2024年5月25日24时" in feedback[0]                   # five natural days: 25 May, 24:00
    status, md, _ = run_cli("audit", _log(tmp_path), "--as-of", "2024-05-21 12:00", "--pending",
                            "--format", "md")
    row = next(line for line in md.splitlines() if "限时反馈" in line)
    assert "| 未到期 |" in row and "违规" not in row


def test_severities_do_not_collide_with_reminders(run_cli):
    _, out, _ = run_cli("audit", SAMPLE)
    summary = next(line for line in out.splitlines() if line.startswith("共 "))
    assert "提示" in summary and "提醒" not in summary


def test_explain_speaks_the_clerks_words(tmp_path, run_cli):
    status, out, _ = run_cli("explain", _log(tmp_path), "T1", "--as-of", "2024-05-21 12:00")
    assert "紧急：否" in out and "渠道：电话" in out and "True" not in out and "False" not in out
    assert "2024年5月20日 09:10" in out and "T09:10" not in out
    assert "24:00" not in out and "至2024年5月25日24时止" in out
    assert "办理方" not in out or "office" not in out
