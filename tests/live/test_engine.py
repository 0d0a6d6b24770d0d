"""A live round in this process, against the news site: what is stored, what is fetched, what
is recorded when a feed fails, and what the next round costs."""

from __future__ import annotations

from pathlib import Path

import pytest
from newssite import FEEDS, NewsSite, page_html, rss

from tidings.live import FeedEntry, LiveRun
from tidings.live.localsite import Answer
from tidings.queries import ArticleQuery
from tidings.store import open_store


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "live.db") as opened:
        yield opened


def _run(store, pipeline):
    return LiveRun(store, pipeline, pipeline.settings.live)


def _articles(store) -> list[dict]:
    return list(store.articles(ArticleQuery.parse("")))


def _entries(site: NewsSite) -> list[FeedEntry]:
    return [FeedEntry(site.url(f)) for f in FEEDS]


def test_a_round_stores_each_article_once_and_records_each_failing_feed(
        site: NewsSite, store, light_pipeline):
    run = _run(store, light_pipeline)
    try:
        report = run.poll(_entries(site), every_feed=True)
    finally:
        run.close()
    stored = {a["url"]: a for a in _articles(store)}
    paths = sorted(url.removeprefix(site.base) for url in stored)
    assert paths == ["/de/bahn", "/en/port-strike", "/en/rate-decision", "/es/elecciones",
                     "/es/incendio", "/fr/greve", "/zh/xinwen"]
    assert report.added == 7 and report.feeds == len(FEEDS)
    # the port strike is in two feeds (a tracking link, an AMP copy): fetched and stored once
    assert site.hits("/en/port-strike") + site.hits("/amp/port-strike") == 1
    assert {a["lang"] for a in stored.values()} == {"en", "es", "de", "fr", "zh"}
    assert site.hits("/private/memo") == 0
    assert [r.code for r in report.rejects] == ["T321"]
    reasons = {e["feed"].removeprefix(site.base): e["reason"] for e in report.errors}
    assert reasons["/slow/rss.xml"] == "timed out after 1s"
    assert reasons["/error/rss.xml"].startswith("not a feed")
    assert reasons["/bad/rss.xml"].startswith("not a readable feed")
    assert reasons["/down/rss.xml"] == "HTTP 500 after 3 tries"
    assert "/busy/rss.xml" not in reasons  # 503 with Retry-After: 1, then 200
    feeds = {f["url"].removeprefix(site.base): f for f in store.feeds.list()}
    assert feeds["/error/rss.xml"]["last_error"].startswith("not a feed")
    assert feeds["/error/rss.xml"]["failures"] == 1 and feeds["/error/rss.xml"]["next_poll"]
    assert feeds["/en/rss.xml"]["etag"] and feeds["/en/rss.xml"]["last_success"]
    assert feeds["/de/rss.xml"]["last_modified"] == "Mon, 24 Nov 2025 16:00:00 GMT"


def test_an_article_keeps_its_publication_date_fetch_time_and_final_url_apart(
        site: NewsSite, store, light_pipeline):
    run = _run(store, light_pipeline)
    try:
        run.poll([FeedEntry(site.url("/zh/rss.xml"))])
    finally:
        run.close()
    [article] = _articles(store)
    assert article["published"] == "2026-11-30T09:00:00+00:00"
    assert article["provenance"]["published"] == "html-meta"
    extra = article["extra"]
    assert extra["final_url"] == article["url"] == site.url("/zh/xinwen")
    assert extra["redirects"] == [site.url(p) for p in ("/go/xinwen", "/go2/xinwen",
                                                         "/zh/xinwen")]
    assert extra["item_url"] == site.url("/go/xinwen") and extra["fetched_at"].startswith("20")
    assert extra["feed"] == site.url("/zh/rss.xml")


