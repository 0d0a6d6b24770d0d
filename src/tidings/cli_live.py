"""``tidings watch`` and the live parts of ``tidings ingest`` (URLs, ``--feeds``) and of
``tidings status`` (the feeds' state). The work is in ``tidings.live``; this module maps
flags into ``[live]`` settings, calls it, and prints.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli import DEFAULT_DB, ConfigOption, DbOption, JsonOption, _print_json, app, err, out
from tidings.config import Settings
from tidings.errors import UsageError

WATCH_HELP = (
    "Follow news feeds: poll each feed of an OPML or text list on its schedule, fetch the "
    "pages of new items politely (robots.txt, conditional GET, per-host limits, retries), "
    "and put the new articles into the store, stories and storylines.\n\n"
    "One status line per round. A failing feed is recorded with its reason ('tidings "
    "status') and tried again next round; stopping watch at any moment loses nothing, and "
    "a restart fetches nothing already stored. --once polls every feed once and exits (for "
    "cron). docs/live.md says more."
)
FeedsOption = Annotated[
    Path | None,
    typer.Option("--feeds", help="OPML file (a feed reader's export) or text file of feed URLs, "
                 "one a line, optionally followed by its own interval (15m)."),
]
WarcOption = Annotated[
    Path | None,
    typer.Option("--warc", help="Folder to write every HTTP answer to, as WARC files that "
                 "'tidings ingest FOLDER' reads back offline."),
]


def live_settings(settings: Settings, *, every: str | None = None, timeout: str | None = None,
                  per_host: int | None = None, delay: str | None = None,
                  user_agent: str | None = None) -> Settings:
    """``settings`` with the live flags given on the command line laid over ``[live]``."""
    from tidings.live import parse_duration

    changes: dict[str, Any] = {}
    if every is not None:
        changes["every_s"] = parse_duration(every)
        if changes["every_s"] < 1:
            raise UsageError(f"--every {every} would poll without pause",
                             hint="give at least 1s (feeds rarely change more than every 5m)")
    if timeout is not None:
        changes["timeout_s"] = parse_duration(timeout)
    if delay is not None:
        changes["delay_s"] = parse_duration(delay)
    if per_host is not None:
        if per_host < 1:
            raise UsageError(f"--per-host {per_host} would fetch nothing", hint="give 1 or more")
        changes["per_host"] = per_host
    if user_agent:
        changes["user_agent"] = user_agent
    return dataclasses.replace(settings, live=dataclasses.replace(settings.live, **changes))


def live_inputs(inputs: list[str] | None, feeds: Path | None) -> tuple[list[str], list[str]]:
    """``tidings ingest`` inputs as ``(paths, urls)``; a usage error when there are none."""
    from tidings.live import split_inputs

    paths, urls = split_inputs(inputs or [])
    if not paths and not urls and feeds is None:
        raise UsageError("nothing to ingest",
                         hint="give files, folders, globs, - for stdin, URLs or --feeds FILE")
    return paths, urls


def fetch_into(report: Any, urls: list[str], feeds: Path | None, store: Any, pipeline: Any,
               warc: Path | None) -> None:
    """``tidings ingest`` of URLs and ``--feeds``: fetch them into ``store`` and add what
    happened to the ingest ``report`` (feeds that failed are listed with the rejects)."""
    from tidings.live import ingest_urls, read_feed_list
    from tidings.live.watch import feed_rejects

    done = ingest_urls(urls, feeds, store, pipeline, pipeline.settings.live, warc)
    report.files += len({*urls, *(e.url for e in (read_feed_list(feeds) if feeds else []))})
    report.articles += done.articles + done.known
    report.added += done.added
    report.rejects.extend([*done.rejects, *feed_rejects(done)])
    report.seconds += done.seconds


@app.command(help=WATCH_HELP)
def watch(
    feeds: FeedsOption = None,
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    every: Annotated[str | None, typer.Option(
        help="Poll each feed this often: 30s, 15m, 1h (default 15m).")] = None,
    once: Annotated[bool, typer.Option(
        "--once", help="Poll every feed once, then exit (for cron and tests).")] = False,
    warc: WarcOption = None,
    timeout: Annotated[str | None, typer.Option(
        help="Give up on a server silent this long: 10s (default 20s).")] = None,
    per_host: Annotated[int | None, typer.Option(
        "--per-host", help="Requests at once to one host (default 2).")] = None,
    delay: Annotated[str | None, typer.Option(
        help="Pause between two requests to one host: 1s (default), 0 on your own site.")] = None,
    user_agent: Annotated[str | None, typer.Option(
        "--user-agent", help="User-Agent to send (default: tidings, its version and URL); "
        "add how to reach you for a large crawl.")] = None,
    max_bytes: Annotated[int | None, typer.Option(
        "--max-bytes", help="Largest answer read, in bytes (as for files).")] = None,
    no_stories: Annotated[bool, typer.Option(
        "--no-stories", help="Store articles only; 'tidings stories update' builds the "
        "stories later.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Follow feeds (help: ``WATCH_HELP``)."""
    from tidings import service
    from tidings.cli import _settings
    from tidings.live import watch as run_watch
    from tidings.pipeline import Pipeline
    from tidings.store import open_store

    if feeds is None:
        raise UsageError("watch needs a list of feeds",
                         hint="give --feeds FILE: an OPML export or a text file of feed URLs")
    settings = live_settings(_settings(config, max_bytes=max_bytes), every=every,
                             timeout=timeout, per_host=per_host, delay=delay,
                             user_agent=user_agent)
    pipeline = Pipeline(settings=settings)
    with open_store(db, settings=settings.store) as store:
        corpus: dict[str, Any] = {}

        def after_round(report: Any) -> None:
            corpus["last"] = service.update_stories(store, settings).to_dict()

        def on_round(report: Any) -> None:
            if as_json:
                _print_json({**report.to_dict(), "corpus": corpus.pop("last", None),
                             "articles_in_store": store.count()})
                return
            out.print(report.line(), markup=False, highlight=False)
            for error in report.errors:
                what = error.get("item") or error["feed"]
                err.print(f"  [{error['code']}] {what}: {error['reason']}", markup=False,
                          highlight=False)

        run_watch(feeds, store, pipeline, settings.live, once=once, warc=warc,
                  on_round=on_round, after_round=None if no_stories else after_round)


def print_feeds(console: Console, feeds: list[dict[str, Any]]) -> None:
    """The feeds' state under ``tidings status``: last success, last error, next poll."""
    if not feeds:
        return
    failing = sum(1 for f in feeds if f["failures"])
    console.print(f"feeds: {len(feeds)} ({failing} failing)")
    table = Table("feed", "last success", "last error", "next poll", "articles")
    for feed in feeds:
        error = ""
        if feed["failures"] and feed["last_error"]:
            error = f"{feed['last_error_at']}: {feed['last_error']} (x{feed['failures']})"
        table.add_row(feed["url"], feed["last_success"] or "never", error,
                      feed["next_poll"] or "now", str(feed["articles"]))
    console.print(table)
