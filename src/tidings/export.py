"""Exports of stored articles for pandas, R and spreadsheets: JSONL, CSV, Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tidings.errors import InputError

FORMATS = ("jsonl", "csv", "parquet")
# Flat columns for CSV and Parquet; JSONL keeps every field.
COLUMNS = (
    "id",
    "published",
    "published_precision",
    "lang",
    "lang_confidence",
    "title",
    "agency",
    "dateline_place",
    "source",
    "url",
    "format",
    "text",
)


def _flat(article: dict[str, Any]) -> dict[str, Any]:
    row = {key: article.get(key) for key in COLUMNS}
    row["dateline_place"] = (article.get("dateline") or {}).get("place")
    return row


def export(articles: Iterable[dict[str, Any]], fmt: str, out: Path) -> int:
    """Write ``articles`` to ``out`` in ``fmt``; return how many were written. The file is
    written beside its final name and moved into place only when complete."""
    if fmt not in FORMATS:
        raise InputError(
            f"unknown export format '{fmt}'", hint=f"choose one of {', '.join(FORMATS)}"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    if fmt == "jsonl":
        count = _jsonl(articles, partial)
    elif fmt == "csv":
        count = _csv(articles, partial)
    else:
        count = _parquet(articles, partial)
    partial.replace(out)
    return count


def _jsonl(articles: Iterable[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
    return count


def _csv(articles: Iterable[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for article in articles:
            writer.writerow(_flat(article))
            count += 1
    return count


def _parquet(articles: Iterable[dict[str, Any]], out: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(
            "Parquet export needs pyarrow", hint="pip install 'tidings[parquet]'"
        ) from exc
    schema = pa.schema(
        [(c, pa.float64() if c == "lang_confidence" else pa.string()) for c in COLUMNS]
    )
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for article in articles:
            batch.append(_flat(article))
            count += 1
            if len(batch) >= 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count
