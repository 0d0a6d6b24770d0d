"""How the CLI shows things to a person (tables, progress). JSON output does not come here;
the stories' own tables are in ``cli_stories``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tidings.problems import Problem
from tidings.run import IngestReport
from tidings.run import Progress as IngestProgress


@contextmanager
def ingest_progress(
    console: Console, *, enabled: bool
) -> Iterator[Callable[[IngestProgress], None] | None]:
    """A progress bar over files, with articles/s and rejects; nothing when disabled."""
    if not enabled:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(
            "files · {task.fields[articles]} articles · {task.fields[rate]}/s · "
            "[yellow]{task.fields[rejects]} rejected"
        ),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task("ingest", total=None, articles=0, rate="0", rejects=0)

        def update(p: IngestProgress) -> None:
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{p.articles / elapsed:.0f}" if elapsed > 0 else "0"
            bar.update(
                task,
                total=p.files_total,
                completed=p.files_done,
                articles=p.articles,
                rate=rate,
                rejects=p.rejects,
            )

        yield update


@contextmanager
def corpus_progress(
    console: Console, *, enabled: bool
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar over the articles the story update folds in; nothing when disabled."""
    if not enabled:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]stories"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task("stories", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, total=total, completed=done)

        yield update


def print_ingest_report(
    console: Console,
    report: IngestReport,
    db: str | Path,
    total: int,
    corpus: dict[str, Any] | None = None,
) -> None:
    """The ingest summary; ``corpus`` is the story update's report (``CorpusReport.to_dict``),
    None when it was skipped."""
    from tidings.store import shown_location

    db = shown_location(db)
    data = report.to_dict()
    console.print(
        f"[bold]{report.added}[/] new articles stored in {db} ({total} in all) from "
        f"{report.files} files in {report.seconds:.1f}s"
        + (f" · {data['articles_per_s']} articles/s" if data["articles_per_s"] else "")
    )
    if report.skipped:
        console.print(f"{report.skipped} unchanged files skipped (use --force to read them again)")
    if report.duplicates:
        console.print(f"{report.duplicates} articles were already stored")
    if report.rejects:
        console.print(f"[yellow]{len(report.rejects)} rejected:[/]")
        for reject in report.rejects[:20]:
            console.print(f"  [{reject.code}] {reject.source}: {reject.reason}", markup=False)
        if len(report.rejects) > 20:
            console.print(
                f"  … and {len(report.rejects) - 20} more: see 'tidings status --db {db}'"
            )
    print_corpus_report(console, corpus, db)


def print_corpus_report(console: Console, corpus: dict[str, Any] | None, db: str | Path
                        ) -> None:
    """One line on what the story update did (or that it was skipped), and its problems."""
    from tidings.store import shown_location

    db = shown_location(db)
    if corpus is None:
        console.print(f"stories not updated (--no-stories): run 'tidings stories update --db {db}'")
        return
    if not corpus["articles"]:
        console.print("stories: up to date")
        return
    stages = {s["stage"]: s for s in corpus["stages"]}
    dedup, stories = stages.get("dedup", {}), stages.get("stories", {})
    console.print(
        f"stories: {corpus['articles']} articles placed in {corpus['seconds']:.1f}s · "
        f"{stories.get('created', 0)} new stories, {stories.get('changed', 0)} grown · "
        f"{dedup.get('changed', 0)} copies of earlier articles · "
        f"see 'tidings stories --db {db}'"
    )
    for stage in corpus["stages"]:
        for problem in stage["problems"]:
            console.print(f"[yellow]warning:[/] {escape(str(Problem.from_dict(problem)))}")


