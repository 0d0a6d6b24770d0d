"""A live round: poll feeds (conditional GET), fetch the pages of items not seen before, read
them, and hand them to the pipeline and the store in batches, each batch one commit.

Nothing is lost and nothing stored is fetched again:
- an item URL or canonical URL counts as seen only once the batch holding it is committed
  (``store.feeds.remember`` names the batch; ``store.write`` commits its fingerprint);
- a feed's ETag/Last-Modified are kept only after all its items are handled, so a round
  killed half-way (or an item that failed for a reason that may pass) gets the whole feed
  again next round, and its items already stored are skipped;
- a feed that fails (DNS, timeout, HTTP error, not a feed) keeps its reason in its row and
  is polled again next round; an item whose page fails for a reason that may pass (timeout,
  5xx) is tried again next round, one that fails for good (404, no text) is a reject.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tidings.config import LiveSettings
from tidings.errors import InputError
from tidings.live.fetch import Fetched, Fetcher, now_iso
from tidings.live.read import Item, feed_items, kind_of, read_page
from tidings.live.urls import FeedEntry, canonical, origin
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline
from tidings.store.base import Store


@dataclass(slots=True)
class RoundReport:
    """What one round (or one ``tidings ingest URL...``) did."""

    started: str
    feeds: int = 0
    unchanged: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    items: int = 0
    pages: int = 0
    articles: int = 0
    added: int = 0
    known: int = 0
    rejects: list[Reject] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "started": self.started, "feeds_polled": self.feeds, "unchanged": self.unchanged,
            "errors": self.errors, "new_items": self.items, "pages_fetched": self.pages,
            "articles_read": self.articles, "added": self.added,
            "already_stored": self.known + self.articles - self.added,
            "rejected": [r.to_dict() for r in self.rejects], "requests": self.requests,
            "seconds": round(self.seconds, 3),
        }

    def line(self) -> str:
        """The status line of a round."""
        errors = len(self.errors)
        return (f"{self.started}: {self.feeds} feeds polled ({self.unchanged} unchanged), "
                f"{self.added} new articles, {len(self.rejects)} rejected, "
                f"{errors} error{'s' * (errors != 1)}, {self.requests} requests "
                f"in {self.seconds:.1f}s")


def _later(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="seconds")


class LiveRun:
    """Feeds and pages into one store. Use from one thread; fetching uses a thread pool."""

    def __init__(self, store: Store, pipeline: Pipeline, options: LiveSettings,
                 archive: Callable[..., None] | None = None) -> None:
        self.store, self.pipeline, self.options = store, pipeline, options
        self.settings = pipeline.settings.ingest
        self.fetcher = Fetcher(options, self.settings.max_bytes, archive)
        self.pool = ThreadPoolExecutor(max(1, options.threads), thread_name_prefix="fetch")
        self._articles: list[Article] = []
        self._rejects: list[Reject] = []
        self._seen: list[tuple[str, str, str | None, str | None, str]] = []
        self._batch_urls: set[str] = set()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.fetcher.close()

    # -- rounds --------------------------------------------------------------------------

    def poll(self, entries: Sequence[FeedEntry], *, every_feed: bool = False) -> RoundReport:
        """One round over the feeds of ``entries``: those due, or all with ``every_feed``."""
        report, started, before = self._start()
        feeds = self.store.feeds
        feeds.add([(e.url, e.title, e.every_s or self.options.every_s) for e in entries],
                  now_iso())
        urls = [e.url for e in entries]
        rows = feeds.list(urls) if every_feed else feeds.due(now_iso(), urls)
        self.fetcher.load_robots((origin(r["url"]) for r in rows), feeds)
        futures = {self.pool.submit(self.fetcher.fetch, r["url"], etag=r["etag"],
                                    last_modified=r["last_modified"], kind="feed"): r
                   for r in rows}
        for future in as_completed(futures):
            self._feed(futures[future], future.result(), report)
        return self._finish(report, started, before)

    def fetch(self, urls: Sequence[str]) -> RoundReport:
        """``tidings ingest URL...``: a feed URL gives its items' pages (and is registered
        as a feed), a page URL its page. A page already stored is not fetched again."""
        report, started, before = self._start()
        feeds = self.store.feeds
        known = {row["url"]: row for row in feeds.list(urls)}
        seen = feeds.seen(canonical(u) for u in urls if u not in known)
        wanted = [u for u in dict.fromkeys(urls) if u in known or canonical(u) not in seen]
        report.known += len(urls) - len(wanted)
        self.fetcher.load_robots((origin(u) for u in wanted), feeds)
        futures = [
            self.pool.submit(self.fetcher.fetch, u, kind="feed" if u in known else "page",
                             etag=(known.get(u) or {}).get("etag"),
                             last_modified=(known.get(u) or {}).get("last_modified"))
            for u in wanted
        ]
        for url, future in zip(wanted, futures, strict=True):
            got = future.result()
            if url in known or (got.ok and kind_of(got) == "feed"):
                if url not in known:
                    feeds.add([(url, None, self.options.every_s)], now_iso())
                self._feed(feeds.get(url), got, report)
                continue
            report.pages += 1
            if got.error is not None:
                report.rejects.append(Reject(url, got.error, got.code))
                if not got.transient:
                    self._rejects.append(report.rejects[-1])
                continue
            self._page(got, None, None, report)
        self._flush(report, "urls")
        return self._finish(report, started, before)

    def _start(self) -> tuple[RoundReport, float, int]:
        self.store.feeds.settle()
        return RoundReport(started=now_iso()), time.perf_counter(), self._requests()

    def _finish(self, report: RoundReport, started: float, before: int) -> RoundReport:
        self.fetcher.save_robots(self.store.feeds)
        report.requests = self._requests() - before
        report.seconds = time.perf_counter() - started
        return report

    def _requests(self) -> int:
        return sum(self.fetcher.requests.values())

    # -- one feed ------------------------------------------------------------------------

    def _feed(self, row: dict[str, Any], got: Fetched, report: RoundReport) -> None:
        url, feeds = row["url"], self.store.feeds
        report.feeds += 1
        following = _later(float(row["every_s"]))
        if got.not_modified:
            report.unchanged += 1
            feeds.polled(url, now=now_iso(), next_poll=following, status=304,
                         final_url=got.final_url)
            return
        try:
            if got.error is not None:
                raise InputError(got.error, code=got.code)
            page = feed_items(got)
        except InputError as exc:
            report.errors.append({"feed": url, "reason": exc.problem.message,
                                  "code": exc.code})
            feeds.polled(url, now=now_iso(), next_poll=following, status=got.status or None,
                         final_url=got.final_url, error=exc.problem.message)
            return
        added_before = report.added
        settled, fresh = self._items(url, page.items, report)
        validators = (got.headers.get("etag"), got.headers.get("last-modified"))
        feeds.polled(url, now=now_iso(), next_poll=following, status=got.status,
                     final_url=got.final_url, validators=validators if settled else None,
                     items=fresh, articles=report.added - added_before)

    def _items(self, feed: str, items: Iterable[Item], report: RoundReport) -> tuple[bool, int]:
        """Fetch and read the items not seen before; commit them. Returns whether every item
        is handled for good (no failure that may pass) and how many were new."""
        listed = list({item.url: item for item in items}.values())
        seen = self.store.feeds.seen(item.url for item in listed) | self._batch_urls
        fresh = [item for item in listed if item.url not in seen]
        report.items += len(fresh)
        self.fetcher.load_robots((origin(item.link) for item in fresh), self.store.feeds)
        settled = True
        # handled as they arrive, so a batch commits as soon as it is full
        futures = {self.pool.submit(self.fetcher.fetch, item.link): item for item in fresh}
        for future in as_completed(futures):
            item, got = futures[future], future.result()
            report.pages += 1
            if got.error is not None:
                reject = Reject(item.link, got.error, got.code)
                if got.transient:
                    settled = False
                    report.errors.append({"feed": feed, "item": item.link,
                                          "reason": got.error, "code": got.code})
                    continue
                report.rejects.append(reject)
                self._rejects.append(reject)
                self._mark(item.url, "item", feed, None, "rejected")
            else:
                self._page(got, feed, item, report)
            if len(self._articles) + len(self._rejects) >= self.options.batch:
                self._flush(report, feed)
        self._flush(report, feed)
        return settled, len(fresh)

    def _page(self, got: Fetched, feed: str | None, item: Item | None,
              report: RoundReport) -> None:
        """Read one page answer into the batch (or its rejects), with its seen rows."""
        urls = [item.url] if item is not None else []
        if got.url != got.final_url or item is None:
            urls.append(canonical(got.url))
        for found in read_page(got, self.settings, feed=feed, item=item):
            if isinstance(found, Reject):
                report.rejects.append(found)
                self._rejects.append(found)
                for url in urls:
                    self._mark(url, "item", feed, None, "rejected")
                continue
            report.articles += 1
            canon = found.url or canonical(got.final_url)
            if canon in self._batch_urls or self.store.feeds.seen([canon]):
                report.articles -= 1
                report.known += 1  # the same page under another link: stored once
                for url in urls:
                    self._mark(url, "item", feed, found.id, "stored")
                continue
            self._articles.append(found)
            self._mark(canon, "canonical", feed, found.id, "stored")
            for url in urls:
                self._mark(url, "item", feed, found.id, "stored")

    def _mark(self, url: str, kind: str, feed: str | None, article_id: str | None,
              outcome: str) -> None:
        if url in self._batch_urls:
            return
        self._batch_urls.add(url)
        self._seen.append((url, kind, feed, article_id, outcome))

    def _flush(self, report: RoundReport, source: str) -> None:
        """One batch: its seen rows, then its analysed articles and rejects, committed."""
        if not (self._articles or self._rejects or self._seen):
            return
        mark = f"live:{uuid.uuid4().hex}"
        self.store.feeds.remember(self._seen, mark, now_iso())
        analysed = self.pipeline.pipe(self._articles)
        report.added += self.store.write(
            analysed, self._rejects,
            finished=(mark, source, len(analysed), len(self._rejects)))
        self._articles, self._rejects, self._seen = [], [], []
        self._batch_urls.clear()
