"""Uploads, streamed to the session's temporary folder with the size limit enforced while
the bytes arrive (a 200 MB upload is refused at the limit, never held whole).

The CSRF token must come before any file (a header, or the form's first field); the file
name the browser sends is kept for display only: the stored file gets a name of the
server's own. An XLSX is a zip package: its members' uncompressed sizes are checked before
anything opens it, so a zip bomb named .xlsx is refused unread."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header

from checker.logs.reader import FORMATS
from checker.web.refused import Refused
from checker.web.sessions import CSRF_FIELD, CSRF_HEADER, Session
from checker.web.settings import WebSettings
from checker.web.texts import size_text
from checker.web.workspace import UploadedFile

# The multipart envelope around the files: boundaries, part headers, the CSRF field.
ENVELOPE_BYTES = 64 * 1024
MAX_FIELD_BYTES = 1024
LARGE_MEMBER = 1 << 20
MAX_MEMBERS = 10_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def allowed_extensions() -> dict[str, str]:
    """Extension -> format, exactly what the log reader reads (Parquet when it does)."""
    return dict(FORMATS)


def known_text() -> str:
    return "、".join(sorted({ext.lstrip(".").upper() for ext in FORMATS}))


def display_name(raw: bytes) -> str:
    """The file's own name, for showing: the last path segment, no control characters."""
    text = raw.decode("utf-8", errors="replace")
    text = re.split(r"[\\/]", text)[-1]
    return _CONTROL.sub("", text).strip()[:200] or "(未命名)"


class _Receiver:
    def __init__(self, session: Session, settings: WebSettings, new_path, header_token: str | None):
        self.session = session
        self.settings = settings
        self.new_path = new_path
        self.csrf_ok = session.csrf_ok(header_token)
        self.total = 0
        self.files: list[UploadedFile] = []
        self._headers: dict[bytes, bytes] = {}
        self._field = self._value = b""
        self._part_name = None
        self._field_data = bytearray()
        self._out = None
        self._current: UploadedFile | None = None

    # python-multipart callbacks --------------------------------------------------------
    def on_part_begin(self):
        self._headers = {}
        self._field = self._value = b""

    def on_header_field(self, data, start, end):
        self._field += data[start:end]

    def on_header_value(self, data, start, end):
        self._value += data[start:end]

    def on_header_end(self):
        self._headers[self._field.strip().lower()] = self._value.strip()
        self._field = self._value = b""

    def on_headers_finished(self):
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._part_name = params.get(b"name", b"").decode("utf-8", "replace")
        self._field_data = bytearray()
        self._current = None
        if b"filename" not in params:
            return
        raw_name = params[b"filename"]
        if not raw_name:
            return                      # a file input left empty
        if not self.csrf_ok:
            raise Refused("err_csrf", status=403)
        if len(self.files) >= self.settings.max_files:
            raise Refused("err_too_many", status=400, n=self.settings.max_files)
        name = display_name(raw_name)
        extension = os.path.splitext(name)[1].lower()
        kinds = allowed_extensions()
        if extension not in kinds:
            raise Refused("err_wrong_type", status=415, name=name, known=known_text())
        path = self.new_path(extension.lstrip("."))
        self._current = UploadedFile(name=name, path=path, kind=kinds[extension], size=0)
        self.files.append(self._current)
        self._out = open(path, "wb")

    def on_part_data(self, data, start, end):
        size = end - start
        self.total += size
        if self.total > self.settings.max_upload:
            raise Refused("err_too_large", status=413, limit=size_text(self.settings.max_upload))
        if self._current is not None:
            self._out.write(data[start:end])
            self._current.size += size
        else:
            self._field_data += data[start:end]
            if len(self._field_data) > MAX_FIELD_BYTES:
                raise Refused("err_bad_upload")

    def on_part_end(self):
        if self._current is not None:
            self.close_file()
            if self._current.size == 0:
                raise Refused("err_empty_file", name=self._current.name)
        elif self._part_name == CSRF_FIELD:
            self.csrf_ok = self.csrf_ok or self.session.csrf_ok(self._field_data.decode("utf-8", "replace"))

    def close_file(self):
        if self._out is not None:
            self._out.close()
            self._out = None

    def discard(self):
        self.close_file()
        for uploaded in self.files:
            uploaded.path.unlink(missing_ok=True)


async def receive_upload(request, session: Session, settings: WebSettings) -> list[UploadedFile]:
    """The files of a multipart upload, stored and checked; Refused otherwise (and then
    nothing of it is kept)."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise Refused("err_bad_upload")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_upload + ENVELOPE_BYTES:
        raise Refused("err_too_large", status=413, limit=size_text(settings.max_upload))
    receiver = _Receiver(session, settings, session.workspace.new_file_path,
                         request.headers.get(CSRF_HEADER))
    callbacks = {name: getattr(receiver, name) for name in (
        "on_part_begin", "on_header_field", "on_header_value", "on_header_end",
        "on_headers_finished", "on_part_data", "on_part_end")}
    parser = MultipartParser(boundary, callbacks)
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
        if not receiver.csrf_ok:
            raise Refused("err_csrf", status=403)
        if not receiver.files:
            raise Refused("err_no_file")
        for uploaded in receiver.files:
            if uploaded.kind == "xlsx":
                check_xlsx(uploaded.path, uploaded.name, settings)
    except Refused:
        receiver.discard()
        raise
    except Exception:
        receiver.discard()
        raise Refused("err_bad_upload") from None
    receiver.close_file()
    return receiver.files


def check_xlsx(path: Path, name: str, settings: WebSettings) -> None:
    """Refuse a workbook whose members would unpack to more than the limit, or that is
    compressed far beyond what spreadsheet XML ever is, before openpyxl sees it. The sizes
    are the zip directory's; Python's zip reader never inflates a member past its stated size."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError):
        raise Refused("err_not_xlsx", status=415, name=name) from None
    total = sum(member.file_size for member in members)
    limit = size_text(settings.max_unpacked)
    if len(members) > MAX_MEMBERS or total > settings.max_unpacked:
        raise Refused("err_zip_bomb", status=413, name=name, size=size_text(total), limit=limit)
    for member in members:
        if (member.file_size > LARGE_MEMBER
                and member.file_size > settings.max_ratio * max(member.compress_size, 1)):
            raise Refused("err_zip_bomb", status=413, name=name, size=size_text(total),
                                limit=limit)