def print_article(console: Console, article: dict[str, Any]) -> None:
    table = Table(show_header=False, box=None, padding=(0, 1))
    provenance = article.get("provenance", {})
    dateline = article.get("dateline") or {}
    rows = [
        ("id", article.get("id"), None),
        ("source", article.get("source"), None),
        ("title", article.get("title"), provenance.get("title")),
        ("published", article.get("published"), provenance.get("published")),
        (
            "lang",
            f"{article.get('lang')} ({article.get('lang_confidence')})",
            provenance.get("lang"),
        ),
        ("agency", article.get("agency"), provenance.get("agency")),
        ("dateline", dateline.get("place"), provenance.get("dateline")),
        ("sentences", str(len(article.get("sentences", []))), None),
        (
            "timexes",
            ", ".join(f"{t['text']}={t['value']}" for t in article.get("timexes", [])),
            None,
        ),
    ]
    for name, value, origin in rows:
        table.add_row(
            f"[bold]{name}",
            str(value) if value is not None else "[dim]—",
            f"[dim]{origin}" if origin else "",
        )
    console.print(table)
    _print_article_story(console, article)
    events = article.get("events") or []
    if events:
        console.print(f"[bold]events[/] {len(events)}")
        for event in events:
            trigger = event["evidence"][0]["trigger"] if event.get("evidence") else ""
            console.print(
                f"  {escape(event.get('date') or '—')}  [bold]{escape(_event_type(event))}[/]  "
                f"{escape(_sides(event))}  [dim]{escape(event.get('status') or '')}[/]"
                + (f"  «{escape(trigger)}»" if trigger else "")
            )
    quotes = article.get("quotes") or []
    if quotes:
        console.print(f"[bold]quotes[/] {len(quotes)}")
        for quote in quotes:
            speaker = quote.get("speaker") or {}
            who = speaker.get("name") or speaker.get("text") or "?"
            console.print(f"  [bold]{escape(who)}[/] [dim]{quote['kind']}, "
                          f"{escape(quote.get('cue_text') or '—')}[/]  "
                          f"“{escape(quote['text'][:160])}”")
    for warning in article.get("warnings", []):
        problem = Problem.from_dict(warning)
        console.print(f"[yellow]warning:[/] {escape(str(problem))}", markup=True)
    console.print(
        article.get("text", "")[:600] + ("…" if len(article.get("text", "")) > 600 else ""),
        markup=False,
    )
    console.print()


def _print_article_story(console: Console, article: dict[str, Any]) -> None:
    """The story the article is in, the article it copies and its copies. An article stored
    before stories existed, or with --no-stories, is not placed yet: say how to place it."""
    if "story" not in article:  # analysed without a store: stories are a store's
        return
    placed = article.get("story") or {}
    story = placed.get("story")
    if story:
        size = f"{story['articles']} article{'s' if story['articles'] != 1 else ''}"
        console.print(
            f"[bold]story[/] {escape(story['id'])}  {escape(story.get('title') or '(no title)')}"
            f"  [dim]{size}, {story['sources']} independent "
            f"source{'s' if story['sources'] != 1 else ''} · tidings stories show {story['id']}"
        )
    else:
        console.print("[bold]story[/] [dim]none yet: run 'tidings stories update'")
    if placed.get("duplicate_of"):
        console.print(f"[bold]copy of[/] {escape(placed['duplicate_of'])}")
    if placed.get("duplicates"):
        console.print(f"[bold]copies[/] {escape(', '.join(placed['duplicates']))}")


def print_status(console: Console, data: dict[str, Any]) -> None:
    first, last = data["published_range"]
    console.print(
        f"[bold]{data['articles']}[/] articles in {data['db']} from {data['sources']} "
        f"files; dated {first or '—'} … {last or '—'}, {data['undated']} undated"
    )
    console.print(f"entities: {data.get('entities', 0)} · events: {data.get('events', 0)}")
    if "stories" in data:
        console.print(
            f"stories: {data['stories']} ({data['multi_article_stories']} with 2+ articles) · "
            f"copies: {data['duplicates']} · merged events: {data['merged_events']}"
        )
        if data["articles"] and not data["stories"]:
            console.print(f"[dim]no stories yet: run 'tidings stories update --db {data['db']}'")
    for key in ("by_lang", "by_format", "by_agency"):
        if data[key]:
            parts = ", ".join(f"{k} {v}" for k, v in data[key].items())
            console.print(f"{key.removeprefix('by_')}: {parts}")
    if data["rejected"]:
        console.print(f"[yellow]{len(data['rejected'])} rejected:[/]")
        for reject in data["rejected"][:50]:
            console.print(
                f"  [{reject.get('code', 'T300')}] {reject['source']}: {reject['reason']}",
                markup=False,
            )


def print_hits(console: Console, hits: list[dict[str, Any]], query: str) -> None:
    if not hits:
        console.print(f"no article matches {query!r}")
        return
    table = Table("id", "published", "lang", "title / snippet", show_lines=False)
    for hit in hits:
        table.add_row(
            hit["id"],
            hit["published"] or "—",
            hit["lang"] or "?",
            f"[bold]{hit['title'] or '(no title)'}[/]\n[dim]{hit['snippet']}",
        )
    console.print(table)


