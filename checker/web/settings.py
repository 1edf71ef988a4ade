"""How the workbench runs: address, language, rule set, working folder, password, limits.

Safe by default: it listens on the loopback address only. Serving any other address (an
office intranet) needs a password — `web.password` in the working folder's
hotline-check.yaml, or the environment variable HOTLINE_CHECK_WEB_TOKEN, which wins — and
the server refuses to start without one.
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
DEFAULT_UPLOAD_MB = 100

_MESSAGES = {
    "needs_token": {
        "zh": "拒绝启动：在非本机地址 {host} 上提供服务，必须先设置访问口令（至少 {n} 个字符）："
              "写在工作目录配置文件 hotline-check.yaml 的 web.password 中，或环境变量 {env} 中；"
              "只在本机使用时请去掉 --host 或使用 127.0.0.1。",
        "en": "refusing to start: serving the non-loopback address {host} needs an access password "
              "(at least {n} characters): web.password in the working folder's hotline-check.yaml, "
              "or the environment variable {env}; to use it on this machine only, leave out "
              "--host or use 127.0.0.1."},
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
    mappings_folder: Path | None = None      # where confirmed mappings are saved
    validation_targets: tuple[Path, ...] = ()   # what the rules page validates (besides the rule set)
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
                 max_upload_mb: float | None = None, environ: dict | None = None,
                 config=None) -> WebSettings:
    """The settings of one server; CheckerError (in `lang`) when it must not start.

    `config` is the working folder's configuration (checker.workdir.config.WorkConfig) or
    None: it gives the working folder, the password and the upload limit unless told."""
    environ = os.environ if environ is None else environ
    if max_upload_mb is None:
        max_upload_mb = (config.web_max_upload_mb if config and config.web_max_upload_mb
                         else DEFAULT_UPLOAD_MB)
    if max_upload_mb <= 0:
        raise CheckerError(say(_MESSAGES, "bad_limit", lang))
    token = environ.get(TOKEN_ENV) or (config.web_password if config else None) or None
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise CheckerError(say(_MESSAGES, "short_token", lang, n=MIN_TOKEN_LENGTH))
    if not is_loopback(host) and token is None:
        raise CheckerError(say(_MESSAGES, "needs_token", lang, host=host, n=MIN_TOKEN_LENGTH,
                               env=TOKEN_ENV))
    folder = Path(workdir) if workdir else (config.folder if config else Path.cwd())
    if config is not None:
        mappings = config.mappings[0].parent if config.mappings else config.folder / "mappings"
        targets = tuple(config.validation_targets())
    else:
        mappings, targets = folder / "mappings", ()
    return WebSettings(host=host, port=port, lang=lang, rules_path=rules_path, workdir=folder,
                       mappings_folder=mappings, validation_targets=targets, token=token,
                       max_upload=int(max_upload_mb * MB))
