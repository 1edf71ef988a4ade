"""Hostile text in an export reaches no output raw: every number masked, every control
character replaced, every file still parseable (JSON, XML, XLSX)."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ElementTree

import openpyxl
import pytest

HEADER = "工单编号,事件,时间,承办单位,操作人,诉求类别,时限类别,紧急,重点类别,是否解决,满意度,承诺时间,办结方式,渠道,备注\n"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
UNMASKED = re.compile(r"13912345678|610721199001011234|１３９")


@pytest.fixture
def hostile_log(tmp_path):
    rows = [
        "T\x1b[2J\x1b]0;pwned\x07,受理,2024-05-11 09:00,,热线办,住房-物业服务,,,,,,,,电话,群众电话13912345678 身份证610721199001011234",
        "T\x1b[2J\x1b]0;pwned\x07,派单,2024-05-11 09:10,区住房和城乡建设局\x1b[31m,热线办,住房-物业服务,,,,,,,,,备注\ufffe\uffff１３９１２３４５６７８",
        "T2,受理,2024-05-11 09:00,,热线办,住房-物业服务,,,,,,,,电话,tel13912345678",
        "T2,派单,2024-05-11 09:10,区住房和城乡建设局,热线办,住房-物业服务,,,,,,,,,ID610721199001011234",
    ]
    path = tmp_path / "hostile.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def assert_clean(text: str):
    assert not RAW_CONTROL.search(text), repr(RAW_CONTROL.search(text).group())
    assert not UNMASKED.search(text), UNMASKED.search(text).group()


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "md", "github", "junit"])
def test_audit_text_outputs(run_cli, hostile_log, fmt):
    status, out, err = run_cli("audit", hostile_log, "--format", fmt, "--as-of", "2024-05-20 00:00")
    assert status in (0, 1), err
    assert_clean(out)
    if fmt == "json":
        json.loads(out)
    if fmt == "junit":
        ElementTree.fromstring(out.encode("utf-8"))


def test_audit_workbook_opens_and_is_clean(run_cli, hostile_log, tmp_path):
    target = tmp_path / "out.xlsx"
    status, _, err = run_cli("audit", hostile_log, "--format", "xlsx", "-o", str(target),
                             "--as-of", "2024-05-20 00:00")
    assert status in (0, 1), err
    workbook = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert_clean(value)
                    assert not value.startswith("=")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explain_masks_the_timeline_notes(run_cli, hostile_log, fmt):
    status, out, err = run_cli("explain", hostile_log, "T2", "--format", fmt, "--as-of", "2024-05-20 00:00")
    assert status in (0, 1), err
    assert_clean(out)
    assert "139****5678" in out and "610721********1234" in out
    if fmt == "json":
        json.loads(out)


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "sms"])
def test_remind_outputs(run_cli, hostile_log, fmt):
    status, out, err = run_cli("remind", hostile_log, "--format", fmt, "--as-of", "2024-05-11 12:00")
    assert status in (0, 1), err
    assert_clean(out)
