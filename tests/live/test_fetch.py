"""The polite client against the local site: User-Agent, robots.txt, Retry-After, timeouts,
redirects, size limits, the charset of the response."""

from __future__ import annotations

import dataclasses
import time

from newssite import NewsSite

from tidings.config import Settings
from tidings.live.fetch import USER_AGENT, Fetcher
from tidings.live.localsite import Answer, Request
from tidings.live.read import read_page
from tidings.model import Article


def _fetcher(settings: Settings, **changes) -> Fetcher:
    return Fetcher(dataclasses.replace(settings.live, **changes), settings.ingest.max_bytes)


def test_every_request_names_tidings_and_its_url(site: NewsSite, light_settings: Settings):
    agents = []

    def echo(request: Request) -> Answer:
        agents.append(request.headers.get("user-agent"))
        return Answer(200, b"ok", {"Content-Type": "text/plain"})

    site.handler("/echo", echo)
    fetcher = _fetcher(light_settings)
    assert fetcher.fetch(site.url("/echo")).ok
    assert agents == [USER_AGENT]
    assert USER_AGENT.startswith("tidings/") and "+http" in USER_AGENT


def test_robots_txt_is_asked_once_and_a_disallowed_path_never_requested(
        site: NewsSite, light_settings: Settings):
    fetcher = _fetcher(light_settings)
    got = fetcher.fetch(site.url("/private/memo"))
    assert got.code == "T321" and not got.transient and "disallows" in got.error
    assert fetcher.fetch(site.url("/en/port-strike")).ok
    assert site.hits("/private/memo") == 0 and site.hits("/robots.txt") == 1


def test_a_503_with_retry_after_is_tried_again_after_the_wait(
        site: NewsSite, light_settings: Settings):
    fetcher = _fetcher(light_settings)
    started = time.monotonic()
    got = fetcher.fetch(site.url("/busy/rss.xml"), kind="feed")
    assert got.ok and b"<rss" in got.body
    assert time.monotonic() - started >= 0.9  # Retry-After: 1
    assert site.hits("/busy/rss.xml") == 2


def test_a_retry_after_over_the_cap_gives_up_at_once(site: NewsSite, light_settings: Settings):
    site.handler("/later", lambda r: Answer(429, b"", {"Retry-After": "3600"}))
    started = time.monotonic()
    got = _fetcher(light_settings).fetch(site.url("/later"))
    assert got.error and "3600" in got.error and got.transient
    assert time.monotonic() - started < 1 and site.hits("/later") == 1


def test_a_silent_server_times_out(site: NewsSite, light_settings: Settings):
    started = time.monotonic()
    got = _fetcher(light_settings, timeout_s=0.5).fetch(site.url("/slow/rss.xml"))
    assert got.error == "timed out after 0.5s" and got.transient
    assert time.monotonic() - started < 2.5


def test_redirects_are_followed_and_recorded(site: NewsSite, light_settings: Settings):
    got = _fetcher(light_settings).fetch(site.url("/go/xinwen"))
    assert got.ok and got.final_url == site.url("/zh/xinwen")
    assert got.redirects == [site.url("/go/xinwen"), site.url("/go2/xinwen")]


def test_an_answer_over_the_size_limit_is_refused(site: NewsSite, light_settings: Settings):
    site.page("/big", "x" * 5000, "text/plain")
    got = Fetcher(light_settings.live, 1000).fetch(site.url("/big"))
    assert got.code == "T303" and "too large" in got.error and not got.body


def test_the_charset_of_the_response_decodes_the_page(site: NewsSite, light_settings: Settings):
    html = ("<html><head><title>Noticias</title></head><body><article><h1>Año nuevo en "
            "Peñíscola</h1><p>La celebración del año nuevo reunió a miles de vecinos en la "
            "plaza mayor de Peñíscola, según el ayuntamiento.</p></article></body></html>")
    site.page("/latin1", html.encode("latin-1"), "text/html; charset=ISO-8859-1")
    got = _fetcher(light_settings).fetch(site.url("/latin1"))
    assert got.charset == "ISO-8859-1"
    [article] = list(read_page(got, light_settings.ingest))
    assert isinstance(article, Article)
    assert "Peñíscola" in article.text and article.extra["fetched_at"] == got.fetched_at
    assert article.published is None  # never the fetch time


def test_a_site_without_robots_txt_may_be_fetched_and_one_failing_waits(
        light_settings: Settings):
    from tidings.live.localsite import LocalSite

    with LocalSite() as bare:
        bare.page("/a", "hello", "text/plain")
        assert _fetcher(light_settings).fetch(bare.url("/a")).ok  # robots.txt: 404
        bare.page("/robots.txt", "down", "text/plain", status=503)
        got = _fetcher(light_settings, retries=0).fetch(bare.url("/a"))
        assert got.code == "T320" and got.transient and bare.hits("/a") == 1
        assert "robots.txt of" in got.error and "could not be fetched (HTTP 503" in got.error


def test_a_refused_connection_is_a_reason_to_try_again(light_settings: Settings):
    import socket

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    got = _fetcher(light_settings).fetch(f"http://127.0.0.1:{port}/rss.xml", kind="feed")
    assert "could not be fetched (cannot connect" in got.error  # robots.txt first
    assert got.transient and got.status == 0 and got.code == "T320"


def test_retry_after_is_read_as_seconds_or_as_a_date():
    from email.utils import formatdate

    from tidings.live.fetch import _retry_after

    assert _retry_after("7") == 7
    assert 25 <= _retry_after(formatdate(time.time() + 30, usegmt=True)) <= 31
    assert _retry_after("soon") is None and _retry_after(None) is None


def test_requests_to_one_host_wait_their_turn(site: NewsSite, light_settings: Settings):
    from concurrent.futures import ThreadPoolExecutor

    fetcher = _fetcher(light_settings, per_host=1, delay_s=0.3)
    fetcher.fetch(site.url("/robots.txt"))  # robots.txt asked before the clock starts
    paths = ["/en/port-strike", "/es/incendio", "/de/bahn"]
    started = time.monotonic()
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda p: fetcher.fetch(site.url(p)), paths))
    assert all(a.ok for a in answers)
    assert time.monotonic() - started >= 0.6  # three starts, 0.3 s apart
