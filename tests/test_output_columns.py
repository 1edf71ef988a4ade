"""The findings JSON, CSV and Parquet written from columns say exactly what the row-by-row
writers said: byte for byte, on hand-built hostile findings, the sample month and a generated
log, whatever engine found them, in one piece or many."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow.parquet as parquet
import pytest

from checker.columnar.reader import read_logs_frame
from checker.engine.audit import AuditOptions, run_audit
from checker.model import AuditResult, DataNote, Finding, Rejected, Unjudged
from checker.output import finding_columns, json_out, render
from checker.output.json_out import result_to_dict
from checker.output.labels import (column_name, overdue_minutes, rule_name, ruleset_ref,
                                   status_name, verdict_name)
from checker.output.sanitize import mask_personal, neutralize_formula, shown_output
from checker.ruleset import load_ruleset
from checker.timefmt import iso, short
from test_output_fixtures import sample_result

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-2024-05.csv"


# ----------------------------------------------------- the writers one finding at a time

def json_by_rows(result: AuditResult) -> bytes:
    """The findings JSON as one dict per finding, encoded whole, then cleaned and masked."""
    text = json.dumps(result_to_dict(result), ensure_ascii=False, indent=2) + "\n"
    return shown_output(text).encode("utf-8")


def csv_by_rows(result: AuditResult, lang: str = "zh", encoding: str = "utf-8-sig") -> bytes:
    """The findings CSV one row per finding with the csv module, then cleaned and masked."""
    from checker.output import audit_notes
    from checker.output.csv_out import CSV_COLUMNS
    tz = ZoneInfo(result.timezone)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column_name(column, lang) for column in CSV_COLUMNS])
    ruleset = ruleset_ref(result.ruleset_file, result.ruleset_hash)
    by_version = {v["file"]: ruleset_ref(v["file"], v["hash"]) for v in result.ruleset_versions}
    for finding in result.findings:
        minutes = overdue_minutes(finding)
        row = [finding.ticket_id, finding.unit or "", finding.rule, rule_name(finding.rule, lang),
               finding.clause, verdict_name(finding, lang), status_name(finding.status, lang),
               short(finding.due, tz), short(finding.actual, tz), "" if minutes is None else minutes,
               mask_personal(finding.message) or "", mask_personal(finding.note) or "",
               by_version.get(finding.version, ruleset)]
        writer.writerow([neutralize_formula(c) if isinstance(c, str) else c for c in row])
    for _, title, headers, rows in audit_notes.sections(result, lang):
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(headers)
        for row in rows:
            writer.writerow([neutralize_formula(c) if isinstance(c, str) else c for c in row])
    return shown_output(buffer.getvalue()).encode(encoding)


# ------------------------------------------------------------------------ what is written

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).timestamp())


def hostile_result() -> AuditResult:
    """Text a spreadsheet or a JSON reader could trip on, and numbers in every field."""
    texts = ['引号"内"，逗号,换行\n第二行', "回车\r\n和单独的\r", "\x1b[31m红\x07", "\u202e倒序",
             "=1+2", "-负号", "＠全角", "来电１３９１２３４５６７８", "一三九一二三四五六七八",
             "+86 139-1008-2008", "（0916）1234003", "身份证6107 2119 9001 0112 34", "", "\t制表",
             "普通说明"]
    findings = []
    for number, text in enumerate(texts):
        findings.append(Finding(
            ticket_id=["13912345678", 'T"1,', "T\n2", "T3"][number % 4],
            rule=["acceptance-1h", "feedback-deadline", "return-after-visit"][number % 3],
            clause="2.1.2", severity=["violation", "warning"][number % 2],
            unit=[None, "区住建局", "电话13912345678的单位", "=单位"][number % 4],
            due=[at("2024-05-11 10:30:00"), at("1900-01-01 08:00:00"), at("2199-12-31 23:59:59"),
                 None, -1][number % 5],
            actual=[at("2024-05-11 13:02:07"), None, at("2024-05-11 10:29:00")][number % 3],
            message=text, status=["violated", "pending", "violated"][number % 3],
            check=[None, "within-2h"][number % 2], responsible=["unit", "office"][number % 2],
            note=[None, text, "备注" + text][number % 3],
            version=[None, "rules/v2024.yaml", "rules/v2025.yaml"][number % 3]))
    return AuditResult(
        ruleset_id="nanzheng-2024", ruleset_source="南政办发〔2024〕4号", timezone="Asia/Shanghai",
        as_of=at("2024-06-01 00:00:00"), rows=20, events=18, tickets=4, findings=findings,
        rejected=[Rejected("log.csv", 3, "电话13912345678无法识别"), Rejected("a.xlsx", 4, "缺少", "5月")],
        data_notes=[DataNote("unknown_unit", "未知单位“=区某局”，电话13912345678", "T3", "log.csv", 5)],
        unjudged=[Unjudged("acceptance-1h", "unrecorded", ["accepted"], tickets=2, sources=["log.csv"])],
        ruleset_file="rules/nanzheng-2024.yaml", ruleset_hash="abc",
        ruleset_versions=[{"file": "rules/v2024.yaml", "hash": "h1", "from": "2024-01-01", "until": None},
                          {"file": "rules/v2025.yaml", "hash": "h2", "from": "2025-01-01", "until": None}])


# Ticket numbers and plain texts beside the personal numbers they resemble: each near miss a
# writer takes as written, each number it must mask.
NUMBER_LIKE = ["NZ20240100048009", "NZ2024010004800", "13912345678", "NZ13912345678",
               "T13912345678X", "139123456789", "1391234567", "610721199001011234",
               "61072119900101123X", "610721900101123", "NZ0916123400", "09161234003", "0101234567", "T010123456",
               "0086139123456", "8613912345678", "86139123456789", "+8613912345678",
               "NZ 139 1234 5678", "NZ-139-1234-5678", "NZ.13912345678", "(0916)1234003",
               "139_1234_5678", "T1/2/3/4/5/6/7/8/9", "8609161234003", "T139１２３４5678",
               "T十三九一二三四五六七八", "12345678", "123456789", "2024-05-11", "key-ticket-daily",
               "", "a,b", 'q"q', "=13912345678", "@x", "-1", "back\\slash", "T\x7f1"]


def number_like_result() -> AuditResult:
    findings = [Finding(ticket_id=text, rule=text or "r", clause="2.1.2", severity="violation",
                        unit=NUMBER_LIKE[-1 - number], due=at("2024-05-11 10:30:00"), actual=None,
                        message=text, status="violated", check=None, responsible="unit",
                        note=NUMBER_LIKE[number // 2], version=None)
                for number, text in enumerate(NUMBER_LIKE)]
    notes = [DataNote("unknown_unit", text, text, text, line)
             for text, line in zip(NUMBER_LIKE, [0, 5, 13912345678, 123456789, 610721199001011234])]
    return AuditResult("x", "y", "Asia/Shanghai", 0, 10, 10, 10, findings, [], data_notes=notes)


def test_a_text_taken_as_written_is_one_no_writer_changes():
    from checker.output.csv_out import _cell
    from checker.output.json_out import json_token
    from checker.output.sanitize import clean_text
    random = __import__("random").Random(4)
    pieces = ["139", "1234", "5678", "0", "86", "0086", "0916", "6107", "2119900101", "X", "x",
              "+", "(", ")", " ", "-", ".", "_", "/", "~", "[", "]", "NZ", "T", "a", ",", '"', "=",
              "1", "9", "12", "00", ":", "#"]
    numbers = ["13912345678", "610721199001011234", "61072119900101123X", "61072119900101123x", "610721900101123",
               "09161234003", "02912345678", "0101234567", "+8613912345678", "008609161234003", "8613912345678"]

    def disguised(number: str) -> str:
        """A personal number with separators slipped in and words around it."""
        out = "".join(digit + (random.choice(pieces[13:22]) if random.random() < 0.15 else "")
                      for digit in number)
        return random.choice(["", "NZ", "T", "a:", "#"]) + out + random.choice(["", "x", "#", "1"])

    texts = NUMBER_LIKE + ["".join(random.choice(pieces) for _ in range(random.randint(1, 9)))
                           for _ in range(20000)] + [disguised(random.choice(numbers))
                                                      for _ in range(5000)]
    series = finding_columns.pl.Series(texts)
    kept = finding_columns.left_as_written(series).to_list()
    assert kept[:3] == [True, True, False] and sum(kept) > 2000
    for text, as_written in zip(texts, kept):
        if as_written:
            assert mask_personal(text) == text and clean_text(text) == text, text
            assert json_token(text, True) == json_token(text, False) == f'"{text}"', text
            assert _cell(text) == text, text
    masked = [text for text in texts if mask_personal(text) != text]
    assert len(masked) > 1000 and not any(kept[texts.index(text)] for text in masked)


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


@pytest.fixture(scope="module")
def generated(tmp_path_factory, rules):
    path = tmp_path_factory.mktemp("columns") / "log.csv"
    generate.generate(400, path, seed=7, shuffle=True, violation_rate=0.2)
    return read_logs_frame([str(path)], rules.tz)


def audited(log, rules, engine):
    return run_audit(log, rules, AuditOptions(engine=engine, pending=True))


def results(generated, rules):
    sample = read_logs_frame([str(SAMPLE)], rules.tz)
    return {"sample-result": sample_result(), "hostile": hostile_result(),
            "number-like": number_like_result(),
            "empty": AuditResult("x", "y", "Asia/Shanghai", 0, 0, 0, 0, [], []),
            "sample-month-columnar": audited(sample, rules, "columnar"),
            "sample-month-reference": audited(sample, rules, "reference"),
            "generated-columnar": audited(generated, rules, "columnar"),
            "generated-reference": audited(generated, rules, "reference")}


@pytest.fixture(scope="module")
def every_result(generated, rules):
    return results(generated, rules)


NAMES = ["sample-result", "hostile", "number-like", "empty", "sample-month-columnar", "sample-month-reference",
         "generated-columnar", "generated-reference"]


@pytest.mark.parametrize("name", NAMES)
def test_json_is_byte_for_byte_the_row_writers(every_result, name):
    result = every_result[name]
    assert render(result, "json") == json_by_rows(result)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang,encoding", [("zh", None), ("en", "utf-8"), ("zh", "gb18030")])
def test_csv_is_byte_for_byte_the_row_writers(every_result, name, lang, encoding):
    result = every_result[name]
    assert render(result, "csv", lang, encoding=encoding) == csv_by_rows(result, lang, encoding or "utf-8-sig")


def test_the_columnar_findings_are_written_as_the_reference_ones(every_result):
    for engine_a, engine_b in (("sample-month-columnar", "sample-month-reference"),
                               ("generated-columnar", "generated-reference")):
        assert render(every_result[engine_a], "json") == render(every_result[engine_b], "json")
        assert render(every_result[engine_a], "csv") == render(every_result[engine_b], "csv")


def test_written_in_many_pieces_the_bytes_are_the_same(every_result, monkeypatch):
    result = every_result["generated-columnar"]
    assert len(result.findings) > 10
    whole = {fmt: render(result, fmt) for fmt in ("json", "csv")}
    monkeypatch.setattr(finding_columns, "PIECE", 3)
    for fmt in ("json", "csv"):
        out = io.BytesIO()
        render(result, fmt, out=out)
        assert out.getvalue() == whole[fmt]
    assert out.getvalue().count(b"\xef\xbb\xbf") == 1          # one BOM, at the start
    hostile = hostile_result()
    assert render(hostile, "json") == json_by_rows(hostile)
    # Texts of many distinct values are looked up a piece at a time: the same bytes.
    monkeypatch.setattr(json_out, "_SHARED_DISTINCT", 0)
    assert render(hostile, "json") == json_by_rows(hostile)
    assert render(result, "json") == whole["json"]


def test_instants_keep_the_offset_of_their_day_seconds_included():
    """1900 in Shanghai is local mean time, +08:05:43: written as datetime writes it."""
    document = json.loads(render(hostile_result(), "json"))
    dues = {finding["due"] for finding in document["findings"]}
    assert "1900-01-01T08:00:00+08:05:43" in dues and "2199-12-31T23:59:59+08:00" in dues
    assert "1970-01-01T07:59:59+08:00" in dues
    assert iso(at("1900-01-01 08:00:00"), SHANGHAI) == "1900-01-01T08:00:00+08:05:43"


# ------------------------------------------------------------------------------- Parquet

def read_parquet(data: bytes):
    table = parquet.read_table(io.BytesIO(data))
    return table, json.loads(table.schema.metadata[b"hotline_check"])


@pytest.mark.parametrize("name", ["sample-result", "hostile", "generated-columnar", "empty"])
def test_parquet_holds_what_the_json_holds(every_result, name):
    result = every_result[name]
    document = json.loads(render(result, "json"))
    table, rest = read_parquet(render(result, "parquet"))
    assert rest == {**document, "findings": []}
    rows = table.to_pylist()
    assert len(rows) == len(document["findings"])
    for row, finding in zip(rows, document["findings"]):
        for key in ("due", "actual"):
            shown = finding[key]
            assert (row[key] is None) == (shown is None)
            if shown is not None:
                assert row[key] == datetime.fromisoformat(shown)
        assert {k: v for k, v in row.items() if k not in ("due", "actual")} == \
               {k: v for k, v in finding.items() if k not in ("due", "actual")}


def test_parquet_columns_are_typed():
    table, _ = read_parquet(render(sample_result(), "parquet"))
    assert str(table.schema.field("due").type) == "timestamp[us, tz=Asia/Shanghai]"
    assert str(table.schema.field("ticket_id").type) in ("string", "large_string", "string_view")
    assert table.column("note").to_pylist()[0] == "市民电话138****5678，要求回电"


def test_audit_writes_parquet_with_o(run_cli, tmp_path):
    target = tmp_path / "findings.parquet"
    status, out, err = run_cli("audit", str(SAMPLE), "--format", "parquet", "-o", str(target))
    assert status == 1, err
    table, rest = read_parquet(target.read_bytes())
    assert table.num_rows == rest["summary"]["violations"] + rest["summary"]["warnings"] > 0
    assert out == ""


def test_audit_json_written_to_a_file_is_the_rendered_one(run_cli, tmp_path, rules):
    target = tmp_path / "findings.json"
    status, _, err = run_cli("audit", str(SAMPLE), "--format", "json", "-o", str(target))
    assert status == 1, err
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["findings"]) == document["summary"]["violations"] + document["summary"]["warnings"]
    assert not list(tmp_path.glob(".*.tmp"))
