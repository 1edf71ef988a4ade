"""The terminal table: headings per unit, Chinese columns, aligned CJK text, the summary line."""

import pytest
from rich.cells import cell_len

from checker.model import AuditResult, Finding
from checker.output import render
from checker.output.labels import overdue_text
from test_output_fixtures import RAW_ID, RAW_PHONE, at, sample_result

BOX_CHARS = "┌├└│"


def table_text(lang="zh", width=160, result=None, **options) -> str:
    return render(result or sample_result(), "table", lang, console_width=width,
                  **options).decode("utf-8")


def table_blocks(text: str) -> list[list[str]]:
    """The box-drawn tables of the output, each as its lines."""
    blocks, current = [], []
    for line in text.splitlines():
        if line and line[0] in BOX_CHARS:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def test_units_are_headings_with_their_counts():
    lines = table_text().splitlines()
    assert "区住建局（3 项）" in lines
    assert "区水利局（2 项）" in lines
    # The unit with more findings comes first.
    assert lines.index("区住建局（3 项）") < lines.index("区水利局（2 项）")


def test_chinese_columns_and_cells():
    text = table_text()
    header = next(line for line in text.splitlines() if "工单编号" in line)
    for column in ("工单编号", "规则", "条款", "级别", "应完成时间", "实际时间", "超时", "说明"):
        assert column in header
    assert "1小时启动接诉" in text and "通知承办单位负责人" in text
    assert "2024年5月11日 10:30" in text and "2小时32分" in text
    assert "未办理" in text and "未到期" in text


def test_rejected_rows_follow_the_findings():
    text = table_text()
    assert "被拒行（2 行）" in text
    assert text.index("被拒行（2 行）") > text.index("区水利局（2 项）")
    assert "export.xlsx [5月]" in text and "无法识别的时间“2024-13-01”" in text


def test_ends_with_the_summary_line():
    assert table_text().rstrip("\n").splitlines()[-1] == (
        "共 1234 行，1232 个事件，2 行被拒；300 张工单；违规 3 项，提示 1 项，未到期 1 项")


@pytest.mark.parametrize("lang, width", [("zh", 160), ("zh", 80), ("en", 100), ("zh", 60)])
def test_every_line_of_a_table_has_the_same_display_width(lang, width):
    blocks = table_blocks(table_text(lang, width))
    assert len(blocks) == 3
    for block in blocks:
        widths = {cell_len(line) for line in block}
        assert len(widths) == 1, block
        assert widths.pop() <= width
        # The right border is there: nothing was cropped.
        assert all(line[-1] in "┐┤┘│" for line in block)


def test_notes_are_shown_masked():
    text = table_text()
    assert "138****5678" in text and "610721********1234" in text
    assert RAW_PHONE not in text and RAW_ID not in text


def test_no_colour_unless_asked():
    assert "\x1b[" not in table_text()
    assert "\x1b[" in table_text(color=True)


def test_english():
    text = table_text("en")
    for column in ("Ticket", "Rule", "Clause", "Severity", "Due", "Actual", "Overdue", "Message"):
        assert column in text
    assert "Acceptance within 1 hour" in text and "2h 32m" in text and "not done" in text
    header = next(line for line in text.splitlines() if "Ticket" in line and "│" in line)
    assert "工单编号" not in header and "Rejected rows (2)" in text and "被拒行" not in text
    assert text.rstrip("\n").splitlines()[-1] == (
        "1234 rows, 1232 events, 2 rejected; 300 tickets; violations: 3, warnings: 1, pending: 1")


def test_markup_in_notes_is_shown_literally():
    result = sample_result()
    result.findings[0].note = "[bold]不是标记[/bold]"
    assert "[bold]不是标记[/bold]" in table_text(result=result)


def test_unknown_rule_shows_its_id_and_empty_result_says_so():
    result = AuditResult("local", "本地", "Asia/Shanghai", at("2024-06-01 00:00"), 1, 1, 1,
                         [Finding("T1", "local-rule", "9.9", "warning", None,
                                  at("2024-05-01 00:00"), None, "自定义检查")], [])
    text = table_text(result=result)
    assert "local-rule" in text and "（未指定承办单位）（1 项）" in text
    assert "被拒行" not in text
    empty = AuditResult("local", "本地", "Asia/Shanghai", at("2024-06-01 00:00"), 0, 0, 0, [], [])
    assert "未发现问题。" in table_text(result=empty)


def finding(due, actual, status="violated"):
    return Finding("T", "acceptance-1h", "2.1.2", "violation", "U", due, actual, "", status=status)


@pytest.mark.parametrize("late_seconds, zh, en", [
    (0, "", ""),                      # exactly on time: no lateness to show
    (59, "不足1分钟", "under 1 min"),
    (60, "1分", "1m"),
    (3600, "1小时", "1h"),
    (2 * 3600 + 32 * 60 + 59, "2小时32分", "2h 32m"),
    (86400 + 5 * 60, "1天5分", "1d 5m"),
])
def test_overdue_text(late_seconds, zh, en):
    due = at("2024-05-11 10:30")
    assert overdue_text(finding(due, due + late_seconds), "zh") == zh
    assert overdue_text(finding(due, due + late_seconds), "en") == en


def test_overdue_text_when_never_done_or_not_yet_due():
    due = at("2024-05-11 10:30")
    assert overdue_text(finding(due, None)) == "未办理"
    assert overdue_text(finding(due, None, "pending")) == "未到期"
