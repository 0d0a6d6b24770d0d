"""URLs: which inputs are URLs, the canonical form an article is known by, durations, and
the feed lists people keep (OPML exported by a feed reader, or a text file of URLs).

The canonical form drops what changes between two links to the same page and not the page:
the fragment, a default port, upper case in the scheme and host, and the tracking parameters
that feeds and newsletters append (``utm_*``, ``fbclid``, ``gclid``, ...). The parameters
left are sorted, so ``?b=1&a=2`` and ``?a=2&b=1`` are one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from tidings.errors import InputError, UsageError

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "oly_")
_TRACKING = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
    "ttclid", "li_fat_id", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "ncid",
    "ocid", "cmpid", "sr_share", "at_medium", "at_campaign", "spm", "ito",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def is_url(text: str) -> bool:
    """Whether an input names an http(s) URL rather than a file."""
    return text.lower().startswith(("http://", "https://"))


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: what robots.txt and host limits are kept by."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def canonical(url: str, base: str | None = None) -> str:
    """The form of ``url`` (relative to ``base``) an article is known by."""
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    kept = sorted(
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _tracking(key)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(kept, doseq=True), ""))


def _tracking(key: str) -> bool:
    low = key.lower()
    return low in _TRACKING or low.startswith(_TRACKING_PREFIXES)


def parse_duration(text: str) -> float:
    """Seconds in ``15m``, ``30s``, ``1h``, ``1h30m``, ``2d`` or a bare number of seconds."""
    spec = text.strip().replace(" ", "")
    total, pos = 0.0, 0
    while pos < len(spec):
        match = _DURATION.match(spec, pos)
        if not match or match.end() == pos:
            break
        total += float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
        pos = match.end()
    if not spec or pos != len(spec):
        raise UsageError(f"'{text}' is not a duration",
                         hint="write it as 30s, 15m, 1h or 1h30m")
    return total


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed of a list: its URL, the title the list gives it, its own interval."""

    url: str
    title: str | None = None
    every_s: float | None = None


def read_feed_list(path: str | Path) -> list[FeedEntry]:
    """The feeds of an OPML file (every ``outline`` with an ``xmlUrl``) or of a text file
    (one URL a line, an optional interval after it: ``https://x.org/rss 5m``; ``#``
    comments). Raises ``InputError`` naming the file and line of anything else."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the feed list {path}: {exc.strerror or exc}",
                         hint="give --feeds an OPML or text file of feed URLs",
                         code="T301") from exc
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if head.startswith(b"<?xml") or head.startswith(b"<opml"):
        entries = _opml(data, str(path))
    else:
        entries = _text_list(data.decode("utf-8", errors="replace"), str(path))
    unique = list({e.url: e for e in entries}.values())
    if not unique:
        raise InputError(f"{path} lists no feed URL",
                         hint="one http(s) URL a line, or an OPML export of a feed reader",
                         code="T302")
    return unique


def _opml(data: bytes, name: str) -> list[FeedEntry]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name} is not valid OPML: {exc}", code="T306") from exc
    found = []
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if url:
            if not is_url(url):
                raise InputError(f"{name}: feed '{url}' is not an http(s) URL", code="T306")
            found.append(FeedEntry(url, node.get("title") or node.get("text")))
    return found


def _text_list(text: str, name: str) -> list[FeedEntry]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if not is_url(words[0]) or len(words) > 2:
            raise InputError(
                f"{name} line {number}: '{line.strip()}' is not a feed URL",
                hint="one http(s) URL a line, optionally followed by an interval (15m)",
                code="T306")
        every = parse_duration(words[1]) if len(words) == 2 else None
        found.append(FeedEntry(words[0], None, every))
    return found
