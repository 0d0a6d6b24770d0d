"""HTTP answers into what the pipeline reads: a feed's items (links to fetch), or an article
read from a page by the same HTML reader as a file (trafilatura), with its identity.

An article fetched live is known by its canonical URL (``<link rel=canonical>`` or
``og:url``, else the final URL after redirects; tracking parameters dropped) and by its
content hash (``Article.id``). The fetch time, the final URL and the redirects go to
``extra``; the publication date comes from the page's metadata, else the feed's date for the
item, never from the fetch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from tidings.config import IngestSettings
from tidings.dates import ParsedDate
from tidings.errors import InputError
from tidings.ingest.decode import decode_bytes, normalize_text
from tidings.ingest.feeds import _entry_date, refuse_entity_declarations
from tidings.ingest.html import declared_charset, read_html
from tidings.ingest.readers import read_data
from tidings.live.fetch import Fetched
from tidings.live.urls import canonical
from tidings.model import Article, Reject
from tidings.run.base import check

_FEED_STARTS = (b"<rss", b"<feed", b"<rdf:rdf")
_FEED_TYPES = ("rss", "atom", "xml")


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a feed: the link to fetch and what the feed says of it."""

    link: str
    url: str  # the canonical form of ``link``
    title: str | None = None
    published: ParsedDate | None = None


@dataclass(slots=True)
class FeedPage:
    title: str | None
    items: list[Item] = field(default_factory=list)


def kind_of(got: Fetched) -> str:
    """``feed``, ``html`` or ``other``: by the first bytes, then the content type."""
    start = got.body.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if start.startswith(_FEED_STARTS):
        return "feed"
    if start.startswith(b"<?xml") and any(tag in start for tag in _FEED_STARTS):
        return "feed"
    if b"<html" in start or start.startswith(b"<!doctype html") or "html" in got.content_type:
        return "html"
    if any(word in got.content_type for word in _FEED_TYPES):
        return "feed"
    return "other"


def feed_items(got: Fetched) -> FeedPage:
    """The items of a feed answer. Raises ``InputError`` with the reason when the answer is
    not a feed (an HTML error page served with status 200, invalid XML, nothing at all)."""
    import feedparser

    kind = kind_of(got)
    if not got.body.strip():
        raise InputError("the feed answered with an empty body", code="T322")
    if kind == "html":
        raise InputError(
            f"not a feed: {got.final_url} answered HTTP {got.status} with an HTML page "
            "(an error or login page?)",
            hint="check the feed URL in a browser; it is tried again next round", code="T322")
    refuse_entity_declarations(got.body)
    parsed = feedparser.parse(got.body, response_headers={
        "content-type": got.headers.get("content-type", "application/xml"),
        "content-location": got.final_url})
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        raise InputError(f"not a readable feed: {problem or 'no RSS or Atom root element'}",
                         hint="it is tried again next round", code="T306")
    page = FeedPage(normalize_text((parsed.get("feed") or {}).get("title", "")) or None)
    for entry in entries:
        link = _entry_link(entry)
        if not link:
            continue
        link = urljoin(got.final_url, link.strip())
        title = normalize_text(entry.get("title", "")) or None
        page.items.append(Item(link, canonical(link), title, _entry_date(entry)))
    return page


def _entry_link(entry: dict) -> str | None:
    if entry.get("link"):
        return str(entry["link"])
    for link in entry.get("links") or []:
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return str(link["href"])
    guid = str(entry.get("id") or "")
    return guid if guid.startswith(("http://", "https://")) else None


def read_page(got: Fetched, settings: IngestSettings, *, feed: str | None = None,
              item: Item | None = None) -> Iterator[Article | Reject]:
    """The article(s) of a page answer, each checked against the limits; a reject (naming
    the final URL) where the page cannot be read."""
    source = got.final_url
    kind = kind_of(got)
    try:
        if kind == "html":
            refuse_entity_declarations(got.body)
            text, _ = decode_bytes(got.body, got.charset or declared_charset(got.body))
            found: list[Article | Reject] = [read_html(text, source, url=source, fmt="web")]
        elif kind == "feed" and item is not None:
            raise InputError("the item's link gives a feed, not a page", code="T306")
        else:
            found = list(read_data(got.body, source, settings))
    except InputError as exc:
        yield Reject(source, exc.problem.text, exc.code)
        return
    for article in found:
        if isinstance(article, Reject):
            yield article
            continue
        _identify(article, got, feed, item)
        yield check(article, settings) or article


def _identify(article: Article, got: Fetched, feed: str | None, item: Item | None) -> None:
    """Canonical URL, fetch record, and the feed's date and title where the page has none."""
    article.url = canonical(article.url or got.final_url, got.final_url)
    article.extra["fetched_at"] = got.fetched_at
    article.extra["final_url"] = got.final_url
    if got.redirects:
        article.extra["redirects"] = [*got.redirects, got.final_url]
    if feed:
        article.extra["feed"] = feed
    if item is None:
        return
    article.extra["item_url"] = item.link
    if article.published is None and item.published is not None:
        article.set_published(item.published.value, item.published.precision, "feed")
    if article.title is None and item.title:
        article.title = item.title
        article.provenance["title"] = "feed"
