"""No English sentence in a Chinese-mode output: every command and format on the sample month,
scanned for Latin-letter words outside identifiers (rule ids, ticket ids, file names, options)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "fixtures" / "sample-2024-05.csv")

# Words that are names, not English: commands and formats a message may point to.
ALLOWED = {"audit", "remind", "report", "explain", "validate", "csv", "xlsx", "json", "html", "md",
           "docx", "sms", "format", "lang", "zh", "en", "YAML", "CSV", "XLSX", "HTML", "JSON", "Markdown",
           "Excel", "WPS", "MB", "Tab", "UTF", "BOM", "ISO"}


def english_words(text: str) -> list[str]:
    """Latin words outside identifiers: a token with a digit, -, _, ., /, :, @ or = is an id."""
    text = re.sub(r"<style>.*?</style>|<script>.*?</script>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    found = []
    for token in re.split(r"[\s，。；：、（）()“”\"'|│┃┌┐└┘├┤┬┴┼─*]+", text):
        if not token or re.search(r"[\d_./:@=\\-]", token):
            continue
        found += [word for word in re.findall(r"[A-Za-z]{2,}", token) if word not in ALLOWED]
    return found


# JSON keys whose values are codes of the contract (schemas/), not texts for people: the same
# in every language. Every other string value of a JSON output is a text and is scanned.
CODE_KEYS = {"severity", "status", "responsible", "check", "rule", "id", "key", "kind", "event",
             "start_event", "deadline_class", "class_source", "channel", "actor", "satisfaction",
             "outcome", "clock", "state", "better", "shown_as", "category", "lang", "timezone", "file",
             "source", "sources", "path", "hash", "action", "section", "reason_code", "week_rule",
             "postpone", "weekday"}


def human_texts(out: str) -> str:
    """A JSON output's texts for people (its keys and codes left out); any other output whole."""
    try:
        document = json.loads(out)
    except ValueError:
        return out
    texts = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key not in CODE_KEYS:
            texts.append(node)
    walk(document)
    return "\n".join(texts)


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return re.sub(r"<[^>]+>", " ", archive.read("word/document.xml").decode("utf-8"))


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
                     if isinstance(cell.value, str)) + "\n" + "\n".join(book.sheetnames)


LEADERS = str(ROOT / "fixtures" / "leader-days-2024.csv")
VERSIONS = ROOT / "fixtures" / "versions"

