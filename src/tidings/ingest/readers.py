"""Which reader reads an input: by content first, extension second.

``read_source`` never raises for a bad input: it yields articles and ``Reject`` records,
each reject naming the file (and line or record) and a reason a person can act on.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tidings.config import IngestSettings
from tidings.errors import InputError
from tidings.ingest.decode import control_ratio, decode_bytes
from tidings.ingest.feeds import read_feed, refuse_entity_declarations
from tidings.ingest.html import declared_charset, read_html
from tidings.ingest.records import read_json_document, read_jsonl
from tidings.ingest.text import read_text_document
from tidings.ingest.warc import read_warc
from tidings.model import Article, Reject

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Input:
    """One input to read: a file path, or ``-`` for standard input."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    def fingerprint(self) -> str | None:
        """Path, size and modification time: unchanged files are skipped on re-ingest."""
        if self.is_stdin:
            return None
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return f"{os.path.abspath(self.path)}|{st.st_size}|{st.st_mtime_ns}"


def expand_inputs(
    paths: Iterable[str], settings: IngestSettings
) -> tuple[list[Input], list[Reject]]:
    """Files, folders (recursive, by extension), globs and ``-``, in a stable order."""
    found: list[Input] = []
    missing: list[Reject] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.append(Input(path))

    for raw in paths:
        if raw == STDIN:
            add(STDIN)
        elif os.path.isdir(raw):
            for path in sorted(Path(raw).rglob("*")):
                if (
                    path.is_file()
                    and not _hidden(path.relative_to(raw))
                    and _wanted(path, settings)
                ):
                    add(str(path))
        elif os.path.isfile(raw):
            add(raw)
        elif glob.has_magic(raw):
            matches = sorted(p for p in glob.glob(raw, recursive=True) if os.path.isfile(p))
            if not matches:
                missing.append(Reject(raw, "no file matches this pattern", "T301"))
            for match in matches:
                add(match)
        else:
            missing.append(Reject(raw, "no such file or folder", "T301"))
    return found, missing


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _wanted(path: Path, settings: IngestSettings) -> bool:
    name = path.name.lower()
    if name in ("manifest.jsonl", "readme.md"):
        return False
    return "." not in name or any(name.endswith(ext) for ext in settings.extensions)


def _read_limited(stream: io.BufferedIOBase | gzip.GzipFile, limit: int, what: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"too large: {what} over {limit / 1e6:g} MB",
            hint="raise --max-bytes to read it",
            code="T303",
        )
    return data


def _mb(size: int) -> str:
    """A size in MB as people write it: 54, 1.5, 0.15 (not "0" for 150 KB)."""
    mb = size / 1e6
    return f"{mb:.0f}" if mb >= 10 else f"{mb:.2g}"


def _kind(head: bytes, name: str) -> str:
    """The format of an input, from its first bytes and then its name."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if start.startswith(b"<?xml"):
        window = start[:2048]
        if b"<rss" in window or b"<feed" in window or b"<rdf:rdf" in window:
            return "feed"
        if b"<html" in window:
            return "html"
        return "feed" if name.endswith((".rss", ".atom", ".xml")) else "html"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "html"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if start.startswith((b"{", b"[")) or name.endswith(".json"):
        first_line = start.split(b"\n", 1)[0].strip()
        if start.startswith(b"{") and first_line.endswith(b"}") and b"\n{" in start:
            return "jsonl"
        return "json"
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".rss", ".atom")):
        return "feed"
    return "text"


def _open(item: Input) -> io.BufferedReader:
    if item.is_stdin:
        return sys.stdin.buffer
    return open(item.path, "rb")


def read_source(item: Input, settings: IngestSettings) -> Iterator[Article | Reject]:
    """Every article and reject in one input. Never raises for bad content."""
    source = "<stdin>" if item.is_stdin else item.path
    yield from _guarded(_read(item, source, settings), source)


def read_data(data: bytes, name: str, settings: IngestSettings) -> Iterator[Article | Reject]:
    """Every article and reject in ``data``, read as if it were a file called ``name``."""
    yield from _guarded(_read_bytes(data, name, name.lower(), settings), name)


def _guarded(results: Iterator[Article | Reject], source: str) -> Iterator[Article | Reject]:
    """Turn an error while reading into a reject naming ``source``, after what was read."""
    try:
        yield from results
    except InputError as exc:
        yield Reject(source, exc.problem.text, exc.code)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Reject(source, f"truncated or corrupt compressed data: {exc}", "T305")
    except OSError as exc:
        yield Reject(source, f"cannot read: {type(exc).__name__}: {exc}")
    except RecursionError:
        yield Reject(source, "nesting too deep to parse (thousands of nested tags?)", "T306")
    except MemoryError:
        yield Reject(source, "out of memory while parsing; lower --max-bytes")
    except Exception as exc:
        if os.environ.get("TIDINGS_DEBUG"):
            raise
        yield Reject(
            source, f"unexpected error, please report it: {type(exc).__name__}: {exc}", "T000"
        )


def _read(item: Input, source: str, settings: IngestSettings) -> Iterator[Article | Reject]:
    limit = settings.max_bytes
    if not item.is_stdin:
        size = os.path.getsize(item.path)
        if size == 0:
            raise InputError("empty file", code="T302")
        if size > limit and not item.path.lower().endswith((".warc", ".warc.gz", ".jsonl", ".gz")):
            raise InputError(
                f"too large: {_mb(size)} MB > {limit / 1e6:g} MB", hint="raise --max-bytes",
                code="T303",
            )
    name = item.path.lower()
    with _open(item) as stream:
        head = stream.peek(4096)[:4096]
        if head[:2] == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=stream) as unzipped:
                inner = unzipped.peek(4096)[:4096] if hasattr(unzipped, "peek") else b""
                if inner.lower().startswith(b"warc/"):
                    yield from read_warc(unzipped, source, settings)
                    return
                data = _read_limited(unzipped, limit, "decompressed data")
            yield from _read_bytes(data, source, name.removesuffix(".gz"), settings)
            return
        kind = _kind(head, name)
        if kind == "warc":
            yield from read_warc(stream, source, settings)
        elif kind == "jsonl":
            yield from read_jsonl(stream, source, settings)
        else:
            yield from _read_bytes(_read_limited(stream, limit, "input"), source, name, settings)


def _read_bytes(
    data: bytes, source: str, name: str, settings: IngestSettings
) -> Iterator[Article | Reject]:
    if not data.strip():
        raise InputError("empty file (only whitespace)", code="T302")
    kind = _kind(data[:4096], name)
    if kind == "jsonl":
        yield from read_jsonl(io.BytesIO(data), source, settings)
        return
    if kind == "feed":
        refuse_entity_declarations(data)
        yield from read_feed(data, source)
        return
    declared = declared_charset(data) if kind == "html" else None
    text, _encoding = decode_bytes(data, declared)
    if control_ratio(text) > 0.05:
        raise InputError("binary file: too many control characters for text", code="T304")
    if kind == "json":
        yield from read_json_document(text, source, settings)
    elif kind == "html":
        refuse_entity_declarations(data)
        yield read_html(text, source)
    else:
        yield read_text_document(text, source)
