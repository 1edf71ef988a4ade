"""The Markdown report."""

from checker.output import render
from checker.render.markdown import md_cell
from test_output_fixtures import RAW_ID, RAW_PHONE, sample_result


def markdown(lang="zh") -> str:
    return render(sample_result(), "md", lang).decode("utf-8")


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def test_title_summary_and_a_section_per_unit():
    text = markdown()
    lines = text.splitlines()
    assert lines[0] == "# 工单合规审计：nanzheng-2024（南政办发〔2024〕4号），截至 2024年5月31日24时"
    assert "共 1234 行，1232 个事件，2 行被拒；300 张工单；违规 3 项，提示 1 项，未到期 1 项" in lines
    assert "## 区住建局（3 项）" in lines and "## 区水利局（2 项）" in lines
    assert "## 被拒行（2 行）" in lines


def test_pipes_and_newlines_do_not_break_the_tables():
    text = markdown()
    assert "通知负责人晚于派单30分钟\\|超时" in text
    assert "610721\\*\\*\\*\\*\\*\\*\\*\\*1234<br>第二行" in text
    header_cells = table_rows(text)[0].count(" | ")
    for row in table_rows(text):
        if row.startswith("|---"):
            continue
        # Unescaped separators only: every row of a findings table has as many as its header.
        separators = row.replace("\\|", "").count(" | ")
        assert separators in (header_cells, 2), row


def test_cell_escaping():
    assert md_cell("a|b") == "a\\|b"
    assert md_cell("line1\r\nline2\nline3") == "line1<br>line2<br>line3"
    assert md_cell("<script>") == "&lt;script&gt;"
    assert md_cell("[link](javascript:x)") == "\\[link\\](javascript:x)"
    assert md_cell(None) == ""


def test_numbers_masked_and_english():
    assert RAW_PHONE not in markdown() and RAW_ID not in markdown()
    english = markdown("en")
    assert "| Ticket | Rule | Clause |" in english and "## Rejected rows (2)" in english
