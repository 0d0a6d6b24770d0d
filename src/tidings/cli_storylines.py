"""``tidings storylines``: how a relationship or a crisis moves over months.

Like every command it parses its flags into a typed query, calls one service function, and
prints a table per storyline (or ``--json``); ``--plot`` draws the first storyline's monthly
trend (``tidings.plot``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tidings.cli import DEFAULT_DB, DbOption, JsonOption, _print_json, app, err, out

HELP = (
    "Storylines: stories linked over months, by an actor pair (dyad) or by what they are "
    "about (theme), with a monthly trend.\n\n"
    "A dyad (d-CHN-PER) holds the stories whose merged events have one country on one side "
    "and the other on the other; a theme holds stories chained by shared entities and "
    "content in any language. Per month: merged events by quad class (verbal/material "
    "cooperation, verbal/material conflict), each counted once per independent source; the "
    "mean cooperation-conflict score (-10..10, Goldstein through CAMEO); and the article "
    "volume, so a rise can be told from more news. Storylines are built with the stories "
    "(ingest, or 'tidings stories update'); docs/storylines.md says how."
)
SHOWN_MONTHS = 24
SHOWN_STORIES = 10


@app.command(help=HELP)
def storylines(
    db: DbOption = DEFAULT_DB,
    pair: Annotated[str | None, typer.Option(
        help="A dyad: two country or international-body codes, either order (CHN-PER, "
             "IGOUNO-USA).")] = None,
    entity: Annotated[str | None, typer.Option(
        help="Storylines with this key entity (per:xi-jinping, SYR).")] = None,
    kind: Annotated[str | None, typer.Option(help="dyad or theme.")] = None,
    since: Annotated[str | None, typer.Option(
        help="Months and stories from this date (YYYY, YYYY-MM, YYYY-MM-DD); undated ones "
             "are left out.")] = None,
    until: Annotated[str | None, typer.Option(
        help="Months and stories up to this date; undated ones are left out.")] = None,
    min_stories: Annotated[int, typer.Option(
        help="Hide storylines of fewer stories.")] = 2,
    limit: Annotated[int, typer.Option(help="Most storylines shown, biggest first.")] = 10,
    plot: Annotated[Path | None, typer.Option(
        help="Draw the first storyline's monthly trend to this .svg or .png file.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List storylines (help: ``HELP``)."""
    from tidings import service
    from tidings.queries import StorylineQuery
    from tidings.store import open_store

    query = StorylineQuery.parse(pair=pair, entity=entity, kind=kind, since=since,
                                 until=until, min_stories=1 if pair else min_stories,
                                 limit=limit)
    if plot is not None:
        from tidings.plot import check_target

        check_target(plot)
    with open_store(db, readonly=True) as store:
        rows = service.storylines(store, query)
    if plot is not None and rows:
        from tidings.plot import plot_storyline

        plot_storyline(rows[0], plot)
        err.print(f"plotted {rows[0]['id']} -> {plot}")
    if as_json:
        _print_json(rows)
        return
    if not rows:
        out.print("no storylines" + (" match" if any(
            v is not None for v in (pair, entity, kind, since, until)) else
            f" in {db} yet: they are built with the stories (tidings ingest, or "
            f"tidings stories update --db {db})"))
        return
    for row in rows:
        print_storyline(out, row)


def print_storyline(console: Console, line: dict[str, Any]) -> None:
    """One storyline: its head, a table of months, its first stories."""
    span = f"{line['first_month'] or 'undated'}…{line['last_month'] or ''}"
    console.print(f"[bold]{escape(line['label'])}[/bold]  {line['id']}  {line['kind']} · "
                  f"{line['size']} stories · {line['articles']} articles · {span}")
    for actor in line.get("actors") or []:
        members = ", ".join(m["name"] or m["id"] for m in actor.get("members", [])[:5])
        console.print(f"  {actor['code']} {escape(actor['name'])}"
                      + (f": {escape(members)}" if members else ""))
    table = Table(show_edge=False, pad_edge=False)
    for column in ("month", "verbal coop", "material coop", "verbal conflict",
                   "material conflict", "score", "articles", "sources"):
        table.add_column(column, justify="left" if column == "month" else "right")
    months = list(line["months"].items())
    for month, value in months[-SHOWN_MONTHS:]:
        score = value.get("score")
        table.add_row(month, *(str(value[k]) for k in (
            "verbal_cooperation", "material_cooperation", "verbal_conflict",
            "material_conflict")), "" if score is None else f"{score:+.1f}",
            str(value["volume"]), str(value["sources"]))
    if len(months) > SHOWN_MONTHS:
        console.print(f"  (last {SHOWN_MONTHS} of {len(months)} months; --json has all)")
    console.print(table)
    for story in line["stories"][:SHOWN_STORIES]:
        langs = " ".join(story["langs"])
        console.print(f"  {story['first_published'] or 'undated':10.10}  {story['id']}  "
                      f"[{langs}] {len(story['articles'])} art.  "
                      f"{escape((story['title'] or '')[:70])}")
    if len(line["stories"]) > SHOWN_STORIES:
        console.print(f"  … {len(line['stories']) - SHOWN_STORIES} more stories "
                      "(--json lists them)")
    console.print()
