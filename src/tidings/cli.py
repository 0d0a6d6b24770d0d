"""The ``tidings`` command. Thin: parse, call one service function, format the result.

Every command that prints data takes ``--json``; errors print one line saying what went
wrong and what to do, and exit with status 2.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from tidings.errors import TidingsError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Multilingual news into a dated, sourced record of who did what to whom.",
)
# Piped output (files, CI logs) gets wide tables instead of rich's 80-column default.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="TIDINGS_DB", help="SQLite store file (created on first use)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML settings merged over the packaged defaults.")
]
DEFAULT_DB = Path("tidings.db")


def _settings(config: Path | None, **flags: Any):
    from tidings.config import load_settings

    ingest = {k: v for k, v in flags.items() if v is not None}
    return load_settings(config, {"ingest": ingest} if ingest else None)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None, default=str) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", help="Largest input read, in bytes.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-read files already ingested.")] = False,
    as_json: JsonOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read news files into the store: text, HTML, RSS/Atom, JSON/JSONL, WARC(.gz)."""
    from tidings.cli_views import ingest_progress, print_ingest_report
    from tidings.ingest.service import ingest as run_ingest
    from tidings.pipeline import Pipeline
    from tidings.store import open_store

    settings = _settings(config, max_bytes=max_bytes)
    pipeline = Pipeline(settings=settings)
    with open_store(db, settings=settings.store) as store:
        show = not (quiet or as_json) and err.is_terminal
        with ingest_progress(err, enabled=show) as on_progress:
            report = run_ingest(paths, store, pipeline, force=force, on_progress=on_progress)
        total = store.count()
    if as_json:
        _print_json({**report.to_dict(), "db": str(db), "articles_in_store": total})
    else:
        print_ingest_report(out, report, db, total)


