"""The workbench's server, through Starlette's test client: every refusal is a Chinese
sentence on a page (never a traceback), nothing of a refused upload is kept, and nothing a
request names reaches the file system."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from checker.web.app import create_app
from checker.web.settings import TOKEN_ENV, web_settings

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv"
HEADER = "ticket_id,event,at,unit,actor,category,deadline_class,urgent,key_category,resolved,satisfaction,promised_at,outcome,channel,note\n"


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def error_of(html: str) -> str:
    found = re.search(r'<p class="error-message"[^>]*>(.*?)</p>', html, re.S)
    return found.group(1).strip() if found else ""


class Bench:
    """A browser's view of one workbench session."""

    def __init__(self, client: TestClient, app):
        self.client = client
        self.app = app
        self.csrf = csrf_of(client.get("/").text)

    @property
    def temp(self) -> Path:
        return self.app.state.bench.temp

    def upload(self, *files: tuple[str, bytes], csrf: str | None = None):
        """The page the browser lands on: the mapping page once the proposal is read (the job
        page saying what went wrong, if it failed), or the refusal."""
        response = self.client.post("/upload", data={"csrf": self.csrf if csrf is None else csrf},
                                    files=[("files", (name, data, "application/octet-stream"))
                                           for name, data in files], follow_redirects=False)
        if response.status_code != 303:
            return response
        status = self.wait(response)
        return self.client.get(response.headers["location"] if status["error"] else "/mapping")

    def proposed(self, html: str) -> dict[str, str]:
        form = {}
        for index, meaning in re.findall(
                r'<select id="meaning-(\d+)"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected',
                html, re.S):
            form[f"meaning-{index}"] = meaning
        return form

    def confirm(self, html: str, mapping_id: str = "office", **changes):
        form = {"csrf": self.csrf, "mapping_id": mapping_id, **self.proposed(html), **changes}
        return self.client.post("/mapping", data=form, follow_redirects=False)

    def wait(self, response):
        location = response.headers["location"]
        assert location.startswith("/jobs/"), location
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status = self.client.get(location + "/status").json()
            if status["done"]:
                return status
            time.sleep(0.05)
        raise AssertionError("the job did not finish")

    def audit(self, *files: tuple[str, bytes], **changes):
        mapping = self.upload(*files)
        assert mapping.status_code == 200, error_of(mapping.text)
        status = self.wait(self.confirm(mapping.text, **changes))
        assert status["error"] is None, status["error"]
        return status


@pytest.fixture
def bench_factory(tmp_path):
    opened = []

    def make(**options) -> Bench:
        app = create_app(web_settings(workdir=tmp_path / "work", **options))
        client = TestClient(app, base_url="http://127.0.0.1")
        client.__enter__()
        opened.append(client)
        return Bench(client, app)

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def bench(bench_factory) -> Bench:
    return bench_factory()


def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


# --- uploads refused ---------------------------------------------------------------------

def test_an_upload_over_the_limit_is_refused_and_nothing_is_kept(bench_factory):
    bench = bench_factory(max_upload_mb=0.0625)
    response = bench.upload(("big.csv", b"x" * 200_000))
    assert response.status_code == 413
    assert "上传的文件太大" in error_of(response.text) and "64 KB" in error_of(response.text)
    assert "Traceback" not in response.text
    assert not [p for p in bench.temp.rglob("*") if p.is_file()]


def test_the_limit_holds_while_streaming_without_a_declared_length(bench_factory):
    bench = bench_factory(max_upload_mb=0.0625)
    boundary = "b0undary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{bench.csrf}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode()
    sent = []

    def body():
        yield head
        for _ in range(400):            # 400 × 1 KB, far past the 64 KB limit
            sent.append(1)
            yield b"y" * 1024
        yield f"\r\n--{boundary}--\r\n".encode()

    response = bench.client.post("/upload", content=body(),
                                 headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413
    assert "上传的文件太大" in error_of(response.text)
    assert not [p for p in bench.temp.rglob("*") if p.is_file()]


def test_a_file_of_another_type_is_refused_by_name(bench):
    response = bench.upload(("工单.pdf", b"%PDF-1.4"))
    assert response.status_code == 415
    message = error_of(response.text)
    assert "“工单.pdf”的格式不受支持" in message and "XLSX" in message and "CSV" in message


def test_a_zip_bomb_named_xlsx_is_refused_before_it_is_opened(bench_factory):
    bench = bench_factory(max_upload_mb=5)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 << 20))     # 300 MB of zeros
    response = bench.upload(("导出.xlsx", packed.getvalue()))
    assert response.status_code == 413
    assert "疑似压缩炸弹" in error_of(response.text)
    assert not [p for p in bench.temp.rglob("*") if p.is_file()]


