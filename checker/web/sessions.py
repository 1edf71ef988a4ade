"""Who is using the workbench: a random session id in a cookie, and on the server per
session its CSRF token, whether it gave the password, and its workspace.

Nothing of a session is in the cookie but its id; the id is never a path."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from checker.web.workspace import Workspace

COOKIE = "hotline_check_session"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
IDLE_SECONDS = 12 * 3600


@dataclass
class Session:
    id: str
    csrf: str
    workspace: Workspace
    authenticated: bool = False
    last_seen: float = field(default_factory=time.monotonic)

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(token.encode(), self.csrf.encode())


class SessionStore:
    def __init__(self, workspaces_root):
        self._root = workspaces_root
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        with self._lock:
            session = self._sessions.get(session_id)
            if session is not None:
                session.last_seen = time.monotonic()
            return session

    def create(self) -> Session:
        with self._lock:
            self._forget_idle()
            session = Session(id=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32),
                              workspace=Workspace.create(self._root))
            self._sessions[session.id] = session
            return session

    def _forget_idle(self) -> None:
        limit = time.monotonic() - IDLE_SECONDS
        for session_id in [key for key, s in self._sessions.items() if s.last_seen < limit]:
            self._sessions.pop(session_id).workspace.remove()