@app.command()
def analyse(
    file: Annotated[str, typer.Argument(help="One document (or - for stdin).")],
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Analyse one document without a store and print everything found in it."""
    from tidings.cli_views import print_article
    from tidings.model import Reject
    from tidings.pipeline import Pipeline

    pipeline = Pipeline(settings=_settings(config))
    results = list(pipeline.read(file))
    articles = [r.to_dict() for r in results if not isinstance(r, Reject)]
    rejects = [r.to_dict() for r in results if isinstance(r, Reject)]
    if not articles:
        reason = rejects[0]["reason"] if rejects else "no article found"
        raise TidingsError(f"{file}: {reason}")
    if as_json:
        _print_json(
            articles[0]
            if len(articles) == 1 and not rejects
            else {"articles": articles, "rejected": rejects}
        )
        return
    for article in articles:
        print_article(out, article)
    for reject in rejects:
        err.print(f"[yellow]rejected[/] {reject['source']}: {reject['reason']}")


@app.command()
def status(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """What the store holds: articles, languages, formats, dates, rejects."""
    from tidings.cli_views import print_status
    from tidings.store import open_store

    with open_store(db, readonly=True) as store:
        data = store.status()
    if as_json:
        _print_json(data)
    else:
        print_status(out, data)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must occur), "a phrase", prefix*.')],
    db: DbOption = DEFAULT_DB,
    lang: Annotated[str | None, typer.Option(help="Only this language (en, de, zh...).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="Most results shown.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search of the store (Chinese matches inside words too)."""
    from tidings.cli_views import print_hits
    from tidings.store import open_store

    with open_store(db, readonly=True) as store:
        hits = store.search(query, lang=lang, since=since, until=until, limit=limit)
    if as_json:
        _print_json(hits)
    else:
        print_hits(out, hits, query)


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    type_: Annotated[str | None, typer.Option("--type", help="PER, ORG, LOC or MISC.")] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO alpha-3 country code (PER, CHN).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Part of a name or alias, any language.")] = None,
    limit: Annotated[int, typer.Option(help="Most entities shown.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Entities in the store: one id per real-world entity, with aliases by language."""
    from tidings.cli_views import print_entities
    from tidings.store import open_store

    with open_store(db, readonly=True) as store:
        rows = store.entities(type_=type_, country=country, name=name, limit=limit)
    if as_json:
        _print_json(rows)
    else:
        print_entities(out, rows)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    type_: Annotated[
        str | None, typer.Option("--type", help="PLOVER type: CONSULT, AGREE, ASSAULT...")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Entity id, actor code or country on either side (per:xi-jinping)."),
    ] = None,
    pair: Annotated[
        str | None,
        typer.Option(help="Two actors on opposite sides, either direction: CHN-PER (or A,B)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Event dated on or after (YYYY, YYYY-MM, YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Event dated on or before (YYYY, YYYY-MM, YYYY-MM-DD).")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="happened, planned, negated or claimed.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Most events shown, newest first.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Events in the store: who did what to whom and when, with the words that say so."""
    from tidings.cli_views import print_events
    from tidings.store import open_store

    with open_store(db, readonly=True) as store:
        rows = store.events(
            actor=actor, type_=type_, since=since, until=until, pair=pair, status=status,
            limit=limit,
        )
    if as_json:
        _print_json(rows)
    else:
        print_events(out, rows)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of 6+).")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """One stored article, with its metadata and where each field came from."""
    from tidings.cli_views import print_article
    from tidings.store import open_store

    with open_store(db, readonly=True) as store:
        article = store.get(article_id)
    if article is None:
        raise TidingsError(
            f"no article with id '{article_id}' in {db}", hint="see 'tidings search'"
        )
    if as_json:
        _print_json(article)
    else:
        print_article(out, article)


@app.command()
def export(
    out_file: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl, csv, parquet; gdelt (events, tab-separated).")
    ] = "jsonl",
    what: Annotated[
        str | None,
        typer.Option(help="articles or events (default: articles; events for --format gdelt)."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    lang: Annotated[str | None, typer.Option(help="Only articles in this language.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Published (events: dated) on or after.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Published (events: dated) on or before.")
    ] = None,
) -> None:
    """Write stored articles, or events, to JSONL, CSV, Parquet or a GDELT-style table."""
    from tidings.export import export as run_export
    from tidings.export import export_kind
    from tidings.store import open_store

    kind = export_kind(what, fmt)
    with open_store(db, readonly=True) as store:
        rows = (store.iter_events if kind == "events" else store.iter_articles)(
            lang=lang, since=since, until=until
        )
        count = run_export(rows, fmt, out_file, what=kind)
    label = "rows (event x source x target)" if fmt == "gdelt" else kind
    err.print(f"wrote {count} {label} to {out_file}")


@app.command()
def demo(
    db: DbOption = Path("demo.db"),
    as_json: JsonOption = False,
) -> None:
    """Ingest the bundled example corpus (5 languages, 7 events) and print a summary."""
    from tidings.demo import run_demo

    run_demo(db, out, as_json=as_json)


@app.command()
def predict(
    task: Annotated[str, typer.Argument(help="metadata, ner, timex, events, quotes, ...")],
    input_file: Annotated[Path, typer.Option("--input", help="JSONL records of the task.")],
    out_file: Annotated[Path, typer.Option("--out", help="JSONL file to write.")],
) -> None:
    """Write the system's answers for a task's records (gold fields, if any, are ignored)."""
    from tidings.evaluate import predict_file

    count = predict_file(task, input_file, out_file)
    err.print(f"wrote {count} records to {out_file}")


@app.command(name="eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="metadata, ner, timex, events, quotes, ...")],
    gold: Annotated[Path, typer.Option("--gold", help="Gold JSONL file of the task's schema.")],
    as_json: JsonOption = False,
) -> None:
    """Score one stage against a gold file; with --json the last line is the metrics."""
    from tidings.cli_views import print_metrics
    from tidings.evaluate import evaluate_file

    metrics = evaluate_file(task, gold)
    print_metrics(out, metrics)
    if as_json:
        _print_json(metrics)


@app.command()
def bench(
    corpus: Annotated[
        Path | None, typer.Option(help="JSONL corpus (default: the Reuters-21578 corpus).")
    ] = None,
    limit: Annotated[int, typer.Option(help="Articles to ingest.")] = 2000,
    as_json: JsonOption = False,
) -> None:
    """Throughput and peak memory of ingest, against a baseline measured in the same run."""
    from tidings.bench import run_bench
    from tidings.cli_views import print_bench

    rows = run_bench(corpus, limit)
    if as_json:
        _print_json(rows)
    else:
        print_bench(out, rows)


def main() -> None:
    """Console entry point: run the app; turn our errors into one clear line and status 2."""
    try:
        app(standalone_mode=False)
    except TidingsError as exc:
        if os.environ.get("TIDINGS_DEBUG"):
            raise
        err.print(
            f"[bold red]error:[/] {exc.message}" + (f"\n  hint: {exc.hint}" if exc.hint else "")
        )
        raise SystemExit(2) from None
    except (typer.Abort, KeyboardInterrupt):
        err.print("interrupted: what was committed before is kept; run the same command again")
        raise SystemExit(130) from None
    except Exception as exc:  # click's usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            raise SystemExit(exc.exit_code) from None
        raise
