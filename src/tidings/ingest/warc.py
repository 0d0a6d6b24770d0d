"""WARC and WARC.gz crawls: every HTML response record is a page.

A truncated archive keeps every record read before the break and records where it broke.
The crawl time (WARC-Date) is kept as ``extra["crawled"]``, never as the publication date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from tidings.config import IngestSettings
from tidings.errors import InputError
from tidings.ingest.decode import decode_bytes
from tidings.ingest.html import declared_charset, read_html
from tidings.model import Article, Reject


def read_warc(
    stream: IO[bytes], source: str, settings: IngestSettings
) -> Iterator[Article | Reject]:
    """Articles from the HTML responses of a WARC stream (plain or gzip)."""
    from warcio.archiveiterator import ArchiveIterator

    index = -1
    seen_html = 0
    iterator = iter(ArchiveIterator(stream, arc2warc=True))
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except Exception as exc:
            yield Reject(
                f"{source}#record={index + 1}",
                f"WARC is truncated or corrupt after record {index}: "
                f"{type(exc).__name__}: {exc}".rstrip(": "),
            )
            return
        index += 1
        if record.rec_type != "response" or record.http_headers is None:
            continue
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        if "html" not in ctype:
            continue
        seen_html += 1
        url = record.rec_headers.get_header("WARC-Target-URI")
        where = f"{source}#record={index}"
        try:
            payload = record.content_stream().read(settings.max_bytes + 1)
        except Exception as exc:
            yield Reject(where, f"WARC record is truncated: {type(exc).__name__}: {exc}")
            return
        if len(payload) > settings.max_bytes:
            mb = settings.max_bytes / 1e6
            yield Reject(where, f"record too large: over {mb:g} MB, raise --max-bytes")
            continue
        charset = None
        if "charset=" in ctype:
            charset = ctype.split("charset=", 1)[1].split(";")[0].strip()
        try:
            html, _ = decode_bytes(payload, charset or declared_charset(payload))
            article = read_html(html, where, url=url, fmt="warc")
        except InputError as exc:
            yield Reject(where, exc.message)
            continue
        crawled = record.rec_headers.get_header("WARC-Date")
        if crawled:
            article.extra["crawled"] = crawled
        yield article
    if seen_html == 0:
        raise InputError("WARC holds no HTML response records")
