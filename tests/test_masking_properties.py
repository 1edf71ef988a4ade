"""One masking function for every output: however a citizen's number is written, no output
shows it; text without such a number is left as written."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.output.sanitize import clean_text, mask_personal, shown_tree

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
SEPARATORS = ["", " ", "-", ".", "—", "－", " - ", "　", "·", "/"]


def digits_of(text: str) -> str:
    """Every digit the text shows, in ASCII, whatever separates them."""
    return "".join(str(unicodedata.decimal(c)) for c in text if c.isdecimal())


mobiles = st.builds(lambda second, rest: "1" + second + rest,
                    st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9))
ids = st.builds(lambda region, year, month, day, seq, check: f"{region}{year}{month:02d}{day:02d}{seq}{check}",
                st.sampled_from(["610721", "610702", "110101", "440305"]),
                st.integers(1930, 2020).map(str), st.integers(1, 12), st.integers(1, 28),
                st.text("0123456789", min_size=3, max_size=3), st.sampled_from("0123456789X"))
landlines = st.builds(lambda area, number: (area, number),
                      st.sampled_from(["0916", "029", "010", "0917"]),
                      st.builds(lambda first, rest: first + rest, st.sampled_from("123456789"),
                                st.text("0123456789", min_size=6, max_size=6)))


def grouped(number: str, cuts: list[int], separator: str) -> str:
    points = sorted(set(c % len(number) for c in cuts if c % len(number)))
    parts, last = [], 0
    for point in points:
        parts.append(number[last:point])
        last = point
    parts.append(number[last:])
    return separator.join(parts)


prefixes = st.sampled_from(["", "电话", "tel", "Tel:", "ID", "身份证号", "联系方式：", "手机 ", "（", "No."])
suffixes = st.sampled_from(["", "。", "，要求回电", " 王女士", "）", "转8"])
scripts = st.sampled_from([None, FULL_WIDTH, ARABIC_INDIC])


@settings(max_examples=300, deadline=None)
@given(mobiles, st.lists(st.integers(1, 10), max_size=3), st.sampled_from(SEPARATORS),
       st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "86"]), prefixes, suffixes, scripts)
def test_no_mobile_number_survives(number, cuts, separator, country, prefix, suffix, script):
    written = country + grouped(number, cuts, separator)
    if script:
        written = written.translate(script)
    masked = mask_personal(prefix + written + suffix)
    assert number not in digits_of(masked)
    assert "****" in masked and digits_of(masked).endswith(digits_of(number[-4:] + suffix))
    assert mask_personal(masked) == masked


@settings(max_examples=300, deadline=None)
@given(ids, st.lists(st.integers(1, 17), max_size=4), st.sampled_from(SEPARATORS), prefixes, suffixes,
       scripts)
def test_no_id_number_survives(number, cuts, separator, prefix, suffix, script):
    written = grouped(number, cuts, separator)
    if script:
        written = written.translate(script)
    masked = mask_personal(prefix + written + suffix)
    shown = len(digits_of(masked)) - len(digits_of(prefix + suffix))
    assert "*" * 8 in masked and shown == (9 if number.endswith("X") else 10)
    assert digits_of(masked).startswith(number[:6]) or prefix.startswith("No")


@settings(max_examples=200, deadline=None)
@given(landlines, st.sampled_from(["-", " ", "", ")", "）"]), st.sampled_from(["", "(", "（"]), scripts)
def test_no_landline_survives(parts, separator, opening, script):
    area, number = parts
    written = opening + area + separator + number
    if script:
        written = written.translate(script)
    masked = mask_personal("座机" + written + "。")
    assert "*" * (len(number) - 4) in masked and len(digits_of(masked)) == len(area) + 4


def test_a_country_prefix_before_an_area_code_without_its_zero():
    assert mask_personal("+86 916 1234003") == "+86916-***4003"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Nd",), blacklist_characters="〇零一幺二三四五六七八九"),
               max_size=60))
def test_text_without_digits_is_left_as_written(text):
    assert mask_personal(text) == text


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"(GD|T|WO)?20[0-9]{2}(0[1-9]|1[0-2])[0-3][0-9][0-9]{3}", fullmatch=True))
def test_ticket_numbers_stay_as_written(ticket):
    assert mask_personal(ticket) == ticket


def test_times_and_the_hotline_number_stay():
    for text in ("2024-05-11 10:30", "2024-05-11T10:30:00+08:00", "拨打 5412345 或 12345",
                 "南政办发〔2024〕4号", "5个自然日", "PT24H"):
        assert mask_personal(text) == text


def test_the_forms_seen_in_real_notes():
    cases = {
        "群众电话13912345678 身份证610721199001011234": "群众电话139****5678 身份证610721********1234",
        "１３９１２３４５６７８": "139****5678",
        "0086 139 1234 5678": "+86139****5678",
        "tel13912345678": "tel139****5678",
        "ID610721199001011234": "ID610721********1234",
        "139.1008.2008": "139****2008",
        "139—1015—2015": "139****2015",
        "（0916）1234003": "0916-***4003",
        "6107 2119 9001 0112 34": "610721********1234",
        "联系 一三九一二三四五六七八": "联系 139****5678",
    }
    for raw, shown in cases.items():
        assert mask_personal(raw) == shown, raw


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_clean_text_leaves_nothing_a_terminal_or_xml_would_act_on(text):
    cleaned = clean_text(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]", cleaned)
    cleaned.encode("utf-8")
    assert clean_text(cleaned) == cleaned


def test_escape_sequences_are_defused():
    assert clean_text("T\x1b[2J\x1b]0;pwned\x07") == "T\ufffd[2J\ufffd]0;pwned\ufffd"
    assert clean_text("a\r\nb\rc") == "a\nb\ufffdc"


def test_trees_are_masked_throughout():
    tree = {"timeline": [{"note": "群众电话13912345678"}], "count": 13912345678}
    assert shown_tree(tree) == {"timeline": [{"note": "群众电话139****5678"}], "count": 13912345678}
