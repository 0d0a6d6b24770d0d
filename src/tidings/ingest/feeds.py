"""RSS and Atom feeds: one article per entry.

XML that declares entities is refused before any parser sees it: entity expansion is how
an "XML bomb" turns kilobytes into gigabytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from tidings.dates import ParsedDate, from_datetime, parse_date
from tidings.errors import InputError
from tidings.ingest.decode import normalize_text
from tidings.model import Article, Reject

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
# The same in the bytes of a UTF-16 or UTF-32 document (searched only where there are NULs).
_WIDE_ENTITY_DECL = re.compile(
    b"|".join(
        re.escape("<!ENTITY".encode(codec))
        for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    ),
    re.IGNORECASE,
)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)


def refuse_entity_declarations(data: bytes) -> None:
    """Raise ``InputError`` if an XML document declares entities (possible entity bomb).
    The whole document is searched: a long comment can push the DOCTYPE far down."""
    if _ENTITY_DECL.search(data) or (b"\x00" in data and _WIDE_ENTITY_DECL.search(data)):
        raise InputError(
            "XML declares entities (<!ENTITY ...>), which could expand without bound",
            hint="remove the DOCTYPE block; feeds and pages never need it",
        )


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed's description or content), paragraphs kept."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in fragment:
        return normalize_text(fragment)
    marked = _BLOCK_TAGS.sub("\n\n", fragment)
    try:
        node = lxml_html.fragment_fromstring(marked, create_parent="div")
    except (etree.ParserError, ValueError):
        return normalize_text(re.sub(r"<[^>]+>", " ", fragment))
    return normalize_text(node.text_content())


def _entry_date(entry: dict) -> ParsedDate | None:
    """The entry's date as the feed writes it, with its UTC offset. feedparser's own
    ``*_parsed`` values are converted to UTC (the offset lost): they are used only for a
    date our parser cannot read, and then say ``+00:00``."""
    for key in ("published", "updated", "created", "dc_date"):
        if entry.get(key):
            parsed = parse_date(str(entry[key]))
            if parsed and parsed.has_year:
                return parsed
        moment = entry.get(f"{key}_parsed")
        if moment:
            return from_datetime(datetime(*moment[:6], tzinfo=UTC))
    return None


def read_feed(data: bytes, source: str) -> Iterator[Article | Reject]:
    """Every entry of an RSS/Atom feed as an article; entries without text as rejects."""
    import feedparser

    refuse_entity_declarations(data)
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if parsed.get("bozo") and problem else ""
        raise InputError(f"feed has no entries{detail}", code="T306")
    feed_title = (parsed.get("feed") or {}).get("title")
    feed_lang = (parsed.get("feed") or {}).get("language")
    for index, entry in enumerate(entries):
        where = f"{source}#record={index}"
        contents = entry.get("content") or []
        html = max((c.get("value", "") for c in contents), key=len, default="")
        if len(entry.get("summary", "")) > len(html):
            html = entry.get("summary", "")
        text = html_fragment_text(html)
        if not text:
            yield Reject(where, "feed entry has no text (no content or description)", "T307")
            continue
        title = normalize_text(entry.get("title", "")) or None
        article = Article(
            text=text, source=where, title=title, url=entry.get("link"), format="feed"
        )
        when = _entry_date(entry)
        if when:
            article.set_published(when.value, when.precision, "feed")
        if title:
            article.provenance["title"] = "feed"
        if feed_title:
            article.extra["feed_title"] = feed_title
        if feed_lang:
            article.extra["declared_lang"] = feed_lang.split("-")[0].lower()
        yield article
