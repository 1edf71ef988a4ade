"""How the workbench runs: address, language, rule set, working folder, password, limits.

Safe by default: it listens on the loopback address only. Serving any other address (an
office intranet) needs a password, and the server refuses to start without one.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import CheckerError
from checker.i18n import say

TOKEN_ENV = "HOTLINE_CHECK_WEB_TOKEN"
MIN_TOKEN_LENGTH = 8
MB = 1 << 20

_MESSAGES = {
    "needs_token": {
        "zh": "拒绝启动：在非本机地址 {host} 上提供服务，必须先设置访问口令（至少 {n} 个字符），"
              "写在环境变量 {env} 中；只在本机使用时请去掉 --host 或使用 127.0.0.1。",
        "en": "refusing to start: serving the non-loopback address {host} needs an access password "
              "(at least {n} characters) in the environment variable {env}; to use it on this "
              "machine only, leave out --host or use 127.0.0.1."},
    "short_token": {
        "zh": "拒绝启动：访问口令太短，至少需要 {n} 个字符。",
        "en": "refusing to start: the access password is too short; it needs at least {n} characters."},
    "bad_limit": {"zh": "上传上限必须是正数（MB）。", "en": "the upload limit must be a positive number of MB."},
}


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and the name localhost; anything else is reachable from elsewhere."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    lang: str = "zh"
    rules_path: str | None = None
    workdir: Path = field(default_factory=Path.cwd)
    token: str | None = None
    max_upload: int = 100 * MB           # all files of one upload together
    max_files: int = 20                  # files in one upload
    max_unpacked: int = 2048 * MB        # an XLSX's members, uncompressed, together
    max_ratio: int = 200                 # uncompressed / compressed of any large XLSX member

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def needs_login(self) -> bool:
        return self.token is not None


def web_settings(host: str = "127.0.0.1", port: int = 8000, lang: str = "zh",
                 rules_path: str | None = None, workdir: str | Path | None = None,
                 max_upload_mb: float = 100, environ: dict | None = None) -> WebSettings:
    """The settings of one server; CheckerError (in `lang`) when it must not start."""
    environ = os.environ if environ is None else environ
    if max_upload_mb <= 0:
        raise CheckerError(say(_MESSAGES, "bad_limit", lang))
    token = environ.get(TOKEN_ENV) or None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise CheckerError(say(_MESSAGES, "short_token", lang, n=MIN_TOKEN_LENGTH))
    if not is_loopback(host) and token is None:
        raise CheckerError(say(_MESSAGES, "needs_token", lang, host=host, n=MIN_TOKEN_LENGTH,
                               env=TOKEN_ENV))
    return WebSettings(host=host, port=port, lang=lang, rules_path=rules_path,
                       workdir=Path(workdir) if workdir else Path.cwd(), token=token,
                       max_upload=int(max_upload_mb * MB))
