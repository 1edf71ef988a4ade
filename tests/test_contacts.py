"""The units' contacts: validated, and shown only in the outputs meant for sending."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook

from checker.errors import CheckerError, ErrorList
from checker.instants import NOW_VARIABLE
from checker.reports.contacts import load_contacts
from checker.ruleset import load_ruleset


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def _log(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("ticket_id,event,at,unit,category\n"
                    "GD001,dispatched,2024-05-28 06:00,汉山街道,突发事件\n"
                    "GD002,dispatched,2024-05-28 06:00,区住建局,突发事件\n", encoding="utf-8")
    return str(path)


def _contacts(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "联系人.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_csv_in_gb18030_with_aliases_and_written_numbers(tmp_path, rules):
    path = _contacts(tmp_path, "单位,联系人,手机\r\n区住建局,王五,138 1234 5678\r\n汉山街道,李四,+86 139-0000-1111\r\n",
                     "gb18030")
    contacts = load_contacts(path, rules)
    assert contacts["区住房和城乡建设局"].mobile == "13812345678"
    assert contacts["汉山街道"].name == "李四" and contacts["汉山街道"].mobile == "13900001111"


def test_xlsx_with_a_title_row(tmp_path, rules):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["南郑区承办单位联系人"])
    sheet.append(["承办单位", "联系人", "手机号码"])
    sheet.append(["汉山街道", "李四", 13900001111])
    path = tmp_path / "contacts.xlsx"
    workbook.save(path)
    assert load_contacts(path, rules)["汉山街道"].mobile == "13900001111"


def test_every_bad_line_is_named(tmp_path, rules):
    path = _contacts(tmp_path, "单位,联系人,手机\n汉山街到,李四,13900001111\n汉山街道,李四,1390000\n"
                               "汉山街道,赵六,13900002222\n汉山街道,钱七,13900003333\n,孙八,13900004444\n")
    with pytest.raises(ErrorList) as raised:
        load_contacts(path, rules)
    messages = [str(error) for error in raised.value.errors]
    assert messages[0].startswith(f"{path}:2: 单位“汉山街到”不在规则集的承办单位名单中") and "汉山街道" in messages[0]
    assert messages[1].startswith(f"{path}:3: 手机号“139…”不是11位手机号码")      # the number not repeated
    assert messages[2] == f"{path}:5: 单位“汉山街道”已在第 4 行列出"
    assert messages[3] == f"{path}:6: 缺少单位"


def test_no_header(tmp_path, rules):
    with pytest.raises(CheckerError, match="需要“单位”“联系人”“手机”三列"):
        load_contacts(_contacts(tmp_path, "名称,电话号\n汉山街道,13900001111\n"), rules)


def test_remind_today_as_sms_addressed_and_for_the_platform(tmp_path, run_cli, monkeypatch):
    monkeypatch.setenv(NOW_VARIABLE, "2024-05-28 10:00")
    contacts = _contacts(tmp_path, "单位,联系人,手机\n汉山街道,李四,13900001111\n")
    status, out, err = run_cli("remind", _log(tmp_path), "--as-of", "today", "--format", "sms",
                               "--contacts", contacts)
    assert status == 1, err
    messages = {message.split("】", 1)[1].split("：", 1)[0]: message for message in out.strip().split("\n\n")}
    assert messages["汉山街道"].startswith("发送至：李四（汉山街道）13900001111\n【")
    assert "截至5月28日10:00" in messages["汉山街道"] and "GD001" in messages["汉山街道"]
    assert messages["区住房和城乡建设局"].startswith("发送至：（区住房和城乡建设局未登记联系人")
    target = tmp_path / "send.csv"
    status, _, err = run_cli("remind", _log(tmp_path), "--as-of", "today", "--format", "sms-csv",
                             "--contacts", contacts, "-o", str(target))
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("gb18030"))))
    assert rows[0] == ["手机号码", "短信内容"] and len(rows) == 2
    assert rows[1][0] == "13900001111" and rows[1][1].startswith("【") and "汉山街道" in rows[1][1]
    assert "区住房和城乡建设局" in err                                  # no contact: said, not sent


def test_staff_numbers_stay_out_of_the_other_formats(tmp_path, run_cli):
    contacts = _contacts(tmp_path, "单位,联系人,手机\n汉山街道,李四,13900001111\n")
    for fmt in ("table", "json", "csv"):
        _, out, _ = run_cli("remind", _log(tmp_path), "--as-of", "2024-05-28 10:00", "--format", fmt,
                            "--contacts", contacts)
        assert "13900001111" not in out and "李四" not in out


def test_sms_csv_needs_contacts(tmp_path, run_cli):
    status, _, err = run_cli("remind", _log(tmp_path), "--as-of", "2024-05-28 10:00", "--format", "sms-csv",
                             "-o", str(tmp_path / "x.csv"))
    assert status == 2 and "需要联系人文件" in err
