"""Exports for pandas, R and spreadsheets: articles, events, stories, quotes or storylines
(CSV/Parquet: one row per storyline and month) as JSONL, CSV or
Parquet, and events as a GDELT-style tab-separated table (one row per event x source actor x
target actor).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tidings.dates import date_period
from tidings.errors import InputError
from tidings.stages.events import EventStage

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
KINDS = ("articles", "events", "stories", "quotes", "storylines")
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


# One row per story for CSV and Parquet: its key entities by name ("; " between them, as
# names hold spaces) and its articles by id (space-separated); JSONL keeps the store's dict.
STORY_COLUMNS = (
    "id",
    "title",
    "first_published",
    "last_published",
    "langs",
    "size",
    "sources",
    "entities",
    "articles",
)
# One row per quote for CSV and Parquet: its text, kind, cue, speaker and article.
QUOTE_COLUMNS = (
    "id", "published", "lang", "kind", "text", "cue", "speaker_text", "speaker_id",
    "speaker_name", "speaker_role", "confidence", "start", "end", "fragments", "article_id",
    "article_title", "article_source",
)
# One row per event for CSV and Parquet (the columns the events stage declares); JSONL keeps
# the nested actors and evidence.
EVENT_COLUMNS = EventStage.export_columns
# The GDELT-style table: GDELT 2.0 event columns where we have them, PLOVER fields after.
GDELT_COLUMNS = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "DatePrecision",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1EntityID",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2EntityID",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "PloverType",
    "PloverMode",
    "PloverContext",
    "Status",
    "Intended",
    "Symmetric",
    "Confidence",
    "ActionGeo_FullName",
    "ActionGeo_ID",
    "SOURCEURL",
    "ArticleID",
    "TriggerText",
)
_NUMBERS = {
    "lang_confidence": "float", "confidence": "float", "quad_class": "int", "symmetric": "bool",
    "size": "int", "sources": "int",
}


def export_kind(what: str | None, fmt: str) -> str:
    """What an export writes, ``articles``, ``events`` or ``stories``, from ``--what`` and
    ``--format``."""
    if what is not None and what not in KINDS:
        raise InputError(f"cannot export '{what}'", hint=f"choose one of {', '.join(KINDS)}")
    if fmt == "gdelt":
        if what in ("articles", "stories", "quotes", "storylines"):
            raise InputError(
                f"the gdelt format is a table of events, not {what}",
                hint=f"use --what events, or --format jsonl, csv or parquet for {what}",
            )
        return "events"
    return what or "articles"


def export(
    rows: Iterable[dict[str, Any]], fmt: str, out: Path, *, what: str = "articles"
) -> int:
    """Write ``rows`` (articles, events or stories, as ``what`` says) to ``out`` in ``fmt``;
    return how many rows were written. The file is written beside its final name and moved
    into place only when complete; a failed export leaves no file behind."""
    if fmt not in FORMATS:
        raise InputError(
            f"unknown export format '{fmt}'", hint=f"choose one of {', '.join(FORMATS)}"
        )
    what = export_kind(what, fmt)
    columns, flat = _LAYOUTS[what]
    if what == "storylines" and fmt in ("csv", "parquet"):  # one row per storyline-month
        rows = (month for line in rows for month in storyline_months(line))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        if fmt == "jsonl":
            count = _jsonl(rows, partial)
        elif fmt == "csv":
            count = _csv((flat(row) for row in rows), columns, partial)
        elif fmt == "parquet":
            count = _parquet((flat(row) for row in rows), columns, partial)
        else:
            count = _gdelt(rows, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(out)
    return count


def _flat(article: dict[str, Any]) -> dict[str, Any]:
    row = {key: article.get(key) for key in COLUMNS}
    row["dateline_place"] = (article.get("dateline") or {}).get("place")
    return row


def flat_story(story: dict[str, Any]) -> dict[str, Any]:
    """One story (``store.stories``' dict) as a flat CSV/Parquet row."""
    return {
        "id": story["id"],
        "title": story.get("title"),
        "first_published": story.get("first_published"),
        "last_published": story.get("last_published"),
        "langs": " ".join(story.get("langs") or []),
        "size": story.get("size"),
        "sources": story.get("sources"),
        "entities": "; ".join(e.get("name") or e["id"] for e in story.get("entities") or []),
        "articles": " ".join(a["id"] for a in story.get("articles") or []),
    }


def _flat_event(event: dict[str, Any]) -> dict[str, Any]:
    article = event["article"]
    evidence = event["evidence"][0] if event["evidence"] else {}
    row = {key: event.get(key) for key in EVENT_COLUMNS}
    for side in ("source", "target"):
        actors = event[side]
        row[f"{side}_codes"] = "; ".join(_actor_code(a) for a in actors)
        row[f"{side}_names"] = "; ".join(a["name"] or "" for a in actors)
        row[f"{side}_ids"] = "; ".join(a["entity_id"] or "" for a in actors)
    row.update(
        event_id=event["id"],
        trigger=evidence.get("trigger"),
        method=evidence.get("method"),
        sentence=evidence.get("sentence"),
        article_id=article["id"],
        article_title=article["title"],
        published=article["published"],
        lang=article["lang"],
        article_source=article["source"],
        url=article["url"],
    )
    return row


def flat_quote(quote: dict[str, Any]) -> dict[str, Any]:
    """One quote (``store.quotes``' dict) as a flat CSV/Parquet row; fragments as
    ``start-end`` pairs separated by spaces."""
    speaker = quote.get("speaker") or {}
    article = quote.get("article") or {}
    return {
        "id": quote.get("id"), "published": article.get("published"),
        "lang": article.get("lang"), "kind": quote.get("kind"), "text": quote.get("text"),
        "cue": quote.get("cue_text"), "speaker_text": speaker.get("text"),
        "speaker_id": speaker.get("entity_id"), "speaker_name": speaker.get("name"),
        "speaker_role": speaker.get("role"), "confidence": quote.get("confidence"),
        "start": quote.get("start"), "end": quote.get("end"),
        "fragments": " ".join(f"{a}-{b}" for a, b in quote.get("fragments") or []),
        "article_id": article.get("id"), "article_title": article.get("title"),
        "article_source": article.get("source"),
    }


STORYLINE_COLUMNS = (
    "storyline", "kind", "label", "actors", "month", "verbal_cooperation",
    "material_cooperation", "verbal_conflict", "material_conflict", "events", "score",
    "volume", "sources", "stories",
)


def storyline_months(line: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A storyline (``store.storylines``' dict) as flat rows, one per month (``undated``
    last): the long table R and pandas plot from."""
    head = {"storyline": line["id"], "kind": line["kind"], "label": line["label"],
            "actors": " ".join(a["code"] for a in line.get("actors") or []),
            "stories": line.get("size")}
    for month, values in line["months"].items():
        yield {**head, "month": month,
               **{k: values.get(k) for k in STORYLINE_COLUMNS if k in values}}


# What a CSV/Parquet row of each kind holds, and how a stored dict becomes one.
_LAYOUTS = {
    "articles": (COLUMNS, _flat),
    "events": (EVENT_COLUMNS, _flat_event),
    "stories": (STORY_COLUMNS, flat_story),
    "quotes": (QUOTE_COLUMNS, flat_quote),
    "storylines": (STORYLINE_COLUMNS, dict),
}


def _actor_code(actor: dict[str, Any]) -> str:
    return actor["code"] or actor["country"] or ""


def _gdelt_rows(event: dict[str, Any]) -> Iterator[list[Any]]:
    """One row per source actor x target actor; a side with no actor gives empty columns."""
    period = date_period(event["date"])
    first, last = period or ("", "")
    cameo = event["cameo"] or ""
    evidence = event["evidence"][0] if event["evidence"] else {}
    article = event["article"]
    pairs = [(one, two) for one in event["source"] or [None] for two in event["target"] or [None]]
    if event.get("symmetric") and not event["target"] and len(event["source"]) >= 2:
        # a mutual act: each side acts on each other side, as GDELT's dyads read it
        pairs = [(a, b) for a in event["source"] for b in event["source"] if a is not b]
    for one, two in pairs:
        yield [
            event["id"],
            first.replace("-", "") if period and first == last else "",
            first[:7].replace("-", "") if period and first[:7] == last[:7] else "",
            first[:4] if period and first[:4] == last[:4] else "",
            event["date_precision"],
            *_gdelt_actor(one),
            *_gdelt_actor(two),
            cameo,
            cameo[:3],
            cameo[:2],
            event["quad_class"],
            event["type"],
            event["mode"],
            event["context"],
            event["status"],
            event["intended"],
            int(bool(event.get("symmetric"))),
            event["confidence"],
            event["location_name"],
            event["location"],
            article["url"] or article["source"],
            article["id"],
            evidence.get("trigger"),
        ]


def _gdelt_actor(actor: dict[str, Any] | None) -> list[Any]:
    if actor is None:
        return ["", "", "", ""]
    return [_actor_code(actor), actor["name"], actor["country"], actor["entity_id"]]


def _tsv_cell(value: Any) -> str:
    # GDELT files have no quoting: tabs and line breaks inside a value become spaces
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())


def _gdelt(events: Iterable[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(GDELT_COLUMNS) + "\n")
        for event in events:
            for row in _gdelt_rows(event):
                handle.write("\t".join(_tsv_cell(value) for value in row) + "\n")
                count += 1
    return count


def _jsonl(rows: Iterable[dict[str, Any]], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _parquet(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(
            "Parquet export needs pyarrow", hint="pip install 'tidings[parquet]'"
        ) from exc
    types = {"float": pa.float64(), "int": pa.int64(), "bool": pa.bool_()}
    schema = pa.schema([(c, types.get(_NUMBERS.get(c, ""), pa.string())) for c in columns])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            count += 1
            if len(batch) >= 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


def stream(rows: Iterable[dict[str, Any]], fmt: str, *, what: str = "events",
           batch: int = 200) -> Iterator[str]:
    """``rows`` as text in ``fmt`` (``csv`` or ``jsonl``), a batch of rows at a time: what
    the HTTP API streams, so a large export never sits whole in memory."""
    if fmt not in ("csv", "jsonl"):
        raise InputError(f"cannot stream the {fmt} format", hint="choose csv or jsonl")
    columns, flat = _LAYOUTS[export_kind(what, fmt)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns) if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    for count, row in enumerate(rows, 1):
        if writer is not None:
            writer.writerow(flat(row))
        else:
            buffer.write(json.dumps(row, ensure_ascii=False) + "\n")
        if count % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
