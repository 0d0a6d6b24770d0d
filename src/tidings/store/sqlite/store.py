"""The embedded store: one SQLite file in WAL mode, FTS5 full text, named migrations.

One writer at a time (SQLite's rule); readers open the file read-only and keep working while
a writer commits. Every write is one transaction: a process killed half-way leaves the file
as it was after the last commit, and a re-run adds only what is missing (ids are content
hashes, rejects are unique per source and reason).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tidings.config import StoreSettings
from tidings.errors import QueryTimeout, StoreError
from tidings.model import Article, Reject
from tidings.queries import (
    ArticleQuery,
    EntityQuery,
    EventQuery,
    QuoteQuery,
    StorylineQuery,
    StoryQuery,
)
from tidings.store.sqlite.corpus import SQLiteCorpus
from tidings.store.sqlite.entities import (
    article_mentions,
    get_entity,
    list_entities,
    write_entities,
)
from tidings.store.sqlite.events import (
    article_events,
    count_events,
    event_dates,
    events_of_articles,
    iter_events,
    write_events,
)
from tidings.store.sqlite.feeds import SQLiteFeeds
from tidings.store.sqlite.fts import index_text, like_escape
from tidings.store.sqlite.migrate import migrations
from tidings.store.sqlite.quotes import article_quotes, count_quotes, list_quotes, write_quotes
from tidings.store.sqlite.search import ArticleSearch, _filters
from tidings.store.sqlite.stories import article_story, count_stories, get_story, list_stories
from tidings.store.sqlite.storylines import count_storylines, get_storyline, list_storylines

# The writers of the analysis tables, by the ``store_table`` a stage declares. Their tables
# are the only copy of those results: the article's JSON ``data`` holds the rest.
WRITERS = {"entities": write_entities, "events": write_events, "quotes": write_quotes}
# Fields of ``Article.to_dict()`` kept in their tables, not in ``data``.
_IN_TABLES = ("mentions", "events", "quotes")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(ArticleSearch):
    """Articles, rejects and finished sources in one SQLite file."""

    def __init__(self, path: Path, *, readonly: bool, settings: StoreSettings) -> None:
        self.path = path
        self.readonly = readonly
        if readonly and not path.exists():
            raise StoreError(
                f"no database at {path}", hint=f"run 'tidings ingest PATH --db {path}' first"
            )
        try:
            if readonly:
                uri = f"file:{path.resolve()}?mode=ro"
                # a reader may be opened in one thread and used in another (the web server's
                # thread pool), one thread at a time
                self.conn = sqlite3.connect(
                    uri, uri=True, timeout=settings.busy_timeout_ms / 1000, isolation_level=None,
                    check_same_thread=False,
                )
            else:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(
                        f"cannot create the folder of {path}: {exc.strerror or exc}",
                        hint="point --db at a file in a folder you can write to",
                    ) from exc
                self.conn = sqlite3.connect(
                    path, timeout=settings.busy_timeout_ms / 1000, isolation_level=None
                )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {int(settings.busy_timeout_ms)}")
            if not readonly:
                self._use_wal(settings.busy_timeout_ms / 1000)
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
            self.corpus = SQLiteCorpus(self.conn, path)
            self.feeds = SQLiteFeeds(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path} is not a usable tidings database: {exc}",
                hint="point --db at a new file, or at one tidings created",
            ) from exc

    def _use_wal(self, timeout_s: float) -> None:
        # Switching a new file to WAL needs it alone for a moment, and SQLite answers "locked"
        # at once (no busy wait) while another process is opening the new file too.
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    # -- schema ---------------------------------------------------------------------------

    def _applied(self) -> set[str]:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
        ).fetchone()
        if not exists:
            return set()
        return {row[0] for row in self.conn.execute("SELECT name FROM _migrations")}

    def _migrations(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """``(name, statements)`` of every migration of this backend, in order."""
        return migrations()

    def _ddl(self, statement: str) -> None:
        """Run one statement of a migration."""
        self.conn.execute(statement)

    def _migrate(self) -> None:
        applied = self._applied()
        pending = [(name, sql) for name, sql in self._migrations() if name not in applied]
        if not pending:
            return
        if self.readonly:
            raise StoreError(
                f"{self.path} needs migrations {', '.join(n for n, _ in pending)}",
                hint="open it once with a writing command such as 'tidings ingest'",
            )
        with self.conn:  # under the write lock: two processes may open a new store at once
            self.conn.execute("BEGIN IMMEDIATE")
            self._ddl("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
                      "applied_at TEXT)")
        for name, sql in pending:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                if name in self._applied():
                    continue  # another process opening the new store applied it first
                for statement in sql:
                    self._ddl(statement)
                self.conn.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, _now())
                )

    def migrations(self) -> list[str]:
        return sorted(self._applied())

    # -- writing --------------------------------------------------------------------------

    def write(
        self,
        articles: Iterable[Article],
        rejects: Iterable[Reject] = (),
        *,
        forget_rejects_of: str | None = None,
        finished: tuple[str, str, int, int] | None = None,
    ) -> int:
        """Write articles and rejects in one transaction; return how many articles were new.

        ``forget_rejects_of`` drops earlier rejects of that source (it is being read again);
        ``finished`` = (fingerprint, path, articles, rejects) marks a source as done.
        """
        added = 0
        now = _now()
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            if forget_rejects_of is not None:
                self.conn.execute(
                    "DELETE FROM rejects WHERE source = ? OR source LIKE ? ESCAPE '\\'",
                    (forget_rejects_of, like_escape(forget_rejects_of) + "#%"),
                )
            for article in articles:
                added += self._insert(article, now)
            self.conn.executemany(
                "INSERT OR IGNORE INTO rejects (source, reason, at, code) VALUES (?, ?, ?, ?)",
                [(r.source, r.reason, now, r.code) for r in rejects],
            )
            if finished is not None:
                self.conn.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)", (*finished, now)
                )
        return added

    def _insert(self, article: Article, now: str) -> int:
        data = article.to_dict()
        text = data.pop("text")
        for key in _IN_TABLES:
            data.pop(key)
        cursor = self.conn.execute(
            """INSERT OR IGNORE INTO articles (id, source, url, format, title, text, lang,
               lang_confidence, published, published_precision, agency, dateline_place,
               data, versions, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                data["id"],
                article.source,
                article.url,
                article.format,
                article.title,
                text,
                article.lang,
                article.lang_confidence,
                article.published,
                article.published_precision,
                article.agency,
                article.dateline.place if article.dateline else None,
                json.dumps(data, ensure_ascii=False),
                json.dumps(article.versions),
                now,
            ),
        )
        if cursor.rowcount == 0:
            return 0
        rowid = cursor.lastrowid
        self._index(rowid, article.title or "", text, article.lang)
        for writer in WRITERS.values():
            writer(self.conn, rowid, article)
        return 1

    def _index(self, rowid: int, title: str, text: str, lang: str | None) -> None:
        """Put an article's words into the full-text index."""
        self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            (rowid, index_text(title), index_text(text)),
        )

    def is_finished(self, fingerprint: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sources WHERE fingerprint = ?", (fingerprint,)
        ).fetchone()
        return row is not None

    # -- reading --------------------------------------------------------------------------

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def rejects(self, limit: int | None = None) -> list[dict[str, str]]:
        sql = "SELECT source, reason, code, at FROM rejects ORDER BY id"
        rows = self.conn.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
        return [dict(row) for row in rows]

    def status(self) -> dict[str, Any]:
        """Counts and ranges of what is stored."""
        one = self.conn.execute
        first, last = one("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "db": str(self.path),
            "articles": self.count(),
            "rejected": self.rejects(),
            "sources": one("SELECT count(*) FROM sources").fetchone()[0],
            "by_lang": self._counts("coalesce(lang, '?')"),
            "by_format": self._counts("format"),
            "by_agency": self._counts("agency", "agency IS NOT NULL"),
            "entities": one("SELECT count(*) FROM entities").fetchone()[0],
            "events": count_events(self.conn),
            **count_quotes(self.conn),
            **count_stories(self.conn),
            **count_storylines(self.conn),
            "undated": one("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0],
            "published_range": [first, last],
            "migrations": self.migrations(),
        }

    def _counts(self, column: str, where: str = "1 = 1") -> dict[str, int]:
        # column and where are fixed strings of this module, never user input
        rows = self.conn.execute(
            f"SELECT {column}, count(*) FROM articles WHERE {where} GROUP BY 1 ORDER BY 2 DESC"
        )
        return {row[0]: row[1] for row in rows}

    @contextmanager
    def time_limit(self, seconds: float | None) -> Iterator[None]:
        """Cut any statement that runs longer than ``seconds`` inside the block: it raises
        ``QueryTimeout`` (a ``StoreError``, code T410) instead of holding the caller."""
        if not seconds:
            yield
            return
        deadline = time.monotonic() + seconds
        self.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1_000)
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            raise QueryTimeout(
                f"the store did not answer within {seconds:g} s",
                hint="narrow the query (a date range, a language, fewer words) and try again",
            ) from exc
        finally:
            self.conn.set_progress_handler(None, 0)

    def get(self, ident: str) -> dict[str, Any] | None:
        """The stored article with id ``ident`` (or a unique id prefix of 6+ characters)."""
        rows = self.conn.execute(
            "SELECT rowid, text, data, ingested_at FROM articles WHERE id = ?", (ident,)
        ).fetchall()
        if not rows and len(ident) >= 6:
            # a prefix: a range of the id index (LIKE would read the whole table)
            rows = self.conn.execute(
                "SELECT rowid, text, data, ingested_at FROM articles WHERE id >= ? AND id < ?"
                " LIMIT 2", (ident, ident + "\U0010ffff"),
            ).fetchall()
        if len(rows) != 1:
            return None
        return self._article(rows[0])

    def articles(self, query: ArticleQuery) -> Iterator[dict[str, Any]]:
        """Every stored article matching the filters, oldest first, in the shape of
        ``Article.to_dict`` (``query.q`` is not used: see ``search``)."""
        sql, params = _filters(
            "SELECT rowid, text, data, ingested_at FROM articles WHERE 1 = 1", [], query
        )
        sql += " ORDER BY published, rowid"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(query.limit)
        rows = iter(self.conn.execute(sql, params))
        while batch := list(itertools.islice(rows, 100)):
            # the events of a hundred articles in three statements, not three an article
            events = events_of_articles(self.conn, [row["rowid"] for row in batch])
            for row in batch:
                yield self._article(row, events[row["rowid"]])

    def _article(self, row: sqlite3.Row,
                 events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        data = json.loads(row["data"])
        data["text"] = row["text"]
        data["mentions"] = article_mentions(self.conn, row["rowid"])
        data["events"] = (article_events(self.conn, row["rowid"]) if events is None
                          else events)
        data["quotes"] = article_quotes(self.conn, row["rowid"])
        data["story"] = article_story(self.conn, row["rowid"])
        data["ingested_at"] = row["ingested_at"]
        return data

    def entities(self, query: EntityQuery) -> list[dict[str, Any]]:
        """Stored entities (see ``entities.list_entities``)."""
        return list_entities(self.conn, query)

    def entity(self, ident: str) -> dict[str, Any] | None:
        """One entity with its mentions by month and the actors it appears with (see
        ``entities.get_entity``)."""
        return get_entity(self.conn, ident)

    def quotes(self, query: QuoteQuery) -> list[dict[str, Any]]:
        """Stored quotes (see ``quotes.list_quotes``)."""
        return list_quotes(self.conn, query)

    def events(self, query: EventQuery) -> Iterator[dict[str, Any]]:
        """Stored events (see ``events.iter_events``)."""
        return iter_events(self.conn, query)

    def event_dates(self, query: EventQuery) -> Iterator[dict[str, Any]]:
        """The date and quad class of each event ``events`` gives (see
        ``events.event_dates``)."""
        return event_dates(self.conn, query)

    def stories(self, query: StoryQuery) -> list[dict[str, Any]]:
        """Stored stories (see ``stories.list_stories``)."""
        return list_stories(self.conn, query)

    def story(self, ident: str) -> dict[str, Any] | None:
        """One story with why each article joined it (see ``stories.get_story``)."""
        return get_story(self.conn, ident)

    def storylines(self, query: StorylineQuery) -> list[dict[str, Any]]:
        """Stored storylines (see ``storylines.list_storylines``)."""
        return list_storylines(self.conn, query)

    def storyline(self, ident: str) -> dict[str, Any] | None:
        """One storyline with its months and stories (see ``storylines.get_storyline``)."""
        return get_storyline(self.conn, ident)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
