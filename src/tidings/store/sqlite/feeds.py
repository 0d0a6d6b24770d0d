"""The live tables (migration ``0010_feeds``): feeds and their polling state, the item and
canonical URLs already fetched, and robots.txt by origin. Used as ``store.feeds``.

Portable SQL only (the PostgreSQL backend runs this module through an adapter): ``?``
placeholders, ``ON CONFLICT ... DO`` upserts, no rowids, no SQLite-only functions; every
statement goes through ``conn.execute`` or ``conn.executemany``.

Seen URLs and article batches commit together without sharing a transaction: the seen rows
of a batch are written first, naming the batch's fingerprint, and count only once the store's
``write`` has committed that fingerprint to ``sources`` with the batch's articles. A run killed
between the two leaves rows that do not count (their pages are fetched again, as their
articles were not stored); ``settle`` tidies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

# Placeholders per IN list: well under SQLite's and PostgreSQL's limits.
_CHUNK = 500
# A seen row counts when its batch is committed (or it was settled).
_COUNTS = "(batch IS NULL OR batch IN (SELECT fingerprint FROM sources))"


# A URL fetched: (url, kind: item | canonical, feed, article id, outcome: stored | rejected)
SeenRow = tuple[str, str, str | None, str | None, str]


class SQLiteFeeds:
    """Read and write the live tables of one store (``store.feeds``)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.conn:
            self.conn.execute("BEGIN")
            yield

    # -- feeds ---------------------------------------------------------------------------

    def add(self, feeds: Iterable[tuple[str, str | None, int]], now: str) -> None:
        """Register ``(url, title, every_s)`` feeds; a known feed keeps its state and takes
        the new title (when given) and interval."""
        with self._transaction():
            self.conn.executemany(
                """INSERT INTO live_feeds (url, title, every_s, added_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (url) DO UPDATE SET every_s = excluded.every_s,
                   title = coalesce(excluded.title, live_feeds.title)""",
                [(url, title, int(every), now) for url, title, every in feeds],
            )

    def get(self, url: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM live_feeds WHERE url = ?", (url,)).fetchone()
        return dict(row) if row is not None else None

    def list(self, urls: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Every feed (or those of ``urls``), in the order they were added."""
        rows = [dict(r) for r in self.conn.execute(
            "SELECT * FROM live_feeds ORDER BY added_at, url")]
        if urls is None:
            return rows
        wanted = set(urls)
        return [r for r in rows if r["url"] in wanted]

    def due(self, now: str, urls: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Feeds never polled or whose next poll is at or before ``now``."""
        return [r for r in self.list(urls) if r["next_poll"] is None or r["next_poll"] <= now]

    def polled(self, url: str, *, now: str, next_poll: str, status: int | None,
               final_url: str | None, error: str | None = None,
               validators: tuple[str | None, str | None] | None = None,
               items: int = 0, articles: int = 0) -> None:
        """Record one poll: a success (``error`` None; ``validators`` = (etag, last_modified)
        to keep for the next conditional GET, None to keep the old ones) or a failure."""
        with self._transaction():
            if error is None:
                self.conn.execute(
                    """UPDATE live_feeds SET last_poll = ?, last_status = ?, final_url = ?,
                       last_success = ?, failures = 0, next_poll = ?, polls = polls + 1,
                       items = items + ?, articles = articles + ? WHERE url = ?""",
                    (now, status, final_url, now, next_poll, items, articles, url),
                )
                if validators is not None:
                    self.conn.execute(
                        "UPDATE live_feeds SET etag = ?, last_modified = ? WHERE url = ?",
                        (*validators, url),
                    )
            else:
                self.conn.execute(
                    """UPDATE live_feeds SET last_poll = ?, last_status = ?,
                       final_url = coalesce(?, final_url), last_error = ?, last_error_at = ?,
                       failures = failures + 1, next_poll = ?, polls = polls + 1
                       WHERE url = ?""",
                    (now, status, final_url, error, now, next_poll, url),
                )

    # -- seen URLs -----------------------------------------------------------------------

    def seen(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` already fetched and committed (stored or rejected for good)."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT url FROM live_seen WHERE url IN ({marks}) AND {_COUNTS}", chunk)
            found.update(row[0] for row in rows)
        return found

    def remember(self, rows: Iterable[SeenRow], batch: str, now: str) -> None:
        """Write the seen rows of the batch ``batch`` (they count once it is committed)."""
        with self._transaction():
            self.conn.executemany(
                """INSERT INTO live_seen (url, kind, feed, article_id, outcome, batch, seen_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (url) DO UPDATE SET kind = excluded.kind,
                   feed = excluded.feed, article_id = excluded.article_id,
                   outcome = excluded.outcome, batch = excluded.batch,
                   seen_at = excluded.seen_at""",
                [(*row, batch, now) for row in rows],
            )

    def settle(self) -> int:
        """Mark the rows of committed batches settled and drop those of batches that never
        committed (a killed run). Call with no other writer of the live tables running.
        Returns how many rows were dropped."""
        with self._transaction():
            self.conn.execute(
                """UPDATE live_seen SET batch = NULL WHERE batch IS NOT NULL
                   AND batch IN (SELECT fingerprint FROM sources)""")
            dropped = self.conn.execute(
                "DELETE FROM live_seen WHERE batch IS NOT NULL").rowcount
        return max(0, dropped or 0)

    def counts(self) -> dict[str, int]:
        """Seen URLs that count, by outcome."""
        rows = self.conn.execute(
            f"SELECT outcome, count(*) FROM live_seen WHERE {_COUNTS} GROUP BY outcome")
        return {row[0]: row[1] for row in rows}

    # -- robots.txt ----------------------------------------------------------------------

    def robots(self, origin: str) -> dict[str, Any] | None:
        """The robots.txt last fetched from ``origin`` (status, body, fetched_at)."""
        row = self.conn.execute(
            "SELECT status, body, fetched_at FROM live_robots WHERE origin = ?", (origin,)
        ).fetchone()
        return dict(row) if row is not None else None

    def save_robots(self, origin: str, status: int, body: str, now: str) -> None:
        with self._transaction():
            self.conn.execute(
                """INSERT INTO live_robots (origin, status, body, fetched_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (origin) DO UPDATE SET status = excluded.status,
                   body = excluded.body, fetched_at = excluded.fetched_at""",
                (origin, status, body, now),
            )
