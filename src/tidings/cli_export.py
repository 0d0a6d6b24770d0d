"""``tidings export``: stored articles, events, stories, quotes or storylines to a file, for
pandas, R and spreadsheets (the formats are in ``tidings.export``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tidings.cli import DEFAULT_DB, DbOption, app, err


@app.command(help=(
    "Write stored articles, events, stories, quotes or storylines to JSONL, CSV, Parquet "
    "(events: GDELT too).\n\n"
    "CSV and Parquet rows are flat: a story's key entities are joined by '; ', its article "
    "ids by spaces; a storyline is one row per month (quad counts, score, volume). --format "
    "gdelt writes events as a GDELT-style tab-separated table."
))
def export(
    out_file: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, parquet; gdelt (events, tab-separated).")
    ] = "jsonl",
    what: Annotated[
        str | None,
        typer.Option(help="articles, events, stories, quotes or storylines (default: "
                     "articles; events for --format gdelt)."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    lang: Annotated[
        str | None, typer.Option(help="Only articles in this language (stories: with one).")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Published (events: dated; stories: last article) on or after."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Published (events: dated; stories: first article) on or before."),
    ] = None,
) -> None:
    """Write stored articles, events or stories to a file (help: the decorator's)."""
    from tidings import service
    from tidings.export import export as run_export
    from tidings.export import export_kind
    from tidings.queries import ArticleQuery, EventQuery, QuoteQuery, StorylineQuery, StoryQuery
    from tidings.store import open_store

    kind = export_kind(what, fmt)
    if kind == "events":
        query: Any = EventQuery.parse(lang=lang, since=since, until=until, limit=None,
                                      newest_first=False)
    elif kind == "stories":
        query = StoryQuery.parse(lang=lang, since=since, until=until, limit=None)
    elif kind == "quotes":
        query = QuoteQuery.parse(lang=lang, since=since, until=until, limit=None)
    elif kind == "storylines":
        query = StorylineQuery.parse(since=since, until=until, limit=None)
    else:
        query = ArticleQuery.parse(lang=lang, since=since, until=until, limit=None)
    with open_store(db, readonly=True) as store:
        count = run_export(service.export_rows(store, kind, query), fmt, out_file, what=kind)
    label = ("rows (event x source x target)" if fmt == "gdelt" else
             "rows (storyline x month)" if kind == "storylines" and fmt != "jsonl" else kind)
    err.print(f"wrote {count} {label} to {out_file}")
