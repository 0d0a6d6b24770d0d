"""HTML pages: metadata from the markup we can trust, main text via trafilatura.

Dates come only from publication metadata (``article:published_time``, ``datePublished``,
``<time datetime>`` inside the article, ...), never from the crawl time or a guess.
"""

from __future__ import annotations

import json
import re

from tidings.dates import ParsedDate, parse_date
from tidings.errors import InputError
from tidings.ingest.decode import normalize_text
from tidings.model import Article

_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_TITLE_META = ("og:title", "twitter:title", "dc.title")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _meta_map(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = meta.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    return found


def _json_ld_date(tree) -> str | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                graph = item.get("@graph")
                for node in graph if isinstance(graph, list) else [item]:
                    if isinstance(node, dict) and node.get("datePublished"):
                        return str(node["datePublished"])
    return None


def _published(tree, meta: dict[str, str]) -> ParsedDate | None:
    candidates = [meta[key] for key in _DATE_META if key in meta]
    json_ld = _json_ld_date(tree)
    if json_ld:
        candidates.append(json_ld)
    for holder in ("article", "main"):
        for node in tree.iter(holder):
            for time_el in node.iter("time"):
                if time_el.get("datetime"):
                    candidates.append(time_el.get("datetime"))
    for candidate in candidates:
        parsed = parse_date(candidate)
        if parsed and parsed.has_year:
            return parsed
    return None


def _title(tree, meta: dict[str, str]) -> str | None:
    for key in _TITLE_META:
        if meta.get(key):
            return normalize_text(meta[key])
    for node in tree.iter("h1"):
        text = normalize_text(node.text_content())
        if text:
            return text
    for node in tree.iter("title"):
        text = normalize_text(node.text_content())
        if text:
            return text
    return None


def parse_html_tree(html: str):
    """An lxml tree of ``html``. Raises ``InputError`` where the markup cannot be parsed."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"HTML could not be parsed: {exc}", code="T306") from exc


def _too_deep(html: str) -> bool:
    """Whether the HTML parser gave up on ``html`` for tags nested deeper than it allows."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser()
    try:
        lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return False
    return any("depth" in entry.message.lower() for entry in parser.error_log)


def read_html(html: str, source: str, *, url: str | None = None, fmt: str = "html") -> Article:
    """One article from an HTML page. Raises ``InputError`` when there is no main text."""
    import trafilatura

    tree = parse_html_tree(html)
    meta = _meta_map(tree)
    body = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        with_metadata=False,
        deduplicate=False,
    )
    if not body or not body.strip():
        if _too_deep(html):
            raise InputError(
                "nesting too deep: the HTML parser stops at 256 levels of nested tags and "
                "found no main text above that",
                hint="the page is broken or hostile; repair its markup to read it",
                code="T306",
            )
        raise InputError(
            "no main text found in the HTML page",
            hint="it may be an index page or need JavaScript to render",
            code="T307",
        )
    published = _published(tree, meta)
    title = _title(tree, meta)
    lang_attr = (tree.get("lang") or meta.get("content-language") or "").split("-")[0].lower()
    canonical = meta.get("og:url") or url
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href")
            break
    article = Article(
        text=normalize_text(body),
        source=source,
        title=title,
        url=canonical,
        format=fmt,
    )
    if title:
        article.provenance["title"] = "html-meta"
    if published:
        article.set_published(published.value, published.precision, "html-meta")
    if lang_attr:
        article.extra["declared_lang"] = lang_attr
    return article
