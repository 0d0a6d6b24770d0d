"""JSON and JSON Lines: one article per record, field names from the settings.

A broken line is a reject with its line number; the lines around it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from tidings.config import IngestSettings
from tidings.dates import parse_date
from tidings.errors import InputError
from tidings.ingest.decode import normalize_text
from tidings.model import Article, Reject


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def record_to_article(record: Any, where: str, settings: IngestSettings) -> Article:
    """One JSON object to an article. Raises ``InputError`` naming what is missing."""
    if not isinstance(record, dict):
        raise InputError(
            f"expected a JSON object, found {type(record).__name__}", code="T306"
        )
    fields = settings.json_fields
    text = _first(record, fields["text"])
    if not isinstance(text, str) or not text.strip():
        names = "/".join(fields["text"])
        raise InputError(
            f"record has no text field ({names})",
            hint="map your field name under [ingest.json_fields] text",
        )
    title = _first(record, fields["title"])
    article = Article(
        text=normalize_text(text),
        source=where,
        title=normalize_text(str(title)) if title else None,
        format="json",
    )
    url = _first(record, fields["url"])
    if url:
        article.url = str(url)
    ident = _first(record, fields["id"])
    if ident is not None:
        article.extra["record_id"] = str(ident)
    raw_date = _first(record, fields["date"])
    if raw_date is not None:
        parsed = parse_date(str(raw_date))
        if parsed and parsed.has_year:
            article.set_published(parsed.value, parsed.precision, "json")
        else:
            article.warn("read", f"date field not understood: {raw_date!r}", code="T310")
    lang = _first(record, fields["lang"])
    if isinstance(lang, str) and lang:
        article.extra["declared_lang"] = lang.split("-")[0].lower()
    if article.title:
        article.provenance["title"] = "json"
    return article


def _read_line(stream: IO[bytes], limit: int) -> tuple[bytes, bool]:
    """One line of at most ``limit`` bytes; longer lines are skipped to their end.
    Returns ``(line, too_long)``."""
    line = stream.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, False
    while True:
        rest = stream.readline(1 << 20)
        if not rest or rest.endswith(b"\n"):
            return b"", True


def read_jsonl(
    stream: IO[bytes], source: str, settings: IngestSettings
) -> Iterator[Article | Reject]:
    """Every line of a JSON Lines stream as an article or a reject."""
    number = 0
    while True:
        line, too_long = _read_line(stream, settings.max_bytes)
        if not line and not too_long:
            break
        number += 1
        where = f"{source}#line={number}"
        if too_long:
            mb = settings.max_bytes / 1e6
            yield Reject(where, f"line too long: over {mb:g} MB, raise --max-bytes", "T303")
            continue
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8-sig")
            record = json.loads(text)
            yield record_to_article(record, where, settings)
        except UnicodeDecodeError as exc:
            yield Reject(where, f"line is not UTF-8 (byte {exc.start})", "T304")
        except json.JSONDecodeError as exc:
            problem = exc.msg.removesuffix(" at")  # "Invalid control character at"
            yield Reject(where, f"invalid JSON: {problem} at column {exc.colno}", "T306")
        except InputError as exc:
            yield Reject(where, exc.problem.text, exc.code)


def read_json_document(
    text: str, source: str, settings: IngestSettings
) -> Iterator[Article | Reject]:
    """A whole-file JSON document: one record, a list of records, or ``{"articles": [...]}``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON: {exc.msg.removesuffix(' at')} at line {exc.lineno} column {exc.colno}"
        ) from exc
    if isinstance(data, dict):
        for key in ("articles", "items", "records", "data", "docs"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    if not records:
        raise InputError("JSON document holds no records", code="T306")
    for index, record in enumerate(records):
        where = f"{source}#record={index}" if isinstance(data, list) else source
        try:
            yield record_to_article(record, where, settings)
        except InputError as exc:
            yield Reject(where, exc.problem.text, exc.code)
