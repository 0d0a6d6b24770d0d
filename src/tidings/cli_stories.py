"""``tidings stories``: list the stories of a store, explain one, build what is missing.

A story is one real-world event and every stored article, in any language, that reports it
(see docs/stories.md for how articles are grouped). The commands here are added to the
``stories`` group that ``cli.py`` makes; like every command they parse, call one service
function and format what it returns. The tables of stories are drawn here too, beside the
commands that print them; ``--json`` prints the store's dicts as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tidings.cli import (
    DEFAULT_DB,
    ConfigOption,
    DbOption,
    JsonOption,
    _print_json,
    _settings,
    err,
    out,
    stories_app,
)

# Rows of the merged-event table shown by ``stories show`` (--json has them all).
SHOWN_EVENTS = 30

# Help texts: one string per paragraph (rich help keeps a docstring's line breaks).
STORIES_HELP = (
    "Stories: the articles, in any language, that report one real-world event.\n\n"
    "With no command, list them newest first: dates, languages, articles, independent "
    "sources (copies of one wire, or articles of one agency, count once), title and the "
    "merged event most sources report.\n\n"
    "'tidings stories show ID' explains one story: why each article joined it. "
    "'tidings stories update' puts articles stored with 'ingest --no-stories' into stories "
    "(ingest does it by itself otherwise). docs/stories.md says how stories are made."
)
SHOW_HELP = (
    "Explain one story: each article and why it joined, and the story's merged events.\n\n"
    "An article joined through its best-scoring earlier article (vector similarity, shared "
    "entities, days apart, score), is a copy of an earlier one (the share of it the copy "
    "contains), or opened the story (and the nearest article it was too far from). Merged "
    "events list type, sides, date, place, articles, languages and independent sources."
)
UPDATE_HELP = (
    "Put every stored article that is not in a story yet into one.\n\n"
    "For stores filled with 'ingest --no-stories' or by an interrupted run; it does only "
    "what is missing, and nothing when every article is placed."
)


@stories_app.callback(invoke_without_command=True, help=STORIES_HELP)
def list_stories(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    since: Annotated[
        str | None,
        typer.Option(help="Stories still reported on or after this day (YYYY, YYYY-MM, "
                     "YYYY-MM-DD); undated stories are left out."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Stories first reported on or before this day; undated stories "
                     "are left out."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Stories with an article in this language (en, de, zh...).")
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(help="Stories with an article naming this entity id or country code "
                     "(per:xi-jinping, PER)."),
    ] = None,
    limit: Annotated[int, typer.Option(help="Most stories shown.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """List stories (the group's help is ``STORIES_HELP``)."""
    if ctx.invoked_subcommand is not None:
        return
    from tidings import service
    from tidings.queries import StoryQuery
    from tidings.store import open_store

    query = StoryQuery.parse(since=since, until=until, lang=lang, entity=entity, limit=limit)
    with open_store(db, readonly=True) as store:
        rows = service.stories(store, query)
    if as_json:
        _print_json(rows)
    else:
        filtered = any(v is not None for v in (since, until, lang, entity))
        print_stories(out, rows, db, filtered=filtered)


@stories_app.command("show", help=SHOW_HELP)
def show_story(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(metavar="ID", help="Story id (s-…), a unique prefix of 8+ characters, "
                       "or the id of one of its articles."),
    ],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Explain one story (help: ``SHOW_HELP``)."""
    from tidings import service
    from tidings.store import open_store

    with open_store(_group_db(ctx, db), readonly=True) as store:
        story = service.story(store, ident)
    if as_json:
        _print_json(story)
    else:
        print_story(out, story)


@stories_app.command("update", help=UPDATE_HELP)
def update_stories(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    as_json: JsonOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Place what is not in a story yet (help: ``UPDATE_HELP``)."""
    from tidings import service
    from tidings.cli_views import corpus_progress, print_corpus_report
    from tidings.store import open_store

    settings = _settings(config)
    db = _group_db(ctx, db)
    with open_store(db, settings=settings.store) as store:
        show = not (quiet or as_json) and err.is_terminal
        with corpus_progress(err, enabled=show) as on_progress:
            report = service.update_stories(store, settings, on_progress).to_dict()
    if as_json:
        _print_json({**report, "db": str(db)})
    else:
        print_corpus_report(out, report, db)


def _group_db(ctx: typer.Context, db: str) -> str:
    """The store of a subcommand: its own --db, else one given to the group
    ('tidings stories --db F show ID'), else the default."""
    parent = ctx.parent.params.get("db") if ctx.parent is not None else None
    source = ctx.get_parameter_source("db")
    if parent is not None and source is not None and source.name == "DEFAULT":
        return str(parent)
    return db


# -- how stories look to a person ---------------------------------------------------------------


def print_stories(
    console: Console, rows: list[dict[str, Any]], db: Path, *, filtered: bool = False
) -> None:
    """Stories as a table: id, dates, languages, articles, independent sources, title and the
    merged event most sources report."""
    if not rows:
        if filtered:
            console.print("no stories match")
        else:
            console.print(
                f"no stories in {db} yet: 'tidings ingest' builds them, and "
                f"'tidings stories update --db {db}' after an ingest with --no-stories"
            )
        return
    table = Table("id", "dates", "langs", "articles", "sources", "title", "top merged event")
    for row in rows:
        top = (row.get("merged_events") or [None])[0]
        table.add_row(
            escape(row["id"]),
            span(row.get("first_published"), row.get("last_published")),
            " ".join(row.get("langs") or []) or "?",
            str(row["size"]),
            str(row["sources"]),
            escape(_shorten(row.get("title") or "(no title)", 70)),
            escape(merged_event_line(top)) if top else "[dim]—",
        )
    console.print(table)
    console.print(f"[dim]tidings stories show ID --db {escape(str(db))} explains one story")


def print_story(console: Console, story: dict[str, Any]) -> None:
    """One story: its summary, each article with why it joined, its merged events."""
    title = story.get("title") or "(no title)"
    console.print(f"[bold]story {escape(story['id'])}[/]  {escape(title)}")
    sources = story["sources"]
    console.print(
        f"{span(story.get('first_published'), story.get('last_published'))} · "
        f"{', '.join(story.get('langs') or []) or 'no language'} · {story['size']} "
        f"article{'s' if story['size'] != 1 else ''} · {sources} independent "
        f"source{'s' if sources != 1 else ''}"
    )
    names = {e["id"]: e.get("name") or e["id"] for e in story.get("entities") or []}
    if names:
        console.print("key entities: " + escape(", ".join(
            f"{e.get('name') or e['id']} ({e['articles']})" for e in story["entities"])))
    table = Table("article", "published", "lang", "title", "why it is here", title="articles")
    for article in story.get("articles") or []:
        table.add_row(
            escape(article["id"]),
            escape(article.get("published") or "undated"),
            article.get("lang") or "?",
            escape(_shorten(article.get("title") or "(no title)", 60)),
            escape(explain_join(article.get("joined"), names)),
        )
    console.print(table)
    merged = story.get("merged_events") or []
    if not merged:
        console.print("[dim]no events coded in this story's articles")
        return
    events = Table("type", "status", "source → target", "date", "place", "articles", "langs",
                   "sources", title=f"merged events ({len(merged)})")
    for event in merged[:SHOWN_EVENTS]:
        kind = event["type"] + (f" ({event['mode']})" if event.get("mode") else "")
        events.add_row(
            escape(kind),
            escape(event.get("status") or ""),
            escape(sides_text(event)),
            escape(event.get("date") or "—"),
            escape(event.get("location_name") or event.get("location") or "—"),
            str(len(event.get("articles") or [])),
            " ".join(event.get("langs") or []),
            str(event.get("sources", "")),
        )
    console.print(events)
    if len(merged) > SHOWN_EVENTS:
        console.print(f"… and {len(merged) - SHOWN_EVENTS} more (--json lists them all)")


def explain_join(joined: dict[str, Any] | None, names: dict[str, str] | None = None) -> str:
    """Why an article is in its story, in words: a copy of an earlier article (and how much of
    it the copy holds), joined through its best-scoring earlier article (similarity, shared
    entities, date gap, score), or opened the story (and why nothing earlier fitted)."""
    if not joined:
        return "—"
    names = names or {}
    if joined.get("duplicate_of"):
        held = joined.get("containment")
        return f"copy of {joined['duplicate_of']}" + (
            f" (contains {held:.0%} of it)" if isinstance(held, int | float) else "")
    signals = _signals(joined, names)
    score = joined.get("score")
    if joined.get("via"):
        return f"joined via {joined['via']}: {signals} → score {score:.2f}"
    reason = joined.get("reason") or "nothing earlier fitted"
    if joined.get("nearest"):
        return (f"opened it ({reason}): nearest {joined['nearest']} scored {score:.2f} "
                f"< {joined.get('threshold')}; {signals}")
    return f"opened it ({reason})"


def _signals(joined: dict[str, Any], names: dict[str, str]) -> str:
    parts = []
    if joined.get("similarity") is not None:
        parts.append(f"similarity {joined['similarity']:.2f}")
    shared = joined.get("shared_entities") or []
    if shared:
        named = ", ".join(names.get(e, e) for e in shared[:5])
        more = f" +{len(shared) - 5}" if len(shared) > 5 else ""
        parts.append(f"entities {joined.get('entities', 0):.2f} ({named}{more})")
    elif "entities" in joined:
        parts.append("no shared entities")
    if "days" in joined:
        days = joined["days"]
        if days is None:
            parts.append("undated")
        elif days == 0:
            parts.append("same day")
        else:
            parts.append(f"{days:g} day{'s' if days != 1 else ''} apart")
    return ", ".join(parts) or "no signals recorded"


def merged_event_line(event: dict[str, Any]) -> str:
    """A merged event in one line: type, sides, date, and how many sources report it."""
    sources = event.get("sources", 0)
    return (f"{event['type']} {sides_text(event)} {event.get('date') or 'undated'} "
            f"({sources} source{'s' if sources != 1 else ''})")


def sides_text(event: dict[str, Any]) -> str:
    """``source → target`` by actor names (a mutual act: its sides joined by ``+``)."""
    def names(actors: list[dict[str, Any]]) -> str:
        return ", ".join(a.get("name") or a.get("code") or a.get("id") or "?"
                         for a in actors) or "—"

    if event.get("symmetric"):
        return " + ".join(a.get("name") or a.get("code") or "?" for a in event["source"])
    return f"{names(event.get('source') or [])} → {names(event.get('target') or [])}"


def span(first: str | None, last: str | None) -> str:
    """A story's dates as a person reads them: one day, ``first … last``, or undated."""
    first, last = (first or "")[:10], (last or "")[:10]
    if not first:
        return "undated"
    return first if first == last else f"{first} … {last}"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
