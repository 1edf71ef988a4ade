"""Masking of citizens' numbers and defusing of spreadsheet formulas."""

import pytest

from checker.output.sanitize import html_escape, mask_personal, neutralize_formula


@pytest.mark.parametrize("raw, shown", [
    ("13812345678", "138****5678"),
    ("市民电话13812345678，要求回电", "市民电话138****5678，要求回电"),
    ("tel:19912345678.", "tel:199****5678."),
    ("138-1234-5678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    ("+8613812345678", "+86138****5678"),
    ("0916-2212345", "0916-***2345"),
    ("09162212345", "0916-***2345"),
    ("(0916)2212345", "0916-***2345"),
    ("010-12345678", "010-****5678"),
    ("029-88881234", "029-****1234"),
    ("610721199001011234", "610721********1234"),
    ("61072119900101123X", "610721********123X"),
    ("身份证号610721199001011234。", "身份证号610721********1234。"),
    ("610721900101123", "610721*****1123"),
])
def test_numbers_are_masked(raw, shown):
    assert mask_personal(raw) == shown


@pytest.mark.parametrize("text", [
    "GD20240501001",                # ticket id: starts with letters, digits are not a phone
    "20240501001",                  # 11 digits not starting 1[3-9]
    "1381234567890",                # 13-digit run: not a mobile number
    "12812345678",                  # 12x is not a mobile prefix
    "202405011234567890",           # 18 digits without a plausible birth date
    "2024-05-11 10:30",
    "诉求 5412345 热线",
    "",
])
def test_other_numbers_are_left_alone(text):
    assert mask_personal(text) == text


def test_none_stays_none():
    assert mask_personal(None) is None


def test_several_numbers_in_one_note():
    note = "王女士13812345678，其夫15987654321，座机0916-2212345，身份证610721199001011234"
    masked = mask_personal(note)
    assert masked == ("王女士138****5678，其夫159****4321，座机0916-***2345，"
                      "身份证610721********1234")


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1:A9)",
                                  "\t=1", "\r=1"])
def test_formula_starts_get_an_apostrophe(cell):
    assert neutralize_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "派单后未签收", "GD20240501001", "1-2", "a=b", "'=already"])
def test_plain_text_is_unchanged(cell):
    assert neutralize_formula(cell) == cell


def test_html_escape():
    assert html_escape('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    assert html_escape(None) == ""
    assert html_escape(7) == "7"