RUNS = {
    "audit": ["audit", SAMPLE],
    "audit json": ["audit", SAMPLE, "--format", "json"],
    "audit github": ["audit", SAMPLE, "--format", "github"],
    "audit junit": ["audit", SAMPLE, "--format", "junit"],
    "explain json": ["explain", SAMPLE, "NZ20240500187", "--format", "json"],
    "report json": ["report", SAMPLE, "--month", "2024-05", "--format", "json", "--leader-log", LEADERS],
    "report md leaders": ["report", SAMPLE, "--month", "2024-05", "--leader-log", LEADERS],
    "remind json": ["remind", SAMPLE, "--as-of", "2024-05-28 10:00", "--format", "json"],
    "validate json": ["validate", "--format", "json"],
    "validate github": ["validate", "--format", "github"],
    "validate junit": ["validate", "--format", "junit"],
    "test json": ["test", "--format", "json"],
    "test junit": ["test", "--format", "junit"],
    "test example json": ["test", str(ROOT / "rules" / "examples" / "shiyan-city" / "shiyan-city-12345.yaml"),
                          "--format", "json"],
    "diff": ["diff", str(VERSIONS / "nanzheng-2024.yaml"), str(VERSIONS / "nanzheng-2025.yaml")],
    "diff json": ["diff", str(VERSIONS / "nanzheng-2024.yaml"), str(VERSIONS / "nanzheng-2025.yaml"),
                  "--format", "json"],
    "diff md log": ["diff", str(VERSIONS / "nanzheng-2024.yaml"), str(VERSIONS / "nanzheng-2025.yaml"),
                    "--format", "md", "--log", SAMPLE],
    "calendar workdays json": ["calendar", "workdays", "--year", "2024", "--format", "json"],
    "calendar leader-days json": ["calendar", "leader-days", "--cycle", "2024", "--format", "json"],
    "calendar show": ["calendar", "show", "2024"],
    "audit pending": ["audit", SAMPLE, "--as-of", "2024-05-20", "--pending"],
    "audit md": ["audit", SAMPLE, "--format", "md"],
    "audit csv": ["audit", SAMPLE, "--format", "csv"],
    "audit xlsx": ["audit", SAMPLE, "--format", "xlsx"],
    "explain": ["explain", SAMPLE, "NZ20240500187"],
    "report md": ["report", SAMPLE, "--month", "2024-05"],
    "report html": ["report", SAMPLE, "--month", "2024-05", "--format", "html"],
    "report xlsx": ["report", SAMPLE, "--month", "2024-05", "--format", "xlsx"],
    "report docx": ["report", SAMPLE, "--month", "2024-05", "--format", "docx"],
    "report months md": ["report", SAMPLE, "--month", "2024-05", "--months", "3"],
    "report by-unit md": ["report", SAMPLE, "--month", "2024-05", "--by-unit", "--months", "2"],
    "report by-unit xlsx": ["report", SAMPLE, "--month", "2024-05", "--by-unit", "--format", "xlsx"],
    "report by-unit docx": ["report", SAMPLE, "--month", "2024-05", "--by-unit", "--format", "docx"],
    "report from-to html": ["report", SAMPLE, "--from", "2024-03", "--to", "2024-05", "--format", "html"],
    "report months xlsx": ["report", SAMPLE, "--month", "2024-05", "--months", "6", "--format", "xlsx"],
    "report from-to docx": ["report", SAMPLE, "--from", "2024-01", "--month", "2024-05", "--format", "docx"],
    "remind": ["remind", SAMPLE, "--as-of", "2024-05-28 10:00"],
    "remind csv": ["remind", SAMPLE, "--as-of", "2024-05-28 10:00", "--format", "csv"],
    "remind xlsx": ["remind", SAMPLE, "--as-of", "2024-05-28 10:00", "--format", "xlsx"],
    "remind sms": ["remind", SAMPLE, "--as-of", "2024-05-28 10:00", "--format", "sms"],
    "validate": ["validate"],
    "test": ["test"],
    "calendar due": ["calendar", "due", "--from", "2024-09-30 10:00", "--class", "other", "--explain"],
    "calendar workdays": ["calendar", "workdays", "--year", "2024"],
    "calendar leader-days": ["calendar", "leader-days", "--cycle", "2024"],
}


@pytest.mark.parametrize("name", RUNS)
def test_chinese_mode_speaks_chinese(name, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                     # no working-folder configuration around
    args = RUNS[name]
    binary = args[-1] in ("xlsx", "docx")
    if binary:
        target = tmp_path / f"out.{args[-1]}"
        args = [*args, "-o", str(target)]
    status, out, err = run_cli(*args)
    assert status in (0, 1), err
    text = human_texts(out) + err
    if binary:
        data = target.read_bytes()
        text += _docx_text(data) if args[-3] == "docx" or str(target).endswith("docx") else _xlsx_text(data)
    assert english_words(text) == []


def test_the_scanner_finds_english():
    assert english_words("规则集说明：The notice names the three rates") == ["The", "notice", "names", "the",
                                                                             "three", "rates"]
    assert english_words("acceptance-1h NZ20240500187 rules/nanzheng-2024.yaml 用 audit 查看") == []


def test_json_keeps_its_keys_and_codes_and_speaks_the_run_language(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, zh, _ = run_cli("audit", SAMPLE, "--format", "json")
    _, en, _ = run_cli("audit", SAMPLE, "--format", "json", "--lang", "en")
    zh, en = json.loads(zh), json.loads(en)
    assert [r["line"] for r in zh["rejected"]] == [r["line"] for r in en["rejected"]] == [152, 402, 702]
    assert zh["rejected"][0]["reason"] == "无法识别的时间“2024-05-32 09:00:00”"
    assert en["rejected"][0]["reason"] == "unparseable timestamp '2024-05-32 09:00:00'"
    assert {f["severity"] for f in zh["findings"]} == {f["severity"] for f in en["findings"]} == {"violation",
                                                                                                 "warning"}
