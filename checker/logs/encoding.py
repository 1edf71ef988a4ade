"""Which text encoding a CSV export is in.

The cascade is deterministic, so the same file always reads the same way:
1. a UTF-8 byte-order mark → `utf-8-sig` (Excel's "CSV UTF-8");
2. the whole file decodes as strict UTF-8 → `utf-8`;
3. otherwise → `gb18030` (Excel's plain "CSV" on Chinese Windows; a superset of GBK/GB2312).
A mapping file may name the encoding outright (`encoding: gb18030`), which skips the cascade.
The UTF-8 check streams the file in blocks through an incremental decoder: one extra pass
at memory speed, never the whole file in memory.
"""

from __future__ import annotations

import codecs

from checker.errors import CheckerError, file_error

_BLOCK = 1 << 20
_BOM = codecs.BOM_UTF8


def detect_encoding(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            head = stream.read(len(_BOM))
            if head == _BOM:
                return "utf-8-sig"
            decoder = codecs.getincrementaldecoder("utf-8")("strict")
            block = head
            try:
                while block:
                    decoder.decode(block)
                    block = stream.read(_BLOCK)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                return "gb18030"
    except OSError as error:
        raise file_error(path, "unreadable", error) from None
    return "utf-8"


def check_encoding_name(name: str, path: str) -> str:
    """The codec of a mapping's `encoding:`; an unknown name is the mapping's error."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise CheckerError(f"unknown text encoding '{name}'", file=path) from None
