"""The web application: one FastAPI app serving the JSON API (``/api``, ``/openapi.json``,
``/docs``) and the HTML pages over one store, opened read-only.

Every request has a read-only connection to itself, lent from a few kept open (SQLite readers
never block the writer, and the writer never blocks them), and every statement it runs is
cut after ``time_limit`` seconds: a runaway query is answered 503 with the reason, and the
worker is free again. Errors of every kind leave as one shape,
``{"error": {"code", "message", "hint"}}`` (or the error page, for a page).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tidings.errors import QueryTimeout, StoreError, TidingsError
from tidings.problems import Problem
from tidings.serve.render import templates
from tidings.store import Store, is_url, open_store

STATIC = Path(__file__).parent / "static"
# No script, no frame, nothing from anywhere else: the pages are HTML and CSS from here.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# Swagger UI (/docs) runs its own script and an inline start-up script, from this server only.
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' "
            "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
# Codes that mean "nothing there" rather than "asked wrongly".
_NOT_FOUND = {"T710", "T711", "T712", "T713", "T720"}


class StoreOpener:
    """Lends a read-only store to one request at a time, with every statement time-limited.

    Stores are kept open between requests (up to ``keep``): a new connection reads the
    schema again and starts with a cold page cache. A reader in autocommit sees each new
    commit at its next statement, so a kept store is never stale; one whose request failed
    is closed rather than kept."""

    def __init__(self, db: str | Path, time_limit: float, keep: int = 8) -> None:
        self.db = db
        self.time_limit = time_limit
        self.keep = keep
        self._idle: list[Store] = []
        self._lock = threading.Lock()
        # fail at start, not at the first request; a store of an older tidings gets its
        # pending migrations (the one write the server makes, before it serves)
        with open_store(db) if is_url(db) or Path(db).exists() else open_store(
                db, readonly=True):
            pass

    def __call__(self) -> Iterator[Store]:
        with self._lock:
            store = self._idle.pop() if self._idle else None
        if store is None:
            store = open_store(self.db, readonly=True)
        failed = True
        try:
            with store.time_limit(self.time_limit):
                yield store
            failed = False
        finally:
            with self._lock:
                kept = not failed and len(self._idle) < self.keep
                if kept:
                    self._idle.append(store)
            if not kept:
                store.close()

    def close(self) -> None:
        """Close the stores kept between requests (the server is stopping)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for store in idle:
            store.close()


def create_app(db: str | Path, *, time_limit: float = 5.0) -> FastAPI:
    """The app over the store at ``db`` (which must exist); statements run at most
    ``time_limit`` seconds each."""
    from tidings import __version__
    from tidings.serve import api, pages

    opener = StoreOpener(db, time_limit)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        opener.close()

    app = FastAPI(
        title="tidings", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
        description="Who did what to whom, when and where, from multilingual news: articles, "
        "entities, PLOVER events and stories, each field with its evidence. Every error is "
        '`{"error": {"code", "message", "hint"}}`.',
    )
    app.state.opener = opener
    app.state.db = str(db)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _docs(app)
    _errors(app)

    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no task or stream per
    request, unlike a ``BaseHTTPMiddleware``)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        docs = path == "/docs" or path.startswith("/docs-assets/")
        extra = [(b"content-security-policy", (DOCS_CSP if docs else CSP).encode()),
                 (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                 (b"x-frame-options", b"DENY")]

        async def sending(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in extra}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + extra}
            await send(message)

        await self.app(scope, receive, sending)


def _docs(app: FastAPI) -> None:
    """``/docs``: Swagger UI 5 (it reads OpenAPI 3.1) from the swagger-ui-py package's
    files, served here (no CDN)."""
    import swagger_ui
    from fastapi.openapi.docs import get_swagger_ui_html

    assets = Path(swagger_ui.__file__).parent / "static"
    app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="tidings API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png")


def status_of(problem: Problem, exc: Exception | None = None) -> int:
    if isinstance(exc, QueryTimeout):
        return 503
    if problem.code in _NOT_FOUND:
        return 404
    if isinstance(exc, StoreError):
        return 503
    return 400


def error_response(request: Request, problem: Problem, status: int) -> Response:
    """The one error shape: JSON under ``/api`` (and for clients that ask for JSON), the
    error page elsewhere."""
    body = {"error": {"code": problem.code, "message": problem.message, "hint": problem.hint}}
    wants_html = not request.url.path.startswith(("/api", "/openapi")) and (
        "json" not in request.headers.get("accept", ""))
    if wants_html:
        return templates.TemplateResponse(
            request, "error.html", {"problem": problem, "status": status}, status_code=status)
    return JSONResponse(body, status_code=status)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(TidingsError)
    async def tidings_error(request: Request, exc: TidingsError) -> Response:
        return error_response(request, exc.problem, status_of(exc.problem, exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path"))
        problem = Problem("T600", f"parameter '{where}': {first.get('msg', 'not valid')}",
                          "serve", "see /docs for the parameters of this address")
        return error_response(request, problem, 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            problem = Problem("T720", f"nothing is served at {request.url.path[:200]}",
                              "serve", "start at / (the pages) or /docs (the API)")
        else:
            problem = Problem("T600", str(exc.detail), "serve", "see /docs")
        return error_response(request, problem, exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        problem = Problem("T000", f"unexpected error: {type(exc).__name__}", "serve",
                          "please report it, with the address you asked for")
        return error_response(request, problem, 500)


def html(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    """A page from its template and context."""
    return templates.TemplateResponse(request, name, context)
