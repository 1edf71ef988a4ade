"""Which text encoding a CSV export is in.

The cascade is deterministic, so the same file always reads the same way:
1. a UTF-8 byte-order mark → `utf-8-sig` (Excel's "CSV UTF-8");
2. the file is UTF-8 → `utf-8`: every line decodes as strict UTF-8, or the lines that do not
   are a stray few (one bad line per ten good lines with Chinese text or fewer) — those few
   are then rejected one by one, at their lines, by the CSV reader;
3. otherwise → `gb18030` (Excel's plain "CSV" on Chinese Windows; a superset of GBK/GB2312).
A mapping file may name the encoding outright (`encoding: gb18030`), which skips the cascade.
The file is streamed line by line, never held in memory.
"""

from __future__ import annotations

import codecs

from checker.errors import CheckerError, file_error
from checker.i18n import DEFAULT_LANGUAGE, say

_BOM = codecs.BOM_UTF8

MESSAGES = {
    "unknown": {"zh": "未知的字符编码“{name}”", "en": "unknown text encoding '{name}'"},
    "not_text_codec": {"zh": "“{name}”不是把字节解码为文字的字符编码",
                       "en": "'{name}' is not an encoding that decodes bytes to text"},
}


def detect_encoding(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            if stream.read(len(_BOM)) == _BOM:
                return "utf-8-sig"
            stream.seek(0)
            good_non_ascii = bad = 0
            for raw in stream:
                if raw.isascii():
                    continue
                try:
                    raw.decode("utf-8")
                    good_non_ascii += 1
                except UnicodeDecodeError:
                    bad += 1
                    if bad > 100 and bad * 10 > good_non_ascii:
                        return "gb18030"
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    return "utf-8" if bad * 10 <= good_non_ascii else "gb18030"


def check_encoding_name(name: str, path: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The codec of a mapping's `encoding:`; an unknown name, or a codec that does not turn
    bytes into text (rot13, base64, zip), is the mapping's error."""
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError, ValueError):
        raise CheckerError(say(MESSAGES, "unknown", lang, name=name), file=path) from None
    if not getattr(info, "_is_text_encoding", True):
        raise CheckerError(say(MESSAGES, "not_text_codec", lang, name=name), file=path)
    return info.name
