"""The ``tidings`` command. Thin: parse, call one service function, format the result.

Every command that prints data takes ``--json``; errors print one line saying what went
wrong and what to do, and exit with status 2.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperOption

from tidings.errors import TidingsError, UsageError
from tidings.problems import Problem

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Multilingual news into a dated, sourced record of who did what to whom.",
)
# Piped output (files, CI logs) gets wide tables instead of rich's 80-column default.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

# typer 0.29's rich help prints every option's type, flags included ("--json <bool>",
# "--help <bool>"), though its plain help skips flags (TyperOption.get_help_record). Older
# typer has no display_type_rich; there the help is right as it is.
_option_type_rich = getattr(TyperOption, "display_type_rich", None)


def _flag_type_rich(self: TyperOption, ctx: Any) -> str | None:
    """An option's type as rich help shows it; none for a flag, which takes no value."""
    if self.is_flag or self.count:
        return None
    return _option_type_rich(self, ctx)


if _option_type_rich is not None:
    TyperOption.display_type_rich = _flag_type_rich  # type: ignore[method-assign]

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="TIDINGS_DB",
                 help="The store: an SQLite file (created on first use) or a "
                 "postgresql://USER@HOST/DATABASE URL."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML settings merged over the packaged defaults.")
]
DEFAULT_DB = "tidings.db"


def _settings(config: Path | None, **flags: Any):
    from tidings.config import load_settings

    ingest = {k: v for k, v in flags.items() if v is not None}
    return load_settings(config, {"ingest": ingest} if ingest else None)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None, default=str) + "\n")


@app.command(help=(
    "Read news files into the store: text, HTML, RSS/Atom, JSON/JSONL, WARC(.gz); or fetch "
    "feeds and pages by URL (--feeds FILE: a list of feeds; docs/live.md).\n\n"
    "Then every new article is put into a story (its near-copies and the articles, in any "
    "language, about the same event): see 'tidings stories'. --no-stories leaves that to "
    "'tidings stories update'."
))
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Files, folders, globs, - for stdin, or http(s) URLs (a feed URL gives its "
             "items' pages, a page URL that page).")] = None,
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", help="Largest input read, in bytes.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-read files already ingested.")] = False,
    feeds: Annotated[Path | None, typer.Option(
        "--feeds", help="OPML or text file of feed URLs to fetch once ('tidings watch' "
                        "follows them); see docs/live.md.")] = None,
    warc: Annotated[Path | None, typer.Option(
        "--warc", help="With URLs or --feeds: write every HTTP answer to WARC files in "
                       "this folder (read back offline by 'tidings ingest FOLDER').")] = None,
    as_json: JsonOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    no_stories: Annotated[
        bool,
        typer.Option("--no-stories",
                     help="Store the articles only; 'tidings stories update' (or the next "
                     "ingest) puts them into stories later."),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(help="Processes that analyse batches (default: the cores this process "
                     "may use; 1: all in this process). The record is the same for any "
                     "number; the pool starts only for inputs of more than one batch."),
    ] = None,
    runner: Annotated[
        str,
        typer.Option(help="Where batches are analysed: local (this machine, --workers "
                     "processes) or ray (--workers Ray actors; default: every CPU Ray has). "
                     "The record is the same; see docs/scale.md."),
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option("--ray-address",
                     help="With --runner ray: join the Ray cluster at this address (host:port "
                     "of its head, as 'ray start --head' prints; auto: the one started on "
                     "this machine). Default: Ray starts here for the run and stops after."),
    ] = None,
) -> None:
    """Read news files into the store, then put the new articles into stories."""
    from tidings import service
    from tidings.cli_views import corpus_progress, ingest_progress, print_ingest_report
    from tidings.pipeline import Pipeline
    from tidings.run import check_runner
    from tidings.run import ingest as run_ingest
    from tidings.run.pool import default_workers
    from tidings.store import open_store, shown_location

    if workers is not None and workers < 1:
        raise UsageError(f"--workers {workers} would analyse nothing",
                         hint="give 1 or more (1: all in this process)")
    check_runner(runner, ray_address)
    if ray_address is not None:  # an unreachable cluster is told before any work
        from tidings.run.ray_runner import check_address

        check_address(ray_address)
    from tidings.cli_live import fetch_into, live_inputs

    paths, urls = live_inputs(paths, feeds)
    if warc is not None and not urls and feeds is None:
        raise UsageError("--warc keeps the HTTP answers of URLs and --feeds, and there are none",
                         hint="give URLs or --feeds FILE, or leave out --warc")
    settings = _settings(config, max_bytes=max_bytes)
    pipeline = Pipeline(settings=settings)
    corpus = None
    with open_store(db, settings=settings.store) as store:
        show = not (quiet or as_json) and err.is_terminal
        with ingest_progress(err, enabled=show) as on_progress:
            report = run_ingest(paths, store, pipeline, force=force, on_progress=on_progress,
                                workers=workers or (None if runner == "ray"
                                                    else default_workers()),
                                runner=runner, ray_address=ray_address)
        if urls or feeds is not None:
            fetch_into(report, urls, feeds, store, pipeline, warc)
        if not no_stories:
            with corpus_progress(err, enabled=show) as on_corpus:
                corpus = service.update_stories(store, settings, on_corpus).to_dict()
        total = store.count()
    if as_json:
        _print_json({**report.to_dict(), "corpus": corpus, "db": shown_location(db),
                     "articles_in_store": total})
    else:
        print_ingest_report(out, report, db, total, corpus)