def test_a_workbook_that_is_not_a_zip_package_is_named(bench):
    response = bench.upload(("导出.xlsx", b"this is not a workbook"))
    assert response.status_code == 415
    assert "“导出.xlsx”不是有效的 XLSX 工作簿" in error_of(response.text)


def test_an_empty_file_is_named(bench):
    response = bench.upload(("空.csv", b""))
    assert response.status_code == 400
    assert "“空.csv”是空的" in error_of(response.text)


def test_a_path_in_a_file_name_never_becomes_a_path(bench):
    response = bench.upload(("../../../../tmp/evil.csv", sample_bytes()))
    assert response.status_code == 200
    stored = [p for p in bench.temp.rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].name == "upload-0001.csv"
    assert not Path("/tmp/evil.csv").exists()
    assert "evil.csv" in response.text and "../" not in response.text


def test_an_upload_without_the_csrf_token_is_refused(bench):
    response = bench.upload(("sample.csv", sample_bytes()), csrf="forged")
    assert response.status_code == 403
    assert "安全校验未通过" in error_of(response.text)
    assert not [p for p in bench.temp.rglob("*") if p.is_file()]


def test_every_form_needs_the_csrf_token(bench):
    bench.upload(("sample.csv", sample_bytes()))
    for path, data in (("/mapping", {"mapping_id": "x"}), ("/files/clear", {}), ("/names", {})):
        response = bench.client.post(path, data=data)
        assert response.status_code == 403, path
        assert "安全校验未通过" in error_of(response.text)


# --- mappings refused ------------------------------------------------------------------

def test_a_mapping_without_a_ticket_column_is_refused_on_the_mapping_page(bench):
    # ticket_id named canonically is read whatever the drop-down says: rename the header.
    renamed = sample_bytes().replace(b"ticket_id,", "编号,".encode(), 1)
    page = bench.upload(("renamed.csv", renamed))
    response = bench.confirm(page.text, **{"meaning-0": ""}, mapping_id="x")
    assert response.status_code == 400
    assert "必须有一列是“工单编号”" in error_of(response.text)
    assert not (bench.app.state.bench.settings.workdir / "mappings" / "x.yaml").exists()


def test_two_columns_with_one_meaning_are_refused(bench):
    page = bench.upload(("sample.csv", sample_bytes()))
    response = bench.confirm(page.text, **{"meaning-13": "note"})     # channel → note, twice
    assert response.status_code == 400
    assert "“note”和“channel”" in error_of(response.text) or "都被设为" in error_of(response.text)


def test_a_mapping_name_that_is_a_path_is_refused(bench):
    page = bench.upload(("sample.csv", sample_bytes()))
    response = bench.confirm(page.text, mapping_id="../../etc/x")
    assert response.status_code == 400
    assert "映射名称“../../etc/x”不合规" in error_of(response.text)


def test_the_confirmed_mapping_is_saved_in_the_working_folder_and_validates(bench):
    bench.audit(("sample.csv", sample_bytes()))
    saved = bench.app.state.bench.settings.workdir / "mappings" / "office.yaml"
    assert saved.exists()
    from checker.logs import load_mapping
    assert load_mapping(str(saved)).layout == "long"


# --- names --------------------------------------------------------------------------

