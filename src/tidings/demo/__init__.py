"""``tidings demo``: the bundled example corpus into a store, and a summary a person can read.

The corpus (``demo/corpus/``) is original short articles written for this project: five
languages, seven real-world events of 2024, every header style and input format we read.
"""

from __future__ import annotations

from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from tidings import service
from tidings.pipeline import Pipeline
from tidings.queries import ArticleQuery, EventQuery, StorylineQuery, StoryQuery
from tidings.run import ingest
from tidings.store import open_store

# Queries shown at the end: one in Latin script, one in Chinese (matched inside words).
_EXAMPLE_QUERIES = ("Boluarte", "秘鲁")
_EXAMPLE_PAIR = "CHN-PER"
# How many of the biggest stories the summary lists.
_BIGGEST_STORIES = 5


def demo_corpus() -> Path:
    """The folder of the bundled example corpus."""
    return Path(str(resources.files(__name__).joinpath("corpus")))


def run_demo(db: Path, console: Console, *, as_json: bool = False) -> dict[str, Any]:
    """Ingest the demo corpus into ``db`` (idempotent), put its articles into stories, and
    print what is in it."""
    pipeline = Pipeline()
    with open_store(db) as store:
        report = ingest([str(demo_corpus())], store, pipeline)
        corpus = service.update_stories(store, pipeline.settings)
        stories = service.stories(store, StoryQuery.parse(limit=None))
        lines = service.storylines(store, StorylineQuery.parse(min_stories=2, limit=4))
        summary = {
            "ingest": report.to_dict(),
            "corpus": corpus.to_dict(),
            "status": store.status(),
            "stories": biggest_stories(stories, _BIGGEST_STORIES),
            "storylines": [{k: line[k] for k in ("id", "kind", "label", "size", "articles",
                                                 "first_month", "last_month", "months")}
                           for line in lines],
            "articles": list(store.articles(ArticleQuery(limit=None))),
            "searches": {
                q: service.search(store, ArticleQuery.parse(q, limit=5)) for q in _EXAMPLE_QUERIES
            },
            "events": service.events(store, EventQuery.parse(
                pair=_EXAMPLE_PAIR, limit=8, min_confidence=pipeline.settings.events.min_confidence
            )),
        }
    if as_json:
        import json

        slim = {
            **summary,
            "articles": [
                {k: a.get(k) for k in ("id", "published", "lang", "agency", "title", "source")}
                for a in summary["articles"]
            ],
            "stories": [
                {k: s.get(k) for k in ("id", "title", "first_published", "last_published",
                                       "langs", "size", "sources")}
                | {"articles": [a["id"] for a in s["articles"]]}
                for s in summary["stories"]
            ],
        }
        console.print_json(json.dumps(slim, ensure_ascii=False, default=str))
        return summary
    _print_summary(console, db, summary)
    return summary


