"""A small web site on 127.0.0.1 for the live tests, the live bench and trying ``watch``
without the network: fixed pages and feeds (ETag-aware when asked), handlers for anything
else (slow answers, 503s, redirects), and a log of every request it answered.

    with LocalSite() as site:
        site.page("/rss.xml", rss_bytes, "application/rss+xml", etag=True)
        site.handler("/slow", lambda request: (time.sleep(5), Answer(200, b"late"))[1])
        tidings ingest site.url("/rss.xml") ...
        site.hits("/rss.xml")   # requests answered for that path
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(slots=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Request:
    path: str
    headers: dict[str, str]


@dataclass(slots=True)
class Logged:
    """A request, logged when it arrives; ``status`` is 0 until it is answered."""

    path: str
    status: int
    conditional: bool


class LocalSite:
    """A threaded HTTP/1.1 server of fixed resources and handlers, on a free loopback port."""

    def __init__(self) -> None:
        self.resources: dict[str, Callable[[Request], Answer]] = {}
        self.log: list[Logged] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- content -------------------------------------------------------------------------

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             *, etag: bool = False, last_modified: float | None = None,
             status: int = 200) -> None:
        """A fixed resource; with ``etag`` (or ``last_modified``, a Unix time) it answers
        conditional GETs with 304 while it is unchanged."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        tag = '"' + hashlib.blake2b(data, digest_size=8).hexdigest() + '"' if etag else None
        stamp = formatdate(last_modified, usegmt=True) if last_modified is not None else None

        def answer(request: Request) -> Answer:
            headers = {"Content-Type": content_type}
            if tag:
                headers["ETag"] = tag
            if stamp:
                headers["Last-Modified"] = stamp
            if (tag and request.headers.get("if-none-match") == tag) or (
                    stamp and not tag and request.headers.get("if-modified-since") == stamp):
                return Answer(304, b"", headers)
            return Answer(status, data, headers)

        self.resources[path] = answer

    def handler(self, path: str, handle: Callable[[Request], Answer]) -> None:
        self.resources[path] = handle

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self.resources[path] = lambda request: Answer(status, b"moved", {"Location": to})

    # -- serving -------------------------------------------------------------------------

    def start(self) -> LocalSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                site._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base(self) -> str:
        assert self._server is not None, "start the site first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str | None = None) -> int:
        """Requests answered (for ``path``, without its query), since the start."""
        with self._lock:
            return sum(1 for e in self.log if path is None or e.path.split("?")[0] == path)

    def paths(self) -> list[str]:
        with self._lock:
            return [e.path for e in self.log]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        request = Request(handler.path, {k.lower(): v for k, v in handler.headers.items()})
        conditional = "if-none-match" in request.headers or "if-modified-since" in request.headers
        logged = Logged(handler.path, 0, conditional)
        with self._lock:
            self.log.append(logged)
        handle = self.resources.get(handler.path) or self.resources.get(
            handler.path.split("?")[0])
        answer = handle(request) if handle else Answer(404, b"<html><body>not found</body>"
                                                       b"</html>", {"Content-Type": "text/html"})
        logged.status = answer.status
        try:
            handler.send_response(answer.status)
            for key, value in answer.headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(answer.body)))
            handler.end_headers()
            if answer.status != 304:
                handler.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer
