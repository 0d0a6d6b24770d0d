"""Polite HTTP: one ``Fetcher`` (an httpx client) for a run, safe to call from threads.

Every request names tidings in its User-Agent, asks robots.txt first (kept per origin in the
store for a day, so an unchanged round costs one conditional GET per feed and nothing else),
waits its turn per host (at most ``per_host`` at once, ``delay_s`` between starts), follows
redirects itself (each hop recorded, each checked against robots.txt), gives up on bodies over
``max_bytes`` (``[ingest] max_bytes``, as for files), and retries 429 and 5xx answers with
backoff, waiting what ``Retry-After`` asks when that is under ``max_wait_s``. A failure is a
``Fetched`` with ``error`` set, never an exception: ``transient`` says whether the next round
should try again.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

from tidings import __version__
from tidings.config import LiveSettings
from tidings.live.urls import origin

# The project's address in the User-Agent: a site owner who sees tidings in a log finds out
# what it is and whom to ask. Override with --user-agent ([live] user_agent).
PROJECT_URL = "https://github.com/tidings/tidings"
USER_AGENT = f"tidings/{__version__} (+{PROJECT_URL}; news monitor)"
ROBOTS_AGENT = "tidings"
_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY = (429, 500, 502, 503, 504)
# An origin whose robots.txt could not be fetched is asked again after this many seconds.
_ROBOTS_RETRY_S = 60.0
# Headers that describe the bytes on the wire, not the decoded body we keep.
_WIRE_HEADERS = ("content-encoding", "transfer-encoding", "content-length")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class Fetched:
    """One answer (after redirects), or why there is none."""

    url: str
    final_url: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)
    fetched_at: str = ""
    error: str | None = None
    code: str = "T320"
    transient: bool = True

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


class _Host:
    """Turns for one host: a semaphore for concurrency, a clock for the delay."""

    def __init__(self, slots: int) -> None:
        self.slots = threading.Semaphore(max(1, slots))
        self.lock = threading.Lock()
        self.next_start = 0.0


class Fetcher:
    """GET with conditional headers, robots.txt, host limits, retries and redirects.

    ``archive(url, status, reason, headers, body, fetched_at)`` is called for every answer
    received (robots.txt, redirects and errors included): the WARC writer."""

    def __init__(self, options: LiveSettings, max_bytes: int,
                 archive: Callable[[str, int, str, list[tuple[str, str]], bytes, str], None]
                 | None = None) -> None:
        import httpx

        self.options, self.max_bytes = options, max_bytes
        self.archive = archive
        self.client = httpx.Client(
            timeout=httpx.Timeout(options.timeout_s), follow_redirects=False,
            headers={"User-Agent": options.user_agent or USER_AGENT}, trust_env=False,
            limits=httpx.Limits(max_connections=max(4, options.threads * 2)),
        )
        self.requests: Counter[str] = Counter()
        self.log: list[tuple[str, int]] = []
        self._hosts: dict[str, _Host] = {}
        # origin -> (parser or None for "all allowed", expiry on the monotonic clock, why
        # robots.txt could not be fetched)
        self._robots: dict[str, tuple[RobotFileParser | None, float, str | None]] = {}
        self._robots_new: list[tuple[str, int, str, str]] = []
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    # -- robots.txt ----------------------------------------------------------------------

    def load_robots(self, origins: Iterable[str], table: Any) -> None:
        """Have robots.txt of ``origins`` at hand: from ``table`` (``store.feeds``) when
        fetched within ``robots_ttl_s``, else fetched now. Call from the store's thread."""
        for name in dict.fromkeys(origins):
            if self._robots_known(name):
                continue
            kept = table.robots(name)
            age = time.time() - datetime.fromisoformat(kept["fetched_at"]).timestamp() if kept \
                else None
            if kept and age is not None and age < self.options.robots_ttl_s:
                with self._lock:
                    self._robots[name] = (_parse_robots(kept["status"], kept["body"]),
                                          time.monotonic() + self.options.robots_ttl_s - age,
                                          None)
            else:
                self._fetch_robots(name)
        self.save_robots(table)

    def save_robots(self, table: Any) -> None:
        """Store the robots.txt files fetched since the last call (in the store's thread)."""
        with self._lock:
            fresh, self._robots_new = self._robots_new, []
        for name, status, body, at in fresh:
            table.save_robots(name, status, body, at)

    def robots_block(self, url: str) -> str | None:
        """Why robots.txt keeps tidings from ``url``; None when it may be fetched."""
        name = origin(url)
        if not self._robots_known(name):
            self._fetch_robots(name)
        with self._lock:
            parser, _, failure = self._robots[name]
        if failure:
            return f"robots.txt of {name} could not be fetched ({failure}); nothing is " \
                   "fetched from there until it can"
        if parser is not None and not parser.can_fetch(ROBOTS_AGENT, url):
            return f"robots.txt of {name} disallows {url}"
        return None

    def _robots_known(self, name: str) -> bool:
        with self._lock:
            return name in self._robots and self._robots[name][1] > time.monotonic()

    def _fetch_robots(self, name: str) -> None:
        got = self._request(f"{name}/robots.txt", {}, "robots", redirects=3)
        if got.error is None and got.status == 200:
            body, status = got.body[:500_000].decode("utf-8", errors="replace"), 200
        elif 400 <= got.status < 500 and got.status != 429:
            body, status = "", got.status  # no robots.txt: everything is allowed
        else:
            # unreachable or a server error: nothing from there for now (RFC 9309); asked
            # again after a minute, so a long watch gets there when the site is back
            with self._lock:
                self._robots[name] = (None, time.monotonic() + _ROBOTS_RETRY_S,
                                      got.error or f"HTTP {got.status}")
            return
        with self._lock:
            self._robots[name] = (_parse_robots(status, body),
                                  time.monotonic() + self.options.robots_ttl_s, None)
            self._robots_new.append((name, status, body, got.fetched_at))

    # -- GET -----------------------------------------------------------------------------

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              kind: str = "page") -> Fetched:
        """GET ``url`` politely; ``etag``/``last_modified`` make it conditional (304)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if kind == "feed":
            headers["Accept"] = ("application/rss+xml, application/atom+xml, "
                                 "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
        return self._request(url, headers, kind, redirects=self.options.max_redirects)

    def _request(self, url: str, headers: dict[str, str], kind: str, *,
                 redirects: int) -> Fetched:
        chain: list[str] = []
        current = url
        for _ in range(redirects + 1):
            blocked = self.robots_block(current) if kind != "robots" else None
            if blocked:
                unreachable = "could not be fetched" in blocked
                return Fetched(url, current, redirects=chain, fetched_at=now_iso(),
                               error=blocked, code="T320" if unreachable else "T321",
                               transient=unreachable)
            got = self._with_retries(current, headers, kind)
            got.url, got.redirects = url, chain
            location = got.headers.get("location")
            if got.error is None and got.status in _REDIRECTS and location:
                chain.append(current)
                current = urljoin(current, location)
                continue
            return got
        return Fetched(url, current, redirects=chain, fetched_at=now_iso(),
                       error=f"more than {redirects} redirects", transient=False)

    def _with_retries(self, url: str, headers: dict[str, str], kind: str) -> Fetched:
        host = self._host(origin(url))
        with host.slots:
            attempt = 0
            while True:
                self._wait_turn(host)
                got = self._once(url, headers, kind)
                if got.error is not None or got.status not in _RETRY:
                    return got
                wait = _retry_after(got.headers.get("retry-after"))
                if wait is None:
                    wait = self.options.backoff_s * 2 ** attempt
                if attempt >= self.options.retries or wait > self.options.max_wait_s:
                    why = f"HTTP {got.status}"
                    if wait > self.options.max_wait_s:
                        why += f", asked to wait {wait:g}s (more than {self.options.max_wait_s:g})"
                    got.error = f"{why} after {attempt + 1} tries"
                    return got
                attempt += 1
                time.sleep(wait)

    def _wait_turn(self, host: _Host) -> None:
        with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + self.options.delay_s
        if start > now:
            time.sleep(start - now)

    def _host(self, name: str) -> _Host:
        with self._lock:
            if name not in self._hosts:
                self._hosts[name] = _Host(self.options.per_host)
            return self._hosts[name]

    def _once(self, url: str, headers: dict[str, str], kind: str) -> Fetched:
        import httpx

        limit = self.max_bytes
        at = now_iso()
        with self._lock:
            self.requests[kind] += 1
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                got = Fetched(url, str(response.url), response.status_code,
                              {k.lower(): v for k, v in response.headers.items()},
                              fetched_at=at)
                size = response.headers.get("content-length", "")
                if size.isdigit() and int(size) > limit:
                    return _too_large(got, limit)
                chunks, total = [], 0
                for chunk in response.iter_bytes():
                    total += len(chunk)
                    if total > limit:
                        return _too_large(got, limit)
                    chunks.append(chunk)
                got.body = b"".join(chunks)
                reason = response.reason_phrase
                wire = list(response.headers.multi_items())
        except httpx.TimeoutException:
            return Fetched(url, url, fetched_at=at,
                           error=f"timed out after {self.options.timeout_s:g}s")
        except httpx.ConnectError as exc:
            text = str(exc)
            if "name" in text.lower() and ("resolve" in text.lower() or "known" in text.lower()):
                return Fetched(url, url, fetched_at=at, error=f"DNS: cannot resolve the host "
                               f"of {url} ({text})")
            return Fetched(url, url, fetched_at=at, error=f"cannot connect: {text}")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            return Fetched(url, url, fetched_at=at, error=f"not a URL tidings can fetch: {exc}",
                           transient=False)
        except httpx.HTTPError as exc:
            return Fetched(url, url, fetched_at=at,
                           error=f"{type(exc).__name__}: {exc}".rstrip(": "))
        with self._lock:
            self.log.append((url, got.status))
        if self.archive is not None:
            self.archive(url, got.status, reason, wire, got.body, at)
        if got.status >= 400 and got.status not in _RETRY:
            got.error = f"HTTP {got.status} {reason}".strip()
            got.transient = got.status in (403, 408, 425)
        return got


def _too_large(got: Fetched, limit: int) -> Fetched:
    got.error = f"too large: over {limit / 1e6:g} MB (raise --max-bytes to read it)"
    got.code, got.transient, got.body = "T303", False, b""
    return got


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _parse_robots(status: int, body: str) -> RobotFileParser | None:
    """A parser for a robots.txt answer; None (everything allowed) when there is none."""
    if status != 200 or not body.strip():
        return None
    parser = RobotFileParser()
    parser.parse(body.splitlines())
    return parser


def wire_headers(headers: list[tuple[str, str]], body: bytes) -> list[tuple[str, str]]:
    """Response headers as they describe ``body`` (decoded): for a WARC record."""
    kept = [(k, v) for k, v in headers if k.lower() not in _WIRE_HEADERS]
    return [*kept, ("Content-Length", str(len(body)))]
