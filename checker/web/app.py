"""The workbench's web application: sessions, CSRF, the password gate, error pages, and
the pages (checker.web.pages). `create_app(settings)` builds it; `hotline-check serve`
runs it with uvicorn.

Uploads live in one temporary folder per server (one sub-folder per session) that is
removed when the server stops; nothing uploaded is written anywhere else. The only file
the workbench writes outside it is a mapping the clerk confirmed, into the working folder."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import traceback
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from checker.errors import CheckerError
from checker.ruleset import load_ruleset
from checker.web.jobs import checker_message
from checker.web.refused import Refused
from checker.web.sessions import COOKIE, CSRF_FIELD, CSRF_HEADER, Session, SessionStore
from checker.web.settings import WebSettings
from checker.web.texts import t

HERE = Path(__file__).parent
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]
MAX_FORM_FIELDS = 2000

SECURITY_HEADERS = {
    # Everything is served from here: no CDN, no inline script, nothing framed from elsewhere.
    "content-security-policy": ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data:; frame-ancestors 'self'; form-action 'self'; "
                                "base-uri 'none'; object-src 'none'"),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "SAMEORIGIN",
    "cache-control": "no-store",
}


class SecurityHeaders:
    """ASGI middleware: the headers above on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
                         if name.encode() not in present]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Workbench:
    """What the pages share: the settings, the rule set in force, the sessions, the templates."""

    def __init__(self, settings: WebSettings):
        self.settings = settings
        self.lang = settings.lang
        self.ruleset = load_ruleset(settings.rules_path)
        self.temp = Path(tempfile.mkdtemp(prefix="hotline-check-web-"))
        atexit.register(self.remove_temp)   # also when the server ends without its shutdown
        self.sessions = SessionStore(self.temp)
        environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(HERE / "templates")),
            autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True)
        environment.globals.update(t=lambda key, **values: t(key, self.lang, **values),
                                   lang=self.lang, urlencode=urlencode)
        self.templates = Jinja2Templates(env=environment)

    def remove_temp(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)

    # -- responses ------------------------------------------------------------------
    def render(self, request: Request, session: Session | None, name: str, status: int = 200,
               **context) -> Response:
        context.setdefault("nav", "")
        context.update(csrf=session.csrf if session else "", csrf_field=CSRF_FIELD,
                       has_audit=bool(session and session.workspace.audited))
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def error_page(self, request: Request, session: Session | None, message: str,
                   status: int = 400) -> Response:
        return self.render(request, session, "error.html.j2", status=status, message=message)

    # -- the wrapper of every page ----------------------------------------------------
    def page(self, handler=None, *, parse_form: bool = True, public: bool = False):
        """Session cookie, password gate, CSRF on every POST, errors as pages."""
        if handler is None:
            return functools.partial(self.page, parse_form=parse_form, public=public)

        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            session = self.sessions.get(request.cookies.get(COOKIE))
            new = session is None
            if new:
                session = self.sessions.create()
            try:
                if self.settings.needs_login and not session.authenticated and not public:
                    response = RedirectResponse("/login", status_code=303)
                else:
                    form = None
                    if request.method == "POST" and parse_form:
                        form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
                        token = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
                        if not session.csrf_ok(token):
                            raise Refused("err_csrf", status=403)
                    response = await handler(request, session, form)
            except Refused as refused:
                response = self.error_page(request, session, t(refused.key, self.lang, **refused.values),
                                           refused.status)
            except CheckerError as error:
                response = self.error_page(request, session,
                                           checker_message(error, session.workspace.display_names()), 400)
            except HTTPException:
                raise
            except Exception as error:
                traceback.print_exc()
                response = self.error_page(request, session, internal_message(error, self.lang), 500)
            if new:
                response.set_cookie(COOKIE, session.id, httponly=True, samesite="strict", path="/")
            return response

        return endpoint


def internal_message(error: Exception, lang: str) -> str:
    return t("err_internal", lang, kind=type(error).__name__)


def create_app(settings: WebSettings) -> Starlette:
    from checker.web import pages

    bench = Workbench(settings)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        key = "err_method" if status == 405 else "err_not_found"
        return bench.error_page(request, None, t(key, bench.lang), status)

    async def server_error(request: Request, exc: Exception) -> Response:
        return bench.error_page(request, None, internal_message(exc, bench.lang), 500)

    @asynccontextmanager
    async def lifespan(app):
        try:
            yield
        finally:
            bench.remove_temp()

    middleware = [Middleware(SecurityHeaders)]
    if settings.loopback:
        # A page elsewhere cannot reach this server through a name it controls (DNS rebinding).
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_NAMES))
    routes = pages.routes(bench) + [
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static")]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={404: not_found, 405: not_found, 500: server_error})
    app.state.bench = bench
    return app
