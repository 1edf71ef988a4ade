"""GitHub Actions annotations."""

from checker.output import render
from checker.output.github_out import escape_data, escape_property
from test_output_fixtures import RAW_ID, RAW_PHONE, sample_result


def lines(lang="zh") -> list[str]:
    return render(sample_result(), "github", lang).decode("utf-8").splitlines()


def test_one_annotation_per_finding_by_severity():
    out = lines()
    assert out[0].startswith("::error title=acceptance-1h 1小时启动接诉::GD20240501001 区住建局 [2.1.2]: ")
    # Times are in the message, where ':' needs no escaping.
    assert "2024-05-11T10%3A30" not in out[0]
    assert "应完成时间 2024-05-11T10:30:00+08:00" in out[0]
    assert out[2].startswith("::warning title=citizen-contact 联系群众::GD20240501002")
    assert out[4].startswith("::notice title=feedback-deadline")     # pending
    assert sum(line.startswith("::error title=") for line in out) == 3


def test_rejected_rows_point_at_their_file_and_line():
    out = lines()
    assert "::error file=log.csv,line=7::无法识别的时间“2024-13-01”" in out
    assert "::error file=export.xlsx,line=12::[5月] 缺少工单编号" in out
    assert out[-1].startswith("::notice::共 1234 行")


def test_multi_line_text_stays_one_command():
    result = sample_result()
    result.findings[3].message = "第一行\n第二行 100%"
    out = render(result, "github").decode("utf-8").splitlines()
    assert len(out) == 5 + 2 + 1
    assert "第一行%0A第二行 100%25" in out[3]


def test_escaping_rules():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_numbers_masked():
    text = "\n".join(lines())
    assert RAW_PHONE not in text and RAW_ID not in text
