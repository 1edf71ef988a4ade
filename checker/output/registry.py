"""The renderers of audit findings by format name: the one place `audit --format` looks up.

Text formats produce a string, encoded here: UTF-8, and CSV UTF-8 with a BOM so Excel on
Chinese Windows opens it correctly. The formats people open (table, csv, md) take another
encoding on request (gb18030 for old Windows tools); json, github and junit are read by
programs that expect UTF-8 and stay UTF-8. xlsx produces the workbook's bytes.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import BinaryIO, Callable

from checker.errors import CheckerError
from checker.i18n import say
from checker.model import AuditResult
from checker.output.json_out import finding_to_dict
from checker.output.sanitize import shown_output

__all__ = ["FORMATS", "Renderer", "RenderOptions", "render", "finding_to_dict"]


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"
    console_width: int | None = None
    color: bool = False


@dataclass(frozen=True)
class Renderer:
    name: str
    extension: str                  # of a file written with -o
    binary: bool                    # True: produce() returns bytes, no text encoding applies
    default_encoding: str
    encoding_choice: bool           # whether the caller may ask for another encoding
    produce: Callable[[AuditResult, RenderOptions], str | bytes]
    # A writer of the finding columns yields its text in pieces, each already shown (every
    # distinct value cleaned and masked once): no pass over the whole text, nor the whole
    # text in memory.
    pieces: bool = False


# rich and openpyxl take a tenth of a second to import: each renderer loads its module
# only when it is used.
def _table(result: AuditResult, options: RenderOptions) -> str:
    from checker.products.audit.document import findings_document
    from checker.render.terminal import render_terminal
    return render_terminal(findings_document(result, options.lang, terminal=True),
                           options.console_width, options.color)


def _csv(result: AuditResult, options: RenderOptions):
    from checker.output.csv_out import csv_pieces
    return csv_pieces(result, options.lang)


def _json(result: AuditResult, options: RenderOptions):
    from checker.output.json_out import json_pieces
    return json_pieces(result, options.lang)


def _parquet(result: AuditResult, options: RenderOptions) -> bytes:
    from checker.output.parquet_out import render_parquet
    return render_parquet(result, options.lang)


def _xlsx(result: AuditResult, options: RenderOptions) -> bytes:
    from checker.products.audit.document import findings_document
    from checker.render.xlsx import render_xlsx
    return render_xlsx(findings_document(result, options.lang))


def _markdown(result: AuditResult, options: RenderOptions) -> str:
    from checker.products.audit.document import findings_document
    from checker.render.markdown import render_markdown
    return render_markdown(findings_document(result, options.lang))


def _github(result: AuditResult, options: RenderOptions) -> str:
    from checker.output.github_out import render_github
    return render_github(result, options.lang)


def _junit(result: AuditResult, options: RenderOptions) -> str:
    from checker.output.junit_out import render_junit
    return render_junit(result, options.lang)


FORMATS: dict[str, Renderer] = {
    renderer.name: renderer for renderer in (
        Renderer("table", "txt", False, "utf-8", True, _table),
        Renderer("json", "json", False, "utf-8", False, _json, pieces=True),
        Renderer("csv", "csv", False, "utf-8-sig", True, _csv, pieces=True),
        Renderer("xlsx", "xlsx", True, "", False, _xlsx),
        Renderer("parquet", "parquet", True, "", False, _parquet),
        Renderer("md", "md", False, "utf-8", True, _markdown),
        Renderer("github", "txt", False, "utf-8", False, _github),
        Renderer("junit", "xml", False, "utf-8", False, _junit),
    )
}

_MESSAGES = {
    "unknown_format": {"zh": "未知的输出格式“{fmt}”，可选：{known}",
                       "en": "unknown output format '{fmt}'; choose one of {known}"},
    "unknown_encoding": {"zh": "未知的字符编码“{encoding}”",
                         "en": "unknown text encoding '{encoding}'"},
    "unencodable": {"zh": "输出含有编码 {encoding} 无法表示的字符“{char}”，请改用 utf-8 或 gb18030",
                    "en": "the output has a character '{char}' that {encoding} cannot encode; "
                          "use utf-8 or gb18030"},
}


def _encode(text: str | bytes, encoding: str, lang: str, encoder=None) -> bytes:
    """`encoder`: an incremental one, for text written in pieces (one BOM at the start). A
    piece may come as UTF-8 bytes already (a writer's text straight from its columns)."""
    if isinstance(text, bytes):
        if codecs.lookup(encoding).name == "utf-8":
            return text
        text = text.decode("utf-8")
    try:
        return encoder.encode(text) if encoder is not None else text.encode(encoding)
    except UnicodeEncodeError as error:
        raise CheckerError(say(_MESSAGES, "unencodable", lang, encoding=encoding,
                               char=error.object[error.start:error.end])) from None


def render(result: AuditResult, fmt: str, lang: str = "zh", out: BinaryIO | None = None, *,
           console_width: int | None = None, color: bool = False,
           encoding: str | None = None) -> bytes | None:
    """Render `result` in format `fmt`; write the bytes to `out`, or return them when out is None.

    `encoding` applies to table, csv and md; json, github and junit are always UTF-8.
    """
    renderer = FORMATS.get(fmt)
    if renderer is None:
        raise CheckerError(say(_MESSAGES, "unknown_format", lang, fmt=fmt,
                               known=", ".join(FORMATS)))
    encoding = (encoding if renderer.encoding_choice else None) or renderer.default_encoding
    if not renderer.binary:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CheckerError(say(_MESSAGES, "unknown_encoding", lang,
                                   encoding=encoding)) from None
    options = RenderOptions(lang=lang, console_width=console_width, color=color)
    if renderer.pieces:
        encoder = codecs.getincrementalencoder(encoding)()
        encoded = (_encode(piece, encoding, lang, encoder) for piece in renderer.produce(result, options))
        if out is None:
            return b"".join(encoded)
        for data in encoded:
            out.write(data)
        return None
    produced = renderer.produce(result, options)
    data = produced if renderer.binary else _encode(shown_output(produced, color), encoding, lang)
    if out is None:
        return data
    out.write(data)
    return None