def test_an_unknown_unit_is_listed_with_the_closest_known_names_and_accepted(bench):
    text = sample_bytes().decode("utf-8").replace(",高台镇,", ",高台真,")
    bench.audit(("sample.csv", text.encode("utf-8")))
    page = bench.client.get("/findings").text
    assert "未识别的承办单位" in page and "高台真" in page
    options = re.search(r'<select name="unit-0"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert '<option value="高台镇">' in options
    refused = bench.client.post("/names", data={"csrf": bench.csrf, "unit-0": "不存在的单位"})
    assert refused.status_code == 400 and "“不存在的单位”不是规则集中的单位" in error_of(refused.text)
    accepted = bench.client.post("/names", data={"csrf": bench.csrf, "unit-0": "高台镇"},
                                 follow_redirects=False)
    assert bench.wait(accepted)["error"] is None
    page = bench.client.get("/findings").text
    assert "高台真" not in page
    saved = (bench.app.state.bench.settings.workdir / "mappings" / "office.yaml").read_text("utf-8")
    assert "高台真: 高台镇" in saved


# --- what is shown -------------------------------------------------------------------

def test_a_script_in_a_note_is_shown_as_text(bench):
    text = sample_bytes().decode("utf-8").replace("来电人要求保密", "<script>alert(1)</script>", 1)
    bench.audit(("sample.csv", text.encode("utf-8")))
    page = bench.client.get("/explain", params={"ticket": "NZ20240500001"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_downloads_mask_numbers_and_defuse_formulas(bench):
    rows = (HEADER
            + "T1,dispatched,2024-05-06 09:00,高台镇,office,政策咨询,,,,,,,,,=HYPERLINK(\"x\") 13812345678\n"
            + "T1,feedback,2024-05-20 09:00,高台镇,高台镇,,,,,,,,,,\n")
    bench.audit(("t.csv", rows.encode("utf-8")))
    page = bench.client.get("/explain", params={"ticket": "T1"}).text
    assert "13812345678" not in page and "138****5678" in page
    csv_text = bench.client.get("/findings/download", params={"fmt": "csv"}).content.decode("utf-8-sig")
    assert "13812345678" not in csv_text
    workbook = bench.client.get("/findings/download", params={"fmt": "xlsx"}).content
    assert b"13812345678" not in zipfile.ZipFile(io.BytesIO(workbook)).read("xl/sharedStrings.xml") \
        if "xl/sharedStrings.xml" in zipfile.ZipFile(io.BytesIO(workbook)).namelist() else True


def test_the_findings_are_the_audits_paged_filtered_and_sorted(bench, run_cli):
    bench.audit(("sample.csv", sample_bytes()))
    _, out, _ = run_cli("audit", str(SAMPLE), "--format", "json")
    expected = json.loads(out)["findings"]
    first = bench.client.get("/findings").text
    assert f"符合条件 {len(expected)} 项，第 1/3 页" in first
    unit = "区住房和城乡建设局"
    of_unit = [f for f in expected if f["unit"] == unit]
    page = bench.client.get("/findings", params={"unit": unit, "sort": "due", "order": "desc"}).text
    assert f"符合条件 {len(of_unit)} 项" in page
    shown = [int(due) for due in re.findall(r'data-due="(\d+)"', page)]
    assert shown == sorted(shown, reverse=True) and len(shown) == min(50, len(of_unit))
    rule = "feedback-deadline"
    of_rule = [f for f in expected if f["rule"] == rule and f["severity"] == "violation"]
    page = bench.client.get("/findings", params={"rule": rule, "severity": "violation"}).text
    assert f"符合条件 {len(of_rule)} 项" in page
    none = bench.client.get("/findings", params={"date_from": "2024-06-01"}).text
    assert "符合条件 0 项" in none


def test_a_bad_filter_is_a_sentence(bench):
    bench.audit(("sample.csv", sample_bytes()))
    response = bench.client.get("/findings", params={"month": "2024-13"})
    assert response.status_code == 400 and "“2024-13”不是月份" in error_of(response.text)
    response = bench.client.get("/findings", params={"date_from": "5月1日"})
    assert "“5月1日”不是日期" in error_of(response.text)
    response = bench.client.get("/findings/download", params={"fmt": "exe"})
    assert "不支持的下载格式“exe”" in error_of(response.text)


def test_an_unknown_ticket_is_a_sentence(bench):
    bench.audit(("sample.csv", sample_bytes()))
    response = bench.client.get("/explain", params={"ticket": "../../etc/passwd"})
    assert response.status_code == 404
    assert "审计结果中没有工单“../../etc/passwd”" in error_of(response.text)


def test_pages_before_an_audit_say_what_to_do(bench):
    for path in ("/findings", "/report", "/remind", "/explain?ticket=1"):
        response = bench.client.get(path)
        assert response.status_code == 409
        assert "还没有审计结果" in error_of(response.text)
    response = bench.client.get("/mapping")
    assert "还没有上传文件" in error_of(response.text)


def test_an_unreadable_upload_is_named_as_the_user_knows_it(bench):
    page = bench.upload(("坏文件.jsonl", b"{not json\n"))
    message = error_of(page.text)
    assert "坏文件.jsonl" in message and "JSON" in message
    assert "upload-0001" not in page.text and str(bench.temp) not in page.text


def test_a_page_that_does_not_exist_is_chinese(bench):
    response = bench.client.get("/nothing-here")
    assert response.status_code == 404 and "没有这个页面" in error_of(response.text)
    response = bench.client.delete("/findings")
    assert response.status_code == 405 and "不支持这种请求方式" in error_of(response.text)


def test_an_internal_error_is_one_sentence_never_a_traceback(bench, monkeypatch):
    bench.audit(("sample.csv", sample_bytes()))
    from checker.web import pages_audit

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(pages_audit, "explain_ticket", broken)
    response = bench.client.get("/explain", params={"ticket": "NZ20240500005"})
    assert response.status_code == 500
    assert "内部错误（ZeroDivisionError）" in error_of(response.text)
    assert "Traceback" not in response.text and "boom" not in response.text


# --- safe by default -------------------------------------------------------------------

def test_another_address_needs_a_password(run_cli, monkeypatch):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    status, out, err = run_cli("serve", "--host", "0.0.0.0", "--port", "8765")
    assert status == 2
    assert "拒绝启动" in err and TOKEN_ENV in err and "Traceback" not in err


def test_a_short_password_is_refused():
    from checker.errors import CheckerError
    with pytest.raises(CheckerError, match="口令太短"):
        web_settings(host="0.0.0.0", environ={TOKEN_ENV: "abc"})


def test_with_a_password_every_page_asks_for_it_first(bench_factory, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, "correct horse battery")
    bench = bench_factory(host="0.0.0.0")
    response = bench.client.get("/findings", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    login = bench.client.get("/login").text
    csrf = csrf_of(login)
    wrong = bench.client.post("/login", data={"csrf": csrf, "password": "guess"})
    assert wrong.status_code == 401 and "口令不正确" in error_of(wrong.text)
    right = bench.client.post("/login", data={"csrf": csrf, "password": "correct horse battery"},
                              follow_redirects=False)
    assert right.status_code == 303
    assert bench.client.get("/").status_code == 200


def test_on_loopback_another_host_name_is_refused(bench):
    response = bench.client.get("/", headers={"host": "attacker.example"})
    assert response.status_code == 400


def test_pages_forbid_foreign_scripts_and_framing(bench):
    headers = bench.client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    cookie = bench.client.get("/").headers.get("set-cookie", "")
    assert cookie == "" or "httponly" in cookie.lower()


def test_the_temporary_folder_goes_when_the_server_stops(tmp_path):
    app = create_app(web_settings(workdir=tmp_path))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        bench = Bench(client, app)
        bench.upload(("sample.csv", sample_bytes()))
        temp = app.state.bench.temp
        assert any(temp.rglob("upload-*"))
    assert not temp.exists()


def test_every_asset_is_served_from_the_package(bench):
    page = bench.client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', page)
    css = bench.client.get("/static/app.css").text
    assert "Microsoft YaHei" in css and "PingFang SC" in css and "Noto Sans CJK SC" in css
    assert "@import" not in css and "url(" not in css
    assert bench.client.get("/static/app.js").status_code == 200


def test_english_on_request(bench_factory):
    bench = bench_factory(lang="en")
    page = bench.client.get("/").text
    assert "Upload ticket exports" in page
    response = bench.upload(("x.pdf", b"%PDF"))
    assert "is not a supported format" in error_of(response.text)


def test_the_working_folder_configuration_gives_the_password_and_the_mapping_folder(tmp_path, run_cli):
    from checker.errors import CheckerError
    from checker.workdir.config import load_config
    folder = tmp_path / "office"
    status, _, err = run_cli("init", str(folder))
    assert status == 0, err
    config_file = folder / "hotline-check.yaml"
    with pytest.raises(CheckerError, match="web.password"):
        web_settings(host="0.0.0.0", config=load_config(config_file), environ={})
    config_file.write_text(config_file.read_text("utf-8")
                           + "web:\n  password: 'desk-7 secret'\n  max_upload_mb: 20\n", "utf-8")
    settings = web_settings(host="0.0.0.0", config=load_config(config_file), environ={})
    assert settings.token == "desk-7 secret" and settings.max_upload == 20 << 20
    assert settings.workdir == folder.resolve()
    assert settings.mappings_folder == (folder / "rules" / "mappings").resolve()
    config_file.write_text(config_file.read_text("utf-8").replace("'desk-7 secret'", "short"), "utf-8")
    status, out, _ = run_cli("validate", str(config_file))
    assert status == 2 and "web.password" in out


def test_a_saved_mapping_is_validated_on_the_rules_page(bench):
    bench.audit(("sample.csv", sample_bytes()))
    page = bench.client.get("/rules").text
    assert "office.yaml" in page
    assert "✗" not in page


# --- exports as platforms write them -----------------------------------------------------

LOGS = SAMPLE.parent / "logs"


def summary_numbers(page: str) -> tuple[int, ...]:
    line = re.search(r'<p class="summary">(.*?)</p>', page, re.S).group(1)
    return tuple(int(n.replace(",", "")) for n in re.findall(r"[\d,]+(?= (?:行|个事件|张工单|项))", line))


@pytest.mark.parametrize("name", ["wide-sample.xlsx", "long-gb18030.csv", "long.jsonl"])
def test_an_export_gives_what_the_command_line_gives(bench, run_cli, name):
    path = LOGS / name
    mapping = bench.upload((name, path.read_bytes()))
    assert mapping.status_code == 200, error_of(mapping.text)
    if name.endswith(".xlsx"):                  # one row per ticket: step time columns proposed
        assert 'value="time:dispatched" selected' in mapping.text
    status = bench.wait(bench.confirm(mapping.text))
    assert status["error"] is None, status["error"]
    saved = bench.app.state.bench.settings.mappings_folder / "office.yaml"
    _, out, _ = run_cli("audit", str(path), "--mapping", str(saved), "--format", "json")
    expected = json.loads(out)["summary"]
    page = bench.client.get("/findings").text
    rows, events, tickets, violations, warnings = summary_numbers(page)[:5]
    assert (rows, events, tickets, violations, warnings) == (
        expected["rows"], expected["events"], expected["tickets"], expected["violations"],
        expected["warnings"])


def test_several_files_are_audited_together(bench, run_cli):
    first, second = LOGS / "long-utf8.csv", LOGS / "long-utf8-bom.csv"
    bench.audit((first.name, first.read_bytes()), (second.name, second.read_bytes()))
    saved = bench.app.state.bench.settings.mappings_folder / "office.yaml"
    _, out, _ = run_cli("audit", str(first), str(second), "--mapping", str(saved), "--format", "json")
    expected = json.loads(out)["summary"]
    assert summary_numbers(bench.client.get("/findings").text)[:3] == (
        expected["rows"], expected["events"], expected["tickets"])


def test_a_category_written_apart_is_offered_as_the_listed_one(bench, run_cli):
    text = sample_bytes().decode("utf-8").replace(",停水,", ",停 水,")
    bench.audit(("sample.csv", text.encode("utf-8")))
    page = bench.client.get("/findings").text
    assert "未识别的诉求类别" in page and "停 水" in page
    index = re.findall(r'<select name="category-(\d+)" aria-label="停 水"', page)[0]
    accepted = bench.client.post("/names", data={"csrf": bench.csrf, f"category-{index}": "停水"},
                                 follow_redirects=False)
    assert bench.wait(accepted)["error"] is None
    _, out, _ = run_cli("audit", str(SAMPLE), "--format", "json")
    expected = json.loads(out)["summary"]
    assert summary_numbers(bench.client.get("/findings").text)[3:5] == (
        expected["violations"], expected["warnings"])


def test_a_platform_export_is_proposed_by_mapping_init_and_corrected(bench, run_cli):
    export = SAMPLE.parent / "exports" / "platform-wide.xlsx"
    page = bench.upload((export.name, export.read_bytes()))
    proposed = bench.proposed(page.text)
    headers = re.findall(r'<label for="meaning-\d+">([^<]*)</label>', page.text)
    index = {header: i for i, header in enumerate(headers)}
    assert proposed[f"meaning-{index['派发 时间']}"] == "time:dispatched"
    assert proposed[f"meaning-{index['是否延期']}"] == "flag:extension_approved"
    assert proposed[f"meaning-{index['诉求内容']}"] == ""
    assert "待确认的取值" in page.text and "“一般”" in page.text
    # The clerk keeps the notes and says the export's 接单时间 is not the acceptance.
    status = bench.wait(bench.confirm(page.text, **{f"meaning-{index['诉求内容']}": "note",
                                                    f"meaning-{index['接单时间']}": ""}))
    assert status["error"] is None, status["error"]
    saved = bench.app.state.bench.settings.mappings_folder / "office.yaml"
    text = saved.read_text("utf-8")
    assert text.startswith("# 由 hotline-check mapping init 根据 platform-wide.xlsx 生成")
    assert '"诉求内容": note' in text and "接单时间" not in text.split("unrecorded:")[0].split("events:")[1]
    assert "  - accepted" in text and "happened_if" in text
    _, out, _ = run_cli("audit", str(export), "--mapping", str(saved), "--format", "json")
    expected = json.loads(out)
    assert summary_numbers(bench.client.get("/findings").text)[:5] == tuple(
        expected["summary"][key] for key in ("rows", "events", "tickets", "violations", "warnings"))
    assert {item["rule"] for item in expected["unjudged"]} >= {"acceptance-1h"}


def test_the_examples_of_the_mapping_page_are_masked(bench):
    export = SAMPLE.parent / "exports" / "platform-wide.xlsx"
    page = bench.upload((export.name, export.read_bytes()))
    assert "联系电话138****0001" in page.text
    assert "13800000001" not in page.text


def test_the_units_notices_download_a_sheet_per_unit(bench):
    bench.audit(("sample.csv", sample_bytes()))
    first = bench.client.get("/report", params={"month": "2024-05"}, follow_redirects=False)
    bench.wait(first)
    page = bench.client.get("/report", params={"month": "2024-05"}).text
    assert 'data-notices="xlsx"' in page and "整改通知单" in page
    response = bench.client.get("/report/download", params={"month": "2024-05", "fmt": "xlsx", "by_unit": "1"})
    assert response.status_code == 200
    assert 'filename="notices-2024-05.xlsx"' in response.headers["content-disposition"]
    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "高台镇" in book.sheetnames and len(book.sheetnames) == 13


def test_the_report_downloads_in_every_format_the_renderers_offer(bench):
    from checker.products.report.formats import FORMATS
    bench.audit(("sample.csv", sample_bytes()))
    first = bench.client.get("/report", params={"month": "2024-05"}, follow_redirects=False)
    bench.wait(first)
    page = bench.client.get("/report", params={"month": "2024-05"}).text
    for fmt in FORMATS:
        assert f'data-format="{fmt}"' in page
        response = bench.client.get("/report/download", params={"month": "2024-05", "fmt": fmt})
        assert response.status_code == 200, fmt
        assert f'filename="report-2024-05.{fmt}"' in response.headers["content-disposition"]
        if fmt in ("xlsx", "docx"):
            assert response.content[:2] == b"PK"


def test_an_upload_of_several_months_shows_them_side_by_side_in_the_report(bench):
    rows = ["ticket_id,event,at,unit,category",
            "A1,dispatched,2024-04-08 09:00,汉山街道,道路维修", "A1,accepted,2024-04-08 09:30,汉山街道,",
            "A1,feedback,2024-04-09 09:00,汉山街道,",
            "M1,dispatched,2024-05-06 09:00,汉山街道,道路维修", "M1,accepted,2024-05-06 09:30,汉山街道,",
            "M1,feedback,2024-05-26 09:00,汉山街道,"]
    bench.audit(("两个月.csv", ("\n".join(rows) + "\n").encode("utf-8")))
    bench.wait(bench.client.get("/report", params={"month": "2024-05"}, follow_redirects=False))
    html = bench.client.get("/report/view", params={"month": "2024-05"}).text
    assert "七、近2个月对比" in html and 'class="trend-panel"' in html
    assert re.search(r"<td[^>]*>100\.0%</td>\s*<td[^>]*>0\.0%</td>\s*<td[^>]*>50\.0%（1/2）</td>", html)
    april = bench.client.get("/report", params={"month": "2024-04"}, follow_redirects=False)
    bench.wait(april)
    assert "近2个月对比" not in bench.client.get("/report/view", params={"month": "2024-04"}).text