def print_entities(console: Console, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print("no entities match")
        return
    table = Table("id", "name", "type", "actor", "role", "articles", "aliases")
    for row in rows:
        aliases = "; ".join(f"{lang}: {', '.join(names[:4])}" for lang, names in
                            row["aliases"].items())
        table.add_row(row["id"], row["name"], row["type"], row["actor"] or "", row["role"] or "",
                      str(row["articles"]), aliases)
    console.print(table)


def print_events(console: Console, rows: list[dict[str, Any]]) -> None:
    """Events as a table: date, type, source -> target, status, trigger, article."""
    if not rows:
        console.print("no events match")
        return
    table = Table("date", "type", "source → target", "status", "trigger", "article")
    for row in rows:
        article = row["article"]
        title = article["title"] or "(no title)"
        trigger = row["evidence"][0]["trigger"] if row["evidence"] else ""
        table.add_row(
            escape(row["date"] or "—"),
            escape(_event_type(row)),
            escape(_sides(row)),
            escape(row["status"]),
            escape(trigger),
            f"{article['id'][:8]} [dim]{escape(title[:60])}",
        )
    console.print(table)


def _event_type(event: dict[str, Any]) -> str:
    # a planned AGREE names the act it announces: "AGREE (CONSULT)"
    intended = event.get("intended")
    return event["type"] + (f" ({intended})" if intended else "")


def _sides(event: dict[str, Any]) -> str:
    return f"{_actors(event.get('source') or [])} → {_actors(event.get('target') or [])}"


def _actors(actors: list[dict[str, Any]]) -> str:
    if not actors:
        return "—"
    names = []
    for actor in actors:
        code = actor.get("code") or actor.get("country")
        name = actor.get("name") or actor.get("text") or actor.get("entity_id") or "?"
        names.append(f"{name} [{code}]" if code else name)
    return ", ".join(names)


def print_metrics(console: Console, metrics: dict[str, Any]) -> None:
    table = Table(
        "metric",
        "value",
        title=f"{metrics['task']} · {metrics['gold']} · {metrics['records']} records",
    )
    for key, value in metrics.items():
        if key in ("task", "gold", "records") or isinstance(value, dict):
            continue
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    console.print(table)
    per_lang = metrics.get("per_lang") or {}
    if per_lang:
        keys = sorted({k for row in per_lang.values() for k in row})
        by_lang = Table("lang", *keys, title="per language")
        for lang, row in per_lang.items():
            by_lang.add_row(
                lang,
                *(
                    f"{row[k]:.3f}" if isinstance(row.get(k), float) else str(row.get(k, ""))
                    for k in keys
                ),
            )
        console.print(by_lang)


def print_bench(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(title="tidings bench (ratios against the baseline of the same run)")
    columns = [
        ("name", "step"),
        ("articles", "articles"),
        ("sentences", "sentences"),
        ("seconds", "s"),
        ("articles_per_s", "articles/s"),
        ("sentences_per_s", "sentences/s"),
        ("x_baseline_time", "× baseline time"),
        ("x_local_runner_time", "× local runner time"),
        ("ratio", "× dateparser speed"),
        ("x_plain_time", "× plain spaCy time"),
        ("x_plain_spacy_time", "× plain spaCy time"),
        ("int8_x_float_time", "× float32 time"),
        ("store_kb_per_article", "store KB/article"),
        ("search_p50_ms", "search p50 ms"),
        ("search_p99_ms", "search p99 ms"),
        ("seconds_per_mb", "s per MB"),
        ("peak_rss_mb_per_mb", "peak MB per MB"),
        ("per_sentence_vs_plain", "× plain spaCy time/sentence"),
        ("vectors", "vectors"),
        ("ms_per_article", "ms/article"),
        ("x_first", "× smallest size"),
        ("x_ingest", "× ingest time/article"),
        ("x_stories", "× dedup + stories time"),
        ("stories", "stories"),
        ("duplicates", "copies found"),
        ("copies_made", "copies made"),
        ("dyads", "dyads"),
        ("themes", "themes"),
        ("peak_rss_mb", "peak MB"),
        ("worker_rss_mb", "peak MB per worker"),
    ]
    present = [(key, label) for key, label in columns if any(key in row for row in rows)]
    for key, label in present:
        table.add_column(label, no_wrap=key == "name", justify="left" if key == "name" else "right")
    for row in rows:
        table.add_row(*(_cell(row.get(key)) for key, _ in present))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)
