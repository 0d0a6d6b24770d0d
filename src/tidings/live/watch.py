"""The two ways in: ``ingest_urls`` (``tidings ingest URL... / --feeds FILE``, once) and
``watch`` (``tidings watch``: rounds on each feed's schedule until stopped, or ``once``).

After every round with new articles, ``after_round`` runs the corpus stages (stories,
storylines) on them: the CLI passes ``service.update_stories``, which does only what is new.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from tidings.config import LiveSettings
from tidings.live.archive import WarcArchive
from tidings.live.engine import LiveRun, RoundReport
from tidings.live.urls import FeedEntry, is_url, read_feed_list
from tidings.model import Reject
from tidings.pipeline import Pipeline
from tidings.store.base import Store

# Longest sleep between two checks of the schedule: a feed added to the file, or a clock
# change, is noticed within this.
_MAX_SLEEP_S = 60.0


def split_inputs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(paths, urls)``: what ``tidings ingest`` reads from files, and what it fetches."""
    return [i for i in inputs if not is_url(i)], [i for i in inputs if is_url(i)]


def ingest_urls(urls: Sequence[str], feeds_file: str | Path | None, store: Store,
                pipeline: Pipeline, options: LiveSettings,
                warc: str | Path | None = None) -> RoundReport:
    """Fetch ``urls`` (feeds give their items, pages themselves) and every feed of
    ``feeds_file`` into ``store``; feeds are registered for ``tidings watch``."""
    entries = read_feed_list(feeds_file) if feeds_file else []
    archive = WarcArchive(warc) if warc else None
    run = LiveRun(store, pipeline, options, archive)
    try:
        report = run.fetch(urls) if urls else None
        if entries:
            polled = run.poll(entries, every_feed=True)
            report = polled if report is None else _merge(report, polled)
    finally:
        run.close()
        if archive is not None:
            archive.close()
    assert report is not None, "give URLs or a feed list"
    return report


def _merge(first: RoundReport, second: RoundReport) -> RoundReport:
    for name in ("feeds", "unchanged", "items", "pages", "articles", "added", "known",
                 "requests", "seconds"):
        setattr(first, name, getattr(first, name) + getattr(second, name))
    first.errors += second.errors
    first.rejects += second.rejects
    return first


def watch(feeds_file: str | Path, store: Store, pipeline: Pipeline, options: LiveSettings, *,
          once: bool = False, warc: str | Path | None = None,
          on_round: Callable[[RoundReport], None] | None = None,
          after_round: Callable[[RoundReport], None] | None = None,
          rounds: int | None = None) -> list[RoundReport]:
    """Poll the feeds of ``feeds_file`` as they fall due (every feed at once with ``once``,
    then return), until interrupted or after ``rounds`` rounds. The file is read again
    before every round, so feeds added to it are picked up."""
    archive = WarcArchive(warc) if warc else None
    run = LiveRun(store, pipeline, options, archive)
    done: list[RoundReport] = []
    try:
        while True:
            entries = read_feed_list(feeds_file)
            report = run.poll(entries, every_feed=once)
            if after_round is not None and report.added:
                after_round(report)
            done.append(report)
            if on_round is not None:
                on_round(report)
            if once or (rounds is not None and len(done) >= rounds):
                return done
            _sleep_until_due(store, entries)
    finally:
        run.close()
        if archive is not None:
            archive.close()


def _sleep_until_due(store: Store, entries: list[FeedEntry]) -> None:
    rows = store.feeds.list([e.url for e in entries])
    times = [datetime.fromisoformat(r["next_poll"]) for r in rows if r["next_poll"]]
    wait = (min(times) - datetime.now(UTC)).total_seconds() if times else _MAX_SLEEP_S
    time.sleep(min(_MAX_SLEEP_S, max(1.0, wait)))


def feed_rejects(report: RoundReport) -> list[Reject]:
    """Feeds that failed this round, in the shape of rejects (to print beside them)."""
    return [Reject(e.get("item") or e["feed"], e["reason"], e.get("code", "T320"))
            for e in report.errors]
