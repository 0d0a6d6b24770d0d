"""The published date keeps the UTC offset its source gave, in one form for every format:
``2024-11-15T21:21:00+08:00`` (``Z`` as ``+00:00``), never converted; no offset when the
source gave none."""

from __future__ import annotations

import json

import pytest

from tidings.config import default_settings
from tidings.dates import from_datetime, parse_date
from tidings.ingest.readers import Input, read_source
from tidings.ingest.text import read_text_document
from tidings.model import Article

SETTINGS = default_settings().ingest
BODY = (
    "Chinese President Xi Jinping arrived in Lima on Thursday for a state visit. The two "
    "governments signed agreements on trade and on the new port, officials said."
)
BEIJING = "2024-11-15T21:21:00+08:00"


def _read_one(path) -> Article:
    [article] = list(read_source(Input(str(path)), SETTINGS))
    assert isinstance(article, Article)
    return article


def _html(published: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Xi in Lima</title>'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><article><h1>Xi in Lima</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )


def _rss(pub_date: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        f"<title>Xi in Lima</title><link>https://e.org/1</link><pubDate>{pub_date}</pubDate>"
        f"<description>{BODY}</description></item></channel></rss>"
    )


def _atom(updated: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>T</title><entry><title>Xi in Lima</title><link href='https://e.org/a'/>"
        f"<id>a</id><updated>{updated}</updated><content type='html'>{BODY}</content>"
        "</entry></feed>"
    )


def test_feed_item_and_html_page_at_plus_8_store_the_same_published_string(tmp_path):
    (tmp_path / "feed.rss").write_text(_rss("Fri, 15 Nov 2024 21:21:00 +0800"), "utf-8")
    (tmp_path / "feed.atom").write_text(_atom(BEIJING), "utf-8")
    (tmp_path / "page.html").write_text(_html(BEIJING), "utf-8")
    rss, atom, page = (_read_one(tmp_path / n) for n in ("feed.rss", "feed.atom", "page.html"))
    assert rss.published == atom.published == page.published == BEIJING
    assert (rss.provenance["published"], page.provenance["published"]) == ("feed", "html-meta")
    assert rss.published_precision == page.published_precision == "second"


def test_json_record_and_text_header_keep_the_offset_too(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"title": "Xi in Lima", "text": BODY, "date": BEIJING}), "utf-8")
    assert _read_one(path).published == BEIJING
    header = read_text_document(f"Title: Xi in Lima\nDate: {BEIJING}\n\n{BODY}", "x.txt")
    assert header.published == BEIJING
    first_line = read_text_document(f"date {BEIJING} Xi in Lima\n\n{BODY}", "x.txt")
    assert (first_line.title, first_line.published) == ("Xi in Lima", BEIJING)


def test_utc_is_written_as_plus_00_00_in_feeds_and_pages(tmp_path):
    (tmp_path / "feed.rss").write_text(_rss("Fri, 15 Nov 2024 13:21:00 GMT"), "utf-8")
    (tmp_path / "page.html").write_text(_html("2024-11-15T13:21:00Z"), "utf-8")
    assert _read_one(tmp_path / "feed.rss").published == "2024-11-15T13:21:00+00:00"
    assert _read_one(tmp_path / "page.html").published == "2024-11-15T13:21:00+00:00"


def test_a_date_given_without_an_offset_stays_without_one(tmp_path):
    (tmp_path / "page.html").write_text(_html("2024-11-15T21:21:00"), "utf-8")
    (tmp_path / "feed.atom").write_text(_atom("2024-11-15T21:21:00"), "utf-8")
    assert _read_one(tmp_path / "page.html").published == "2024-11-15T21:21:00"
    assert _read_one(tmp_path / "feed.atom").published == "2024-11-15T21:21:00"
    (tmp_path / "day.html").write_text(_html("2024-11-15"), "utf-8")
    assert _read_one(tmp_path / "day.html").published == "2024-11-15"


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2024-11-15T21:21:00+08:00", "2024-11-15T21:21:00+08:00", "second"),
        ("2024-11-15T21:21:00.250+0800", "2024-11-15T21:21:00+08:00", "second"),
        ("2024-11-15T21:21-05:00", "2024-11-15T21:21:00-05:00", "minute"),
        ("2024-11-15T13:21:00Z", "2024-11-15T13:21:00+00:00", "second"),
        ("Fri, 15 Nov 2024 21:21:00 +0800", "2024-11-15T21:21:00+08:00", "second"),
        ("Fri, 15 Nov 2024 21:21:00 -0000", "2024-11-15T21:21:00", "second"),  # RFC: unknown
        ("15 November 2024 21:21 +01:00", "2024-11-15T21:21:00+01:00", "minute"),
        ("2024-11-15 21:21", "2024-11-15T21:21:00", "minute"),
        ("2024-11-15", "2024-11-15", "day"),
    ],
)
def test_parse_date_keeps_the_offset_as_written(raw, value, precision):
    parsed = parse_date(raw)
    assert (parsed.value, parsed.precision) == (value, precision)


def test_from_datetime_keeps_an_aware_offset_and_adds_none_to_a_naive_time():
    from datetime import UTC, datetime, timedelta, timezone

    beijing = timezone(timedelta(hours=8))
    assert from_datetime(datetime(2024, 11, 15, 21, 21, tzinfo=beijing)).value == BEIJING
    assert from_datetime(datetime(2024, 11, 15, 13, 21, tzinfo=UTC)).value.endswith("+00:00")
    assert from_datetime(datetime(2024, 11, 15, 21, 21)).value == "2024-11-15T21:21:00"


def test_since_of_its_own_day_finds_an_article_published_at_plus_8(tmp_path):
    from tidings.queries import ArticleQuery
    from tidings.store import open_store

    article = Article(text=BODY, source="x.html", title="Xi in Lima", lang="en")
    article.set_published(BEIJING, "second", "html-meta")
    with open_store(tmp_path / "t.db") as store:
        store.write([article], [])
        found = store.search(ArticleQuery.parse("Lima", since="2024-11-15", until="2024-11-15"))
        later = store.search(ArticleQuery.parse("Lima", since="2024-11-16"))
    assert [hit["published"] for hit in found] == [BEIJING]
    assert later == []
