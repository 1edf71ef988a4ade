"""JSON Lines logs: canonical keys, native JSON values, broken lines rejected by line."""

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from checker.logs import read_logs

LOGS = Path(__file__).resolve().parent.parent / "fixtures" / "logs"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def beijing(*parts) -> int:
    return int(datetime(*parts, tzinfo=timezone(timedelta(hours=8))).timestamp())


def test_jsonl_events_and_rejections():
    data = read_logs([str(LOGS / "long.jsonl")], SHANGHAI)
    assert data.rows == len(data.events) + len(data.rejected) == 12    # the blank line is no row
    assert [(r.line, r.reason) for r in data.rejected] == [
        (7, "invalid JSON: Expecting value"),
        (8, "not a JSON object"),
        (11, "missing ticket_id"),
        (12, "unparseable timestamp '2024-06-31 10:00'"),
        (13, "outcome: unknown value '销号' (add it under values.outcome of the mapping)"),
    ]
    dispatched, accepted, feedback, visited, closed, dispatched2, accepted2 = data.events
    assert dispatched.at == beijing(2024, 6, 1, 10, 0)          # 02:00Z
    assert accepted.event == "accepted" and accepted.at == beijing(2024, 6, 1, 10, 30)  # .250 dropped
    assert feedback.line == 4 and feedback.at == beijing(2024, 6, 1, 18, 0)
    assert visited.resolved is True and visited.satisfaction == "basically_satisfied"
    assert closed.note == "群众表示认可"
    assert dispatched2.urgent is False and dispatched2.deadline_class == "other"
    assert dispatched2.at == beijing(2024, 6, 1, 8, 0)          # +0800
    assert accepted2.at == beijing(2024, 6, 1, 9, 30)           # 01:30Z


def test_native_json_values(tmp_path):
    log = tmp_path / "log.ndjson"
    log.write_text('{"ticket_id": 1001, "event": "visited", "at": "2024-06-01 10:00", '
                   '"resolved": false, "satisfaction": "不满意"}\n'
                   '{"ticket_id": 1002, "event": "visited", "at": "2024-06-01 10:00", '
                   '"resolved": null, "satisfaction": "满意"}\n', encoding="utf-8")
    data = read_logs([str(log)], SHANGHAI)
    assert data.events[0].ticket_id == "1001" and data.events[0].resolved is False
    assert [r.reason for r in data.rejected] == ["visited without resolved"]
