"""``tidings quotes``: who said what, from the store. Like every command it parses its
flags into a typed query, calls one service function, and prints a table (or ``--json``)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tidings.cli import DEFAULT_DB, DbOption, JsonOption, _print_json, app, out


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(
        help="The speaker's entity id (per:lin-jian; see 'tidings entities').")] = None,
    lang: Annotated[str | None, typer.Option(help="Only articles in this language.")] = None,
    since: Annotated[str | None, typer.Option(
        help="Article published on or after (YYYY, YYYY-MM, YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(
        help="Article published on or before (YYYY, YYYY-MM, YYYY-MM-DD).")] = None,
    q: Annotated[str | None, typer.Option(
        "--q", help="Words inside the quote (a plain substring, any language).")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, reported or mixed.")] = None,
    limit: Annotated[int, typer.Option(help="Most quotes shown, newest first.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Quotes in the store: who said what, direct or reported, in each article's language,
    with the cue words and the speaker's entity."""
    from tidings import service
    from tidings.queries import QuoteQuery
    from tidings.store import open_store

    query = QuoteQuery.parse(speaker=speaker, lang=lang, since=since, until=until, q=q,
                             kind=kind, limit=limit)
    with open_store(db, readonly=True) as store:
        rows = service.quotes(store, query)
    if as_json:
        _print_json(rows)
    else:
        print_quotes(out, rows)


def speaker_label(quote: dict[str, Any]) -> str:
    """The speaker as a person reads it: the entity's name (and role), else the words."""
    speaker = quote.get("speaker") or {}
    if speaker.get("name"):
        return speaker["name"] + (f" ({speaker['role']})" if speaker.get("role") else "")
    return speaker.get("text") or "?"


def print_quotes(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no quotes match")
        return
    table = Table(show_lines=False)
    for column in ("published", "lang", "speaker", "kind", "cue", "quote", "article"):
        table.add_column(column, overflow="fold")
    for row in rows:
        article = row.get("article") or {}
        text = row["text"]
        table.add_row(
            escape(article.get("published") or "—"), escape(article.get("lang") or "?"),
            escape(speaker_label(row)), row["kind"], escape(row.get("cue_text") or ""),
            escape(text[:200] + ("…" if len(text) > 200 else "")),
            escape((article.get("id") or "")[:8]),
        )
    console.print(table)