def test_a_page_without_a_date_takes_the_feed_date_never_the_fetch_time(
        site: NewsSite, store, light_pipeline):
    from newssite import BY_PATH, Story

    undated = Story("/en/undated", "en", "Bridge reopens", BY_PATH["/en/late-news"].body, None)
    site.page("/en/undated", page_html(undated))
    site.page("/u/rss.xml", rss("U", [("Bridge reopens", site.url("/en/undated"))]))
    run = _run(store, light_pipeline)
    try:
        run.poll([FeedEntry(site.url("/u/rss.xml"))])
    finally:
        run.close()
    [article] = _articles(store)
    assert article["published"].startswith("2026-11-30T08:00:00")
    assert article["provenance"]["published"] == "feed"


def test_the_second_round_fetches_only_what_changed(site: NewsSite, store, light_pipeline):
    run = _run(store, light_pipeline)
    try:
        run.poll(_entries(site), every_feed=True)
        site.grow()
        before = len(site.log)
        second = run.poll(_entries(site), every_feed=True)
    finally:
        run.close()
    asked = [e.path for e in site.log[before:]]
    pages = [p for p in asked if not p.endswith((".xml", ".txt"))]
    assert pages == ["/en/late-news"]  # the one new item; nothing stored is fetched again
    assert second.added == 1 and second.unchanged == 5
    unchanged = ["/en/rss.xml", "/es/atom.xml", "/de/rss.xml", "/fr/rss.xml", "/zh/rss.xml"]
    for path in unchanged:
        [hit] = [e for e in site.log[before:] if e.path == path]
        assert hit.conditional and hit.status == 304
    # failing feeds are tried again; robots.txt is kept in the store
    assert {"/slow/rss.xml", "/error/rss.xml", "/bad/rss.xml", "/down/rss.xml"} <= set(asked)
    assert "/robots.txt" not in asked


def test_a_page_failing_for_a_passing_reason_is_tried_next_round(
        site: NewsSite, store, light_pipeline):
    from newssite import BY_PATH

    tries = []

    def flaky(request):
        tries.append(1)
        if len(tries) <= 3:  # one try and two retries in the first round
            return Answer(502, b"bad gateway", {"Content-Type": "text/plain"})
        return Answer(200, page_html(BY_PATH["/en/late-news"]).encode(),
                      {"Content-Type": "text/html"})

    site.handler("/flaky", flaky)
    site.page("/f/rss.xml", rss("F", [("Flood", site.url("/flaky"))]), etag=True)
    run = _run(store, light_pipeline)
    try:
        first = run.poll([FeedEntry(site.url("/f/rss.xml"))])
        assert first.added == 0 and first.errors[0]["reason"] == "HTTP 502 after 3 tries"
        assert store.feeds.get(site.url("/f/rss.xml"))["etag"] is None  # not settled
        second = run.poll([FeedEntry(site.url("/f/rss.xml"))], every_feed=True)
    finally:
        run.close()
    assert second.added == 1 and store.count() == 1 and store.rejects() == []


def test_a_url_given_twice_or_already_stored_is_not_fetched_again(
        site: NewsSite, store, light_pipeline):
    run = _run(store, light_pipeline)
    try:
        first = run.fetch([site.url("/de/bahn"), site.url("/en/rss.xml")])
        again = run.fetch([site.url("/de/bahn?utm_campaign=x"), site.url("/en/rss.xml")])
    finally:
        run.close()
    assert first.added == 3 and again.added == 0
    assert site.hits("/de/bahn") == 1 and again.unchanged == 1
    assert store.feeds.get(site.url("/en/rss.xml")) is not None  # registered for watch


def test_watch_polls_each_feed_on_its_own_schedule(site: NewsSite, store, light_pipeline,
                                                   tmp_path: Path):
    import dataclasses

    from tidings.live import watch

    listing = tmp_path / "feeds.txt"
    listing.write_text(f"{site.url('/en/rss.xml')} 1s\n{site.url('/de/rss.xml')} 1h\n")
    settings = dataclasses.replace(light_pipeline.settings.live, every_s=3600.0)
    rounds = watch(listing, store, light_pipeline, settings, rounds=2)
    assert [r.feeds for r in rounds] == [2, 1]  # the hourly feed is not due in round 2
    assert site.hits("/en/rss.xml") == 2 and site.hits("/de/rss.xml") == 1
    assert rounds[1].unchanged == 1 and rounds[1].requests == 1
