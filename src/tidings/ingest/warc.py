"""WARC and WARC.gz crawls: every HTML response record is a page.

A truncated archive keeps every record read before the break and records where it broke.
The crawl time (WARC-Date) is kept as ``extra["crawled"]``, never as the publication date.
"""

from __future__ import annotations

import gzip
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
    if isinstance(stream, gzip.GzipFile):
        stream = _ShortReads(stream)
    archive = ArchiveIterator(stream, arc2warc=True)
    iterator = iter(archive)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except Exception as exc:
            where = f"after record {index}" if index >= 0 else "before its first record"
            yield Reject(
                f"{source}#record={index + 1}",
                f"WARC is truncated or corrupt {where}: "
                f"{type(exc).__name__}: {exc}".rstrip(": "),
                "T305",
            )
            return
        index += 1
        where = f"{source}#record={index}"
        ctype = ""
        if record.rec_type == "response" and record.http_headers is not None and (
                record.http_headers.get_statuscode() or "200").startswith("2"):
            # only answers that are the page: not redirects, 304s or error pages
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        try:
            payload = b""
            if "html" in ctype:
                payload = record.content_stream().read(settings.max_bytes + 1)
            broken = _truncation(record) if len(payload) <= settings.max_bytes else None
        except Exception as exc:
            yield Reject(where, f"WARC record is truncated: {type(exc).__name__}: {exc}", "T305")
            return
        if broken:
            yield Reject(where, broken, "T305")
            return
        if "html" not in ctype:
            continue
        seen_html += 1
        url = record.rec_headers.get_header("WARC-Target-URI")
        if len(payload) > settings.max_bytes:
            mb = settings.max_bytes / 1e6
            yield Reject(where, f"record too large: over {mb:g} MB, raise --max-bytes", "T303")
            continue
        charset = None
        if "charset=" in ctype:
            charset = ctype.split("charset=", 1)[1].split(";")[0].strip()
        try:
            html, _ = decode_bytes(payload, charset or declared_charset(payload))
            article = read_html(html, where, url=url, fmt="warc")
        except InputError as exc:
            yield Reject(where, exc.problem.text, exc.code)
            continue
        crawled = record.rec_headers.get_header("WARC-Date")
        if crawled:
            article.extra["crawled"] = crawled
        yield article
    if getattr(archive, "next_line", None):
        # warcio ends quietly where the archive stops inside a record's header block
        yield Reject(
            f"{source}#record={index + 1}",
            f"WARC is truncated: the archive ends inside the header of record {index + 1}",
            "T305",
        )
        return
    if seen_html == 0:
        raise InputError("WARC holds no HTML response records", code="T306")


def _truncation(record) -> str | None:
    """Why ``record`` is incomplete, after reading the rest of it; None when it is whole."""
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not length.isdigit():
        return "WARC record is truncated or corrupt: its header has no valid Content-Length"
    while record.raw_stream.read(1 << 16):
        pass
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        return f"WARC record is truncated: the archive ends {missing} bytes short of it"
    return None


class _ShortReads:
    """A gzip stream as warcio should see it. ``GzipFile.read`` drops the bytes before a
    break, and warcio takes ``EOFError`` for the clean end of an archive: here every read
    returns what could be decompressed, and a break raises an error warcio passes on."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read1(size if size and size > 0 else -1)
        except EOFError as exc:
            raise OSError(f"compressed data ends early ({exc})") from exc
