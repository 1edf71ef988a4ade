"""Units as the office names them: one unit under all its names in every output, ranking,
rate, reminder and `--unit`; a name matching no unit is a data-quality note, never a silent
new unit."""

from __future__ import annotations

import json

import openpyxl
import pytest

from checker.ruleset import load_ruleset

HEADER = "工单编号,事件,时间,承办单位,诉求类别\n"


def ticket_rows(ticket: str, unit: str, day: str = "2024-05-06", late: bool = False) -> str:
    feedback = "2024-05-20 10:00" if late else f"{day} 15:00"
    return (f"{ticket},派单,{day} 09:00,{unit},道路维修\n"
            f"{ticket},签收,{day} 09:30,,\n"
            f"{ticket},联系群众,{day} 09:40,,\n"
            f"{ticket},反馈,{feedback},,\n")


@pytest.fixture
def export(tmp_path):
    """A GB18030 export with the names staff write: four ways of writing 区住房和城乡建设局,
    a street office by its short name, and a typo."""
    text = HEADER + "".join([
        ticket_rows("A1", "区住建局", late=True),
        ticket_rows("A2", "区住房和城乡建设局"),
        ticket_rows("A3", "住建局"),
        ticket_rows("A4", "南郑区 住建局"),
        ticket_rows("B1", "汉山街道办"),
        ticket_rows("C1", "区住建委", late=True),
    ])
    path = tmp_path / "工单.csv"
    path.write_bytes(text.encode("gb18030"))
    return str(path)


def test_every_written_form_is_the_canonical_unit():
    rules = load_ruleset()
    for written in ("区住建局", "住建局", "南郑区住建局", "汉中市南郑区住房和城乡建设局", "区住房和城乡建设局"):
        assert rules.canonical_unit(written) == "区住房和城乡建设局", written
    assert rules.canonical_unit("区城管局") == "区城市管理执法局"
    assert rules.canonical_unit("区人社局") == "区人力资源和社会保障局"
    assert rules.canonical_unit("大河坎镇人民政府") == "大河坎镇"
    assert rules.canonical_unit("汉山街道办事处") == "汉山街道"
    assert rules.canonical_unit("公安南郑分局") == "市公安局南郑分局"
    assert rules.canonical_unit("区住建委") is None
    assert rules.closest_units("区住建委")[0] == "区住房和城乡建设局"


def test_audit_names_the_canonical_unit_and_notes_the_unknown_one(run_cli, export):
    status, out, err = run_cli("audit", export, "--format", "json", "--as-of", "2024-05-21 00:00")
    assert status == 1, err
    result = json.loads(out)
    late = {f["ticket_id"]: f["unit"] for f in result["findings"] if f["rule"] == "feedback-deadline"}
    assert late == {"A1": "区住房和城乡建设局", "C1": "区住建委"}
    [note] = result["data_notes"]
    assert note["kind"] == "unknown_unit" and note["ticket_id"] == "C1"
    assert "区住建委" in note["message"] and "区住房和城乡建设局" in note["message"]
    assert note["line"] == 22


def test_the_table_shows_the_note(run_cli, export):
    _, out, _ = run_cli("audit", export, "--as-of", "2024-05-21 00:00")
    assert "数据质量提示" in out and "区住建委" in out


def test_an_alias_given_to_unit_selects_the_unit(run_cli, export):
    for written in ("区住建局", "住建局", "区住房和城乡建设局"):
        status, out, _ = run_cli("audit", export, "--format", "json", "--unit", written,
                                 "--as-of", "2024-05-21 00:00")
        findings = json.loads(out)["findings"]
        assert status == 1 and {f["ticket_id"] for f in findings} == {"A1"}, written
        assert {f["unit"] for f in findings} == {"区住房和城乡建设局"}


def test_a_unit_option_matching_no_unit_stops_with_the_closest_names(run_cli, export):
    status, out, err = run_cli("audit", export, "--unit", "区住建委")
    assert status == 2 and out == ""
    assert "区住建委" in err and "不是规则集" in err and "区住房和城乡建设局" in err
    assert "Traceback" not in err
    status, _, err = run_cli("remind", export, "--as-of", "2024-05-06 10:00", "--unit", "住建")
    assert status == 2 and "区住房和城乡建设局" in err


def test_remind_takes_an_alias_and_lists_under_the_canonical_name(run_cli, export):
    status, out, err = run_cli("remind", export, "--as-of", "2024-05-11 20:00", "--unit", "区住建局",
                               "--format", "json")
    assert status == 1, err
    data = json.loads(out)
    units = {unit["unit"] for unit in data["units"]}
    assert units == {"区住房和城乡建设局"}


def test_the_ranking_has_one_row_per_unit_and_the_unknown_name_unranked(run_cli, export):
    status, out, err = run_cli("report", export, "--month", "2024-05", "--format", "json",
                               "--as-of", "2024-05-21 00:00")
    assert status == 0, err
    rows = {row["unit"]: row for row in json.loads(out)["units"]}
    assert set(rows) == {"区住房和城乡建设局", "汉山街道", "区住建委"}
    housing = rows["区住房和城乡建设局"]
    assert housing["tickets"] == 4 and housing["reply"]["numerator"] == 3
    assert housing["rank"] is not None and housing["listed"]
    assert rows["区住建委"]["rank"] is None and rows["区住建委"]["listed"] is False
    assert list(rows)[-1] == "区住建委"
    _, md, _ = run_cli("report", export, "--month", "2024-05", "--as-of", "2024-05-21 00:00")
    assert "区住建委（名单外单位）" in md


def test_a_wide_xlsx_export_with_short_names(run_cli, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["工单编号", "诉求类别", "承办单位", "受理时间", "派单时间", "签收时间",
                  "联系群众时间", "反馈时间", "回访时间", "办结时间"])
    sheet.append(["W1", "道路维修", "区城管局", None, "2024-05-06 09:00", "2024-05-06 10:30",
                  "2024-05-06 10:40", "2024-05-07 09:00", None, None])
    sheet.append(["W2", "道路维修", "区城市管理执法局", None, "2024-05-06 09:00", "2024-05-06 09:20",
                  "2024-05-06 09:40", "2024-05-07 09:00", None, None])
    path = tmp_path / "明细.xlsx"
    book.save(path)
    status, out, err = run_cli("audit", str(path), "--mapping", "rules/mappings/platform-wide-zh.yaml",
                               "--format", "json", "--unit", "城管局")
    assert status == 1, err
    result = json.loads(out)
    assert [(f["ticket_id"], f["rule"], f["unit"]) for f in result["findings"]] == [
        ("W1", "acceptance-1h", "区城市管理执法局")]
    assert result["data_notes"] == []


def test_one_name_for_two_units_is_refused_at_its_line(tmp_path):
    from checker import resources
    from checker.errors import CheckerError
    text = resources.default_ruleset_path().read_text(encoding="utf-8")
    text = text.replace("aliases: [区农业局]", "aliases: [区农业局, 住建局]")
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CheckerError) as error:
        load_ruleset(path)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "区农业局, 住建局" in row)
    assert f":{line}:" in str(error.value) and "住建局" in str(error.value)
