"""The format registry, and what holds for every format."""

import io
import zipfile

import pyarrow.parquet as parquet
import pytest

from checker.errors import CheckerError
from checker.output import FORMATS, render
from test_output_fixtures import RAW_ID, RAW_PHONE, sample_result


def test_the_formats_of_the_design():
    assert set(FORMATS) == {"table", "json", "csv", "xlsx", "parquet", "md", "github", "junit"}


def test_unknown_format_is_a_user_error():
    with pytest.raises(CheckerError, match="html"):
        render(sample_result(), "html")


def test_json_github_junit_stay_utf8():
    for fmt in ("json", "github", "junit"):
        assert render(sample_result(), fmt, encoding="gb18030") == render(sample_result(), fmt)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_out_receives_the_same_bytes(fmt):
    out = io.BytesIO()
    assert render(sample_result(), fmt, out=out, console_width=120) is None
    if fmt != "xlsx":                      # a zip embeds timestamps
        assert out.getvalue() == render(sample_result(), fmt, console_width=120)


def every_text_of(fmt: str, lang: str) -> str:
    data = render(sample_result(), fmt, lang, console_width=200)
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                           if name.endswith(".xml"))
    if fmt == "parquet":                   # compressed: every value and the metadata, read back
        table = parquet.read_table(io.BytesIO(data))
        return "\n".join([str(table.to_pylist()), *(value.decode("utf-8") for value in
                                                     table.schema.metadata.values())])
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_raw_phone_and_id_never_appear(fmt, lang):
    text = every_text_of(fmt, lang)
    assert RAW_PHONE not in text and RAW_ID not in text
    if fmt != "github":                    # annotations carry messages, not notes
        assert "138****5678" in text or "138****5678" in text.replace("\\*", "*")