def _print_summary(console: Console, db: Path, summary: dict[str, Any]) -> None:
    status = summary["status"]
    report = summary["ingest"]
    console.rule("[bold]tidings demo")
    console.print(
        f"{report['added']} new articles this run; {status['articles']} in {db} · "
        f"{len(status['rejected'])} rejected · {report['seconds']}s"
    )
    console.print("languages: " + ", ".join(f"{k} {v}" for k, v in status["by_lang"].items()))
    console.print("formats:   " + ", ".join(f"{k} {v}" for k, v in status["by_format"].items()))
    console.print("agencies:  " + ", ".join(f"{k} {v}" for k, v in status["by_agency"].items()))
    first, last = status["published_range"]
    console.print(
        f"dated {first[:10] if first else '—'} … {last[:10] if last else '—'}; "
        f"{status['undated']} articles state no date (none is guessed)"
    )
    by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in summary["articles"]:
        by_month[(article.get("published") or "undated")[:7]].append(article)
    table = Table("month", "lang", "agency", "dateline", "title", title="articles by month")
    for month in sorted(by_month, key=lambda m: (m == "undated", m)):
        for article in by_month[month]:
            title = article.get("title") or _first_words(article.get("text", ""))
            table.add_row(
                month,
                article.get("lang") or "?",
                article.get("agency") or "",
                (article.get("dateline") or {}).get("place") or "",
                _shorten(title, 70),
            )
    console.print(table)
    for query, hits in summary["searches"].items():
        console.print(
            f"[bold]search {query!r}[/]: {len(hits)} hits"
            + "".join(
                f"\n  {h['id']} [{h['lang']}] {h['title'] or _shorten(h['snippet'], 60)}"
                for h in hits
            )
        )
    events = summary.get("events") or []
    console.print(
        f"[bold]events {_EXAMPLE_PAIR}[/] (of {status.get('events', 0)} coded): "
        + "".join(f"\n  {_event_line(e)}" for e in events)
    )
    _print_stories(console, status, summary.get("stories") or [])
    _print_storylines(console, status, summary.get("storylines") or [])
    for reject in status["rejected"]:
        console.print(f"[yellow]rejected[/] {reject['source']}: {reject['reason']}", markup=True)
    console.print(
        f"\nNext: tidings search WORDS --db {db} · tidings show ID --db {db} · "
        f"tidings events --db {db} --pair {_EXAMPLE_PAIR} · tidings stories --db {db} · "
        f"tidings storylines --db {db} --pair {_EXAMPLE_PAIR} --plot trend.png · "
        f"tidings export --db {db} --format csv --out demo.csv"
    )


def _print_storylines(console: Console, status: dict[str, Any], lines: list[dict[str, Any]]
                      ) -> None:
    console.print(
        f"[bold]storylines[/]: {status.get('dyad_storylines', 0)} actor pairs, "
        f"{status.get('theme_storylines', 0)} themes; the biggest:")
    for line in lines:
        quads = [sum(m.get(q, 0) for m in line["months"].values()) for q in (
            "verbal_cooperation", "material_cooperation", "verbal_conflict",
            "material_conflict")]
        console.print(
            f"  {line['id'][:18]:18} {line['kind']:5} {line['size']:2} stories "
            f"{line['first_month'] or 'undated'}…{line['last_month'] or ''}  "
            f"coop {quads[0] + quads[1]} / conflict {quads[2] + quads[3]}  "
            f"{_shorten(line['label'], 40)}", markup=False)


def biggest_stories(stories: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """The ``count`` stories with the most independent sources, then the most articles, then
    the newest (the store lists them newest first; the sort keeps that order among equals)."""
    return sorted(stories, key=lambda s: (-s["sources"], -s["size"]))[:count]


def _print_stories(console: Console, status: dict[str, Any], stories: list[dict[str, Any]]
                   ) -> None:
    console.print(
        f"[bold]stories[/]: {status.get('stories', 0)} "
        f"({status.get('multi_article_stories', 0)} with 2+ articles, "
        f"{status.get('duplicates', 0)} copies of an earlier article); the biggest:"
    )
    for story in stories:
        first, last = (story.get("first_published") or "")[:10], \
            (story.get("last_published") or "")[:10]
        dates = (first if first == last else f"{first}…{last}") or "undated"
        console.print(
            f"  {story['id'][:10]} {story['size']:>2} articles, {story['sources']:>2} sources "
            f"[{' '.join(story.get('langs') or [])}] {dates}  "
            f"{_shorten(story.get('title') or '(no title)', 60)}",
            markup=False,
        )


def _event_line(event: dict[str, Any]) -> str:
    def side(actors: list[dict[str, Any]]) -> str:
        return "+".join(a.get("code") or a.get("text") or "?" for a in actors) or "—"

    trigger = (event.get("evidence") or [{}])[0].get("trigger") or ""
    return (
        f"{event.get('date') or 'undated'} {event['type']:<10} {side(event['source'])} → "
        f"{side(event['target'])} ({event['status']}, \"{trigger}\", {event['article']['lang']})"
    )


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return "(no title) " + " ".join(words[:count]) + ("…" if len(words) > count else "")


def _shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters; a cut one ends with "…"."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"
