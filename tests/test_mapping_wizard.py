"""`mapping init` on platform exports, then `audit --mapping` with what it proposed: exactly
the violations worked by hand below, and none for what the export does not record.

The exports are written by fixtures/exports/make_exports.py (title and 导出时间 rows above
the header, wordings other than the canonical ones, category paths, short unit names, no
head-notification column, 是否延期 / 延期至 without approval time or approver, the unit on
the acceptance row only).
"""

import importlib.util
import json
from pathlib import Path

import pytest

from checker.errors import CheckerError
from checker.logs import load_mapping, read_logs
from checker.logs.synonyms import normalise
from checker.ruleset import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2024-06-01 00:00"


def _generator():
    spec = importlib.util.spec_from_file_location("make_exports", ROOT / "fixtures" / "exports" / "make_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    make = _generator()
    make.write_wide_xlsx(folder / "platform-wide.xlsx")
    make.write_wide_csv(folder / "platform-wide-gb18030.csv")
    make.write_long_csv(folder / "platform-long-gb18030.csv")
    return folder


def init_then_audit(run_cli, export: Path, tmp_path: Path):
    proposed = tmp_path / "proposed.yaml"
    status, out, err = run_cli("mapping", "init", str(export), "-o", str(proposed))
    assert status == 0, err
    status, out, err = run_cli("validate", str(proposed))
    assert status == 0, out + err
    status, out, err = run_cli("audit", str(export), "--mapping", str(proposed), "--as-of", AS_OF,
                               "--format", "json")
    assert status in (0, 1), err
    return proposed, json.loads(out)


def violations(result):
    return sorted((f["ticket_id"], f["rule"]) for f in result["findings"]
                  if f["severity"] == "violation" and f["status"] == "violated")


# Worked by hand (南政办发〔2024〕4号 2.1.2, 2.1.3; dispatch on Monday 2024-05-06 unless said):
# A2 安全事故 (emergency, 3 h): dispatched 10:00, feedback 14:00 > 13:00          → feedback-deadline
# A3 停水 (basic living): dispatched 11:00, accepted 12:30 > 12:00                 → acceptance-1h
# A4 extended (是否延期 = 是, 延期至 05-20 18:00), feedback 05-15 10:00 ≤ promised → none
# A5 extended to 05-14 18:00, feedback 05-16 09:00                               → feedback-deadline
# A6 visit 很不满意/未解决, closed: 退回重办 is not recorded → not checkable, no violation
# A7 dispatched 15:00 (workday), never accepted                                  → acceptance-1h
# A8 dispatched Sunday 05-12, not urgent: the 1-hour acceptance does not apply    → none
# A9 visit 一般: not a known satisfaction → that visit is refused, the rest stands
# No head-notification, citizen-contact or reminder column: those rules are not checkable.
WIDE_EXPECTED = [("A2", "feedback-deadline"), ("A3", "acceptance-1h"),
                 ("A5", "feedback-deadline"), ("A7", "acceptance-1h")]


@pytest.mark.parametrize("name", ["platform-wide.xlsx", "platform-wide-gb18030.csv"])
def test_a_wide_export_gives_exactly_the_hand_worked_violations(run_cli, exports, tmp_path, name):
    proposed, result = init_then_audit(run_cli, exports / name, tmp_path)
    assert violations(result) == WIDE_EXPECTED
    assert [f for f in result["findings"] if f["responsible"] == "office"] == []
    unjudged = {(u["rule"], u["check"]): u for u in result["unjudged"]}
    assert unjudged[("head-notification", None)]["missing"] == ["head_notified"]
    assert unjudged[("head-notification", None)]["tickets"] == 2          # A2, A3
    assert unjudged[("return-after-visit", None)]["tickets"] == 1         # A6
    assert ("citizen-contact", "before-feedback") in unjudged
    assert unjudged[("extension-approval", "approved-in-time")]["tickets"] == 2
    [rejected] = result["rejected"]
    assert "一般" in rejected["reason"] and "values.satisfaction" in rejected["reason"]
    notes = {(n["ticket_id"], n["kind"]) for n in result["data_notes"]}
    assert {("A4", "assumed_approval_time"), ("A4", "unknown_approver"),
            ("A5", "assumed_approval_time"), ("A5", "unknown_approver")} <= notes


def test_the_proposed_wide_mapping_reads_as_a_person_would_write_it(run_cli, exports, tmp_path):
    proposed, _ = init_then_audit(run_cli, exports / "platform-wide.xlsx", tmp_path)
    mapping = load_mapping(str(proposed))
    text = proposed.read_text(encoding="utf-8")
    assert mapping.layout == "wide"
    assert mapping.columns == {"工单号（必填）": "ticket_id", "诉求分类": "category", "缓急程度": "urgent",
                               "办理单位": "unit"}
    events = {item.event: item for item in mapping.events}
    assert events["dispatched"].column == "派发 时间"
    assert events["extension_approved"].column is None
    assert events["extension_approved"].happened_if.column == "是否延期"
    assert events["extension_approved"].fields == {"promised_at": "延期至"}
    assert events["visited"].fields == {"satisfaction": "满意度", "resolved": "解决情况"}
    assert "head_notified" in mapping.declared_unrecorded()
    assert "extension_approved.actor" in mapping.declared_unrecorded()
    # 一般 is left for the office to decide; 很不满意 is plain.
    assert mapping.values["satisfaction"] == {"很不满意": "unsatisfied"}
    assert '"一般"（1 行）' in text and "values.satisfaction" in text
    assert "序号" in text and "诉求内容" in text        # listed as not used


# B1 in time. B2 交办 09:00, accepted 10:30 > 10:00 → acceptance-1h; feedback 05-13 10:00
# after 05-12 24:00 → feedback-deadline. B3 停电 (basic living, 24 h) dispatched 05-07 08:00,
# feedback 05-08 09:00 > 08:00 → feedback-deadline. The unit is written on the 签收 row only.
LONG_EXPECTED = [("B2", "acceptance-1h"), ("B2", "feedback-deadline"), ("B3", "feedback-deadline")]


def test_a_long_export_with_the_unit_on_a_later_step(run_cli, exports, tmp_path):
    proposed, result = init_then_audit(run_cli, exports / "platform-long-gb18030.csv", tmp_path)
    assert violations(result) == LONG_EXPECTED
    assert result["rejected"] == []
    units = {f["ticket_id"]: f["unit"] for f in result["findings"]}
    assert units["B3"] == "国网南郑区供电公司"
    mapping = load_mapping(str(proposed))
    assert mapping.layout == "long" and mapping.encoding == "gb18030"
    assert mapping.ticket_attributes == {"unit": "from_any_row"}
    assert mapping.values["event"] == {"交办": "dispatched"}
    assert "head_notified" in mapping.unrecorded
    assert [f for f in result["findings"] if f["responsible"] == "office"] == []


def test_without_from_any_row_the_dispatch_is_refused_naming_its_unit(exports, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("id: m\nlayout: long\ncolumns: {受理编号: ticket_id, 办理环节: event, 操作时间: at, "
                    "承办单位: unit, 满意度: satisfaction, 是否解决: resolved}\nvalues: {event: {交办: dispatched}}\n", encoding="utf-8")
    data = read_logs([str(exports / "platform-long-gb18030.csv")], load_ruleset().tz, load_mapping(str(path)))
    assert {r.reason for r in data.rejected} == {"dispatched without unit"}
    assert len(data.rejected) == 3


def test_a_column_the_mapping_names_but_the_export_lacks_is_an_error_naming_it(exports, tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("id: typo\nlayout: wide\ncolumns: {工单号（必填）: ticket_id, 办理单位: unit}\n"
                    "events:\n  - {column: 派发时间, event: dispatched}\n"
                    "  - {column: 通知负责人时间, event: head_notified}\n", encoding="utf-8")
    with pytest.raises(CheckerError) as error:
        read_logs([str(exports / "platform-wide.xlsx")], load_ruleset().tz, load_mapping(str(path)))
    message = error.value.message
    # The first column missing is named alone, with the header row actually found (row 3).
    assert "“派发时间”" in message and "通知负责人时间" not in message
    assert "第 3 行" in message and "工单号（必填），诉求分类" in message
    assert error.value.line == 3


def test_a_reading_that_is_not_the_words_plain_meaning_needs_a_reason(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("id: m\nlayout: long\nvalues:\n  satisfaction:\n    一般: basically_satisfied\n",
                    encoding="utf-8")
    with pytest.raises(CheckerError) as error:
        load_mapping(str(path))
    assert error.value.line == 5 and "reason" in error.value.message and "一般" in error.value.message
    path.write_text("id: m\nlayout: long\nvalues:\n  resolved:\n    已办结: {value: true, reason: "
                    "本平台只在群众确认解决后办结}\n", encoding="utf-8")
    assert load_mapping(str(path)).values["resolved"] == {"已办结": True}


def test_the_shipped_wide_mapping_no_longer_reads_yiban_or_banjie_as_good():
    mapping = load_mapping(str(ROOT / "rules" / "mappings" / "platform-wide-zh.yaml"))
    assert "一般" not in mapping.values.get("satisfaction", {})
    assert "已办结" not in mapping.values.get("resolved", {})


@pytest.mark.parametrize("raw, expected", [
    ("派单时间（必填）", "派单时间"), (" 派发 时间 ", "派发时间"), ("工单编号*", "工单编号"),
    ("承办单位(选填)", "承办单位"), ("回访时间：", "回访时间"), ("反馈\u200b时间\xa0", "反馈时间"), ("诉求类别【必填】", "诉求类别"),
])
def test_headers_are_compared_without_spaces_remarks_or_full_width_marks(raw, expected):
    assert normalise(raw) == normalise(expected)


def test_a_file_without_a_recognisable_header_is_refused_in_chinese(run_cli, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("甲,乙,丙\n1,2,3\n", encoding="utf-8")
    status, out, err = run_cli("mapping", "init", str(path))
    assert status == 2 and "找不到表头行" in err and "header-synonyms.yaml" in err


def test_the_report_and_the_reminder_list_say_what_is_not_checkable(run_cli, exports, tmp_path):
    export = exports / "platform-wide.xlsx"
    proposed = tmp_path / "proposed.yaml"
    assert run_cli("mapping", "init", str(export), "-o", str(proposed))[0] == 0
    status, out, err = run_cli("report", str(export), "--mapping", str(proposed), "--month", "2024-05",
                               "--as-of", AS_OF, "--format", "json")
    assert status in (0, 1), err
    notes = [n for n in json.loads(out)["notes"] if n["key"] == "unjudged"]
    assert any("通知承办单位负责人" in n["text"] and "通知负责人" in n["text"] for n in notes)
    status, out, err = run_cli("remind", str(export), "--mapping", str(proposed),
                               "--as-of", "2024-05-06 16:30", "--format", "json")
    assert status in (0, 1), err
    unjudged = {u["rule"] for u in json.loads(out)["unjudged"]}
    assert "reminder-sent" in unjudged


# An export that names the approval time and the approver (clause 2.3.2: 经热线领导小组办公室同意,
# before the due time). All dispatched Monday 2024-05-06 09:00, class other: due 05-12 24:00.
# C1 approved 05-10 by 区热线办, feedback 05-15 ≤ promised 05-20           → none
# C2 approved 05-10 by 热线中心 (not the office): the extension does not count
#    → extension-approval (approved-in-time) and feedback-deadline
# C3 approved 05-13 by 热线办, after the due time it extends → both again
APPROVALS = """工单明细
导出时间：2024-06-01
工单编号,诉求类别,承办单位,派单时间,签收时间,是否延期,延期审批时间,延期审批人,延期时间,反馈时间
C1,城市管理>路灯,区城管局,2024-05-06 09:00,2024-05-06 09:10,是,2024-05-10 10:00,区热线办,2024-05-20 18:00,2024-05-15 10:00
C2,城市管理>路灯,区城管局,2024-05-06 09:00,2024-05-06 09:10,是,2024-05-10 10:00,热线中心,2024-05-20 18:00,2024-05-15 10:00
C3,城市管理>路灯,区城管局,2024-05-06 09:00,2024-05-06 09:10,是,2024-05-13 09:00,热线办,2024-05-20 18:00,2024-05-15 10:00
"""


def test_an_export_naming_approver_and_time_is_judged_on_them(run_cli, tmp_path):
    export = tmp_path / "延期.csv"
    export.write_bytes(APPROVALS.encode("gb18030"))
    proposed, result = init_then_audit(run_cli, export, tmp_path)
    assert violations(result) == [("C2", "extension-approval"), ("C2", "feedback-deadline"),
                                  ("C3", "extension-approval"), ("C3", "feedback-deadline")]
    assert not any(n["kind"] in ("unknown_approver", "assumed_approval_time") for n in result["data_notes"])
    text = proposed.read_text(encoding="utf-8")
    assert "热线中心（1 行）" in text


def test_a_workbook_opening_on_a_summary_sheet_is_read_from_its_ticket_sheet(run_cli, exports, tmp_path):
    import openpyxl
    book = openpyxl.load_workbook(exports / "platform-wide.xlsx")
    summary = book.create_sheet("统计", 0)
    summary.append(["本月工单", 9])
    path = tmp_path / "two-sheets.xlsx"
    book.save(path)
    proposed, result = init_then_audit(run_cli, path, tmp_path)
    assert load_mapping(str(proposed)).sheet == "工单明细"
    assert violations(result) == WIDE_EXPECTED


def test_an_urgency_column_holding_the_classes_is_read_as_the_class(run_cli, tmp_path):
    export = tmp_path / "classes.csv"
    export.write_text("工单编号,紧急程度,承办单位,派单时间,反馈时间\n"
                      "D1,突发事件类,区应急管理局,2024-05-06 09:00,2024-05-06 13:00\n"
                      "D2,其他类,汉山街道,2024-05-06 09:00,2024-05-08 09:00\n", encoding="utf-8")
    proposed, result = init_then_audit(run_cli, export, tmp_path)
    assert load_mapping(str(proposed)).columns["紧急程度"] == "deadline_class"
    assert violations(result) == [("D1", "feedback-deadline")]       # 3 h for 突发事件