@app.command()
def analyse(
    file: Annotated[str, typer.Argument(help="One document (or - for stdin).")],
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Analyse one document without a store and print everything found in it."""
    from tidings import service
    from tidings.cli_views import print_article
    from tidings.pipeline import Pipeline

    found, rejected = service.analyse(file, Pipeline(settings=_settings(config)))
    articles = [a.to_dict() for a in found]
    rejects = [r.to_dict() for r in rejected]
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
    from tidings.cli_live import print_feeds
    from tidings.cli_views import print_status
    from tidings.store import open_store

    with open_store(db, readonly=True) as store:
        data = store.status()
        data["feeds"] = store.feeds.list()
    if as_json:
        _print_json(data)
    else:
        print_status(out, data)
        print_feeds(out, data["feeds"])


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must occur), "a phrase", prefix*.')],
    db: DbOption = DEFAULT_DB,
    lang: Annotated[str | None, typer.Option(help="Only this language (en, de, zh...).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="Most results shown.")] = 20,
    mode: Annotated[str, typer.Option(
        help="text: the words; semantic: the meaning, in any language; both: fused.")] = "text",
    as_json: JsonOption = False,
) -> None:
    """Search the store: full text (Chinese matches inside words too), or by meaning
    across languages (--mode semantic)."""
    from tidings import service
    from tidings.cli_views import print_hits
    from tidings.queries import ArticleQuery
    from tidings.store import open_store

    parsed = ArticleQuery.parse(query, lang=lang, since=since, until=until, limit=limit,
                                mode=mode)
    with open_store(db, readonly=True) as store:
        hits = service.search(store, parsed)
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
    from tidings import service
    from tidings.cli_views import print_entities
    from tidings.queries import EntityQuery
    from tidings.store import open_store

    query = EntityQuery.parse(type_=type_, country=country, name=name, limit=limit)
    with open_store(db, readonly=True) as store:
        rows = service.entities(store, query)
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
    min_confidence: Annotated[
        float | None,
        typer.Option("--min-confidence",
                     help="Only events at least this likely to be right (0-1, calibrated)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Events in the store: who did what to whom and when, with the words that say so."""
    from tidings import service
    from tidings.cli_views import print_events
    from tidings.queries import EventQuery
    from tidings.store import open_store

    query = EventQuery.parse(
        type_=type_, actor=actor, pair=pair, status=status, since=since, until=until, limit=limit,
        min_confidence=min_confidence,
    )
    with open_store(db, readonly=True) as store:
        rows = service.events(store, query)
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
    from tidings import service
    from tidings.cli_views import print_article
    from tidings.store import open_store

    with open_store(db, readonly=True) as store:
        article = service.article(store, article_id)
    if as_json:
        _print_json(article)
    else:
        print_article(out, article)


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


# Command groups whose commands live in modules of their own: the group is made here, and its
# module (imported last, as it uses the options and consoles above) adds its commands to it.
stories_app = typer.Typer(
    name="stories",
    invoke_without_command=True,
    subcommand_metavar="[show ID | update]",
)
app.add_typer(stories_app)
for _module in ("cli_stories", "cli_serve", "cli_quotes", "cli_storylines", "cli_export",
                "cli_live", "cli_bench"):
    importlib.import_module(f"tidings.{_module}")


def _click_exceptions():
    """The click exception classes this typer raises: typer 0.2x carries its own copy of
    click (``typer._click``); older typer raises click's own."""
    try:
        from typer._click import exceptions
    except ImportError:
        from click import exceptions
    return exceptions


def _usage_problem(exc: Exception, exceptions: Any) -> Problem:
    """A click error (unknown option, missing argument, bad value) as a Problem."""
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "tidings"
    message = exc.format_message().strip().rstrip(".")  # type: ignore[attr-defined]
    if isinstance(exc, exceptions.UsageError):
        return Problem("T600", message, "cli", f"see '{command} --help'")
    code = "T300" if isinstance(exc, exceptions.FileError) else "T000"
    return Problem(code, message, "cli")


def _print_problem(problem: Problem, *, as_json: bool, one_line: bool = False) -> None:
    """One JSON object on stderr with ``--json``; else ``error: [T300] message`` and the hint
    below it (or on the same line: usage errors)."""
    if as_json:
        sys.stderr.write(json.dumps({"error": problem.to_dict()}, ensure_ascii=False) + "\n")
    elif one_line:
        err.print(f"[bold red]error:[/] {escape(str(problem))}", highlight=False)
    else:
        hint = f"\n  hint: {escape(problem.hint)}" if problem.hint else ""
        line = escape(f"[{problem.code}] {problem.message}")
        err.print(f"[bold red]error:[/] {line}{hint}", highlight=False)


def _interrupted() -> NoReturn:
    err.print("interrupted: what was committed before is kept; run the same command again")
    raise SystemExit(130)


def main() -> None:
    """Console entry point: run the app. Every error, ours or a usage mistake, is a coded
    line and its hint (one JSON object on stderr with ``--json``) and exit status 2;
    ``TIDINGS_DEBUG=1`` raises it instead."""
    exceptions = _click_exceptions()
    as_json = "--json" in sys.argv[1:]
    debug = bool(os.environ.get("TIDINGS_DEBUG"))
    try:
        code = app(prog_name="tidings", standalone_mode=False)
    except TidingsError as exc:
        if debug:
            raise
        _print_problem(exc.problem, as_json=as_json)
        raise SystemExit(2) from None
    except (typer.Abort, KeyboardInterrupt):
        _interrupted()
    except exceptions.ClickException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare ``tidings``: the help
            exc.show()
            raise SystemExit(2) from None
        if debug:
            raise
        _print_problem(_usage_problem(exc, exceptions), as_json=as_json, one_line=True)
        raise SystemExit(2) from None
    except Exception as exc:  # a bug: say so in the same shape, keep the traceback on demand
        if debug:
            raise
        _print_problem(
            Problem("T000", f"unexpected error: {type(exc).__name__}: {exc}", "cli",
                    "run again with TIDINGS_DEBUG=1 for the traceback, and please report it"),
            as_json=as_json,
        )
        raise SystemExit(1) from None
    # Without standalone mode, typer returns the status of an Exit (``--help``: 0) and
    # turns an interrupt inside a command into Exit(130).
    if code == 130:
        _interrupted()
    if isinstance(code, int) and code:
        raise SystemExit(code)
