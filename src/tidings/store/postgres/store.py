"""The PostgreSQL store: the SQLite store's queries and migrations, on a server, for teams.

Everything but what the two engines do differently is the SQLite store's own code, run through
``connection.Connection`` (which translates each statement: ``dialect``). What is PostgreSQL's
own here: connecting (with a clear error naming the host), the migration bookkeeping, full-text
search (``tsvector`` in the article's language configuration beside a ``simple`` one for exact
words, CJK searchable inside words as in SQLite), the per-statement time limit
(``statement_timeout``) and read-only sessions. Readers (``tidings serve``) borrow connections
from one pool per server URL.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import errors as pgerrors

from tidings.config import StoreSettings
from tidings.errors import QueryTimeout, StoreError
from tidings.queries import ArticleQuery, Term
from tidings.store.postgres.connection import Connection
from tidings.store.postgres.dialect import migration
from tidings.store.sqlite.corpus import SQLiteCorpus
from tidings.store.sqlite.feeds import SQLiteFeeds
from tidings.store.sqlite.fts import index_text
from tidings.store.sqlite.migrate import migrations as sqlite_migrations
from tidings.store.sqlite.migrate import statements
from tidings.store.sqlite.search import _filters, _paged
from tidings.store.sqlite.store import SQLiteStore

# PostgreSQL's text search configurations for the languages we read (the rest: 'simple')
CONFIGS = {"en": "english", "de": "german", "es": "spanish", "fr": "french", "it": "italian",
           "pt": "portuguese", "nl": "dutch", "ru": "russian", "sv": "swedish",
           "da": "danish", "fi": "finnish", "no": "norwegian", "hu": "hungarian",
           "ro": "romanian", "tr": "turkish", "ar": "arabic", "id": "indonesian",
           "el": "greek", "ca": "catalan"}
_POOLS: dict[str, Any] = {}
_POOLS_LOCK = threading.Lock()
_CONFIGS_TTL = 30.0  # seconds a store trusts its list of stem configurations in use


def display(url: str) -> str:
    """``url`` without its password, as it may be shown and logged."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def where(url: str) -> str:
    """The server ``url`` names, for messages: host (or socket folder) and port."""
    parts = urlsplit(url)
    host = parts.hostname or "the local socket"
    if "host=" in parts.query:
        host = parts.query.split("host=", 1)[1].split("&", 1)[0]
    return f"{host}:{parts.port or 5432}/{parts.path.lstrip('/') or '(default database)'}"


@cache
def migrations() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The SQLite store's migrations for PostgreSQL: a file of the same name in
    ``postgres/migrations`` where the engines differ (full-text search, a data step of
    SQLite's JSON functions), else each statement translated (``dialect.migration``)."""
    own = resources.files("tidings.store.postgres").joinpath("migrations")
    out = []
    for name, sql in sqlite_migrations():
        override = own.joinpath(f"{name}.sql")
        if override.is_file():
            out.append((name, statements(override.read_text("utf-8"))))
        else:
            out.append((name, tuple(migration(s) for s in sql)))
    return tuple(out)


def fold(text: str) -> str:
    """``text`` as indexed and searched: CJK characters apart, diacritics dropped (as SQLite's
    ``unicode61 remove_diacritics 2``)."""
    decomposed = unicodedata.normalize("NFKD", index_text(text))
    return unicodedata.normalize("NFC", "".join(
        c for c in decomposed if not unicodedata.combining(c)))


def _connect(url: str, settings: StoreSettings) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(url, connect_timeout=max(1, int(settings.busy_timeout_ms / 1000)))
    except psycopg.Error as exc:
        # libpq: 'connection to server at "h", port p failed: REASON' then advice lines
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        reason = first.rsplit("failed: ", 1)[-1].strip()
        raise StoreError(
            f"cannot connect to the PostgreSQL server at {where(url)}: {reason}",
            hint="check that the server runs, the host, port, user and password of the URL, "
            "and that the database exists (createdb NAME)",
        ) from exc


def _pool(url: str, settings: StoreSettings) -> Any:
    from psycopg_pool import ConnectionPool

    with _POOLS_LOCK:
        if url not in _POOLS:
            _connect(url, settings).close()  # a clear error now, not a pool timeout later
            _POOLS[url] = ConnectionPool(url, min_size=1, max_size=8, open=True,
                                         kwargs={"autocommit": True})
        return _POOLS[url]


class PostgresCorpus(SQLiteCorpus):
    """The corpus tables on the server; no file beside the store (the ANN index of story
    vectors is rebuilt from the table when a corpus stage opens it)."""

    def index_path(self, name: str) -> None:
        return None


class PostgresStore(SQLiteStore):
    """Articles, their analysis and the corpus layer in a PostgreSQL database."""

    def __init__(self, url: str, *, readonly: bool, settings: StoreSettings) -> None:
        self.url = url
        self.path = display(url)  # type: ignore[assignment]
        self.readonly = readonly
        self._pool = _pool(url, settings) if readonly else None
        raw = self._pool.getconn() if self._pool else _connect(url, settings)
        self.conn = Connection(raw)  # type: ignore[assignment]
        try:
            if readonly:
                raw.execute("SET default_transaction_read_only = on")
            self._migrate()
            self._configs = {r[0] for r in self.conn.execute(
                "SELECT cfgname FROM pg_ts_config")}
        except psycopg.Error as exc:
            self.close()
            raise StoreError(f"{self.path} is not a usable tidings database: {exc}",
                             hint="point --db at an empty database, or one tidings created"
                             ) from exc
        self.corpus = PostgresCorpus(self.conn, None)  # type: ignore[arg-type]
        self.feeds = SQLiteFeeds(self.conn)

    # -- schema ---------------------------------------------------------------------------

    def _applied(self) -> set[str]:
        exists = self.conn.execute("SELECT to_regclass('_migrations')").fetchone()[0]
        if exists is None:
            return set()
        return {row[0] for row in self.conn.execute("SELECT name FROM _migrations")}

    def _migrations(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return migrations()

    def _ddl(self, statement: str) -> None:
        self.conn.raw.execute(statement)  # already PostgreSQL's: no translation

    # -- full text ------------------------------------------------------------------------

    def _index(self, rowid: int, title: str, text: str, lang: str | None) -> None:
        config = CONFIGS.get(lang or "", "simple")
        config = config if config in self._configs else "simple"
        cached = getattr(self, "_stems_in_use", None)
        if cached is not None and config != "simple" and config not in cached[1]:
            self._stems_in_use = None  # a language new to the store: read them again
        self.conn.execute(
            """INSERT INTO articles_fts (rowid, config, words, stems) VALUES (?, ?::regconfig,
               setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?),
               'B'), setweight(to_tsvector(?::regconfig, ?), 'A')
               || setweight(to_tsvector(?::regconfig, ?), 'B'))""",
            (rowid, config, fold(title), fold(text), config, fold(title), config, fold(text)))

    def _stem_configs(self) -> list[str]:
        """The language configurations the stored articles' stems are in ('simple' aside:
        its stems are the words). Reading them scans the index table, so a store keeps the
        answer for ``_CONFIGS_TTL`` seconds (and forgets it when it writes an article)."""
        cached = getattr(self, "_stems_in_use", None)
        now = time.monotonic()
        if cached is None or now - cached[0] > _CONFIGS_TTL:
            used = {r[0] for r in self.conn.execute(
                "SELECT DISTINCT config::text FROM articles_fts")}
            cached = self._stems_in_use = (now, sorted(used - {"simple"}))
        return cached[1]

    def _search_sql(self, query: ArticleQuery, columns: str) -> tuple[str, list[Any]]:
        """As the SQLite store's: PostgreSQL's text search, ranked by ``ts_rank`` (title four
        times the body), best first."""
        if not query.terms:
            sql, params = super()._search_sql(query, columns)
            return sql, params
        # the exact words, or their stems in any language configuration in use
        exact, exact_params = _tsquery(query.terms, "simple")
        match, params = [f"f.words @@ ({exact})"], list(exact_params)
        for config in self._stem_configs():
            stems, values = _tsquery(query.terms, config)
            match.append(f"f.stems @@ ({stems})")
            params += values
        sql = f"""SELECT {columns}, -ts_rank('{{0.1, 0.2, 0.25, 1.0}}', f.words, ({exact}), 1)
                  AS rank FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
                  WHERE ({" OR ".join(match)})"""
        sql, params = _filters(sql, [*exact_params, *params], query, prefix="a.")
        sql, params = _paged(sql + " ORDER BY rank, a.rowid", params, query)
        return sql, params

    def _chosen(self, ids: Sequence[str]) -> tuple[str, list[Any]]:
        """The articles ``ids`` as one array (a read-only session makes no temporary
        table)."""
        return "SELECT rowid FROM articles WHERE id = ANY(?)", [list(ids)]

    # -- limits and connections -----------------------------------------------------------

    @contextmanager
    def time_limit(self, seconds: float | None) -> Iterator[None]:
        """Cut any statement that runs longer than ``seconds`` inside the block (the
        server's ``statement_timeout``): it raises ``QueryTimeout``."""
        if not seconds:
            yield
            return
        self.conn.raw.execute(f"SET statement_timeout = {int(max(1.0, seconds * 1000))}")
        try:
            yield
        except pgerrors.QueryCanceled as exc:
            raise QueryTimeout(
                f"the store did not answer within {seconds:g} s",
                hint="narrow the query (a date range, a language, fewer words) and try again",
            ) from exc
        finally:
            if not self.conn.raw.closed:
                self.conn.raw.execute("SET statement_timeout = 0")

    def close(self) -> None:
        raw = self.conn.raw
        if self._pool is not None and not raw.closed:
            if self.conn.in_transaction:
                raw.execute("ROLLBACK")
            self._pool.putconn(raw)
        else:
            raw.close()

    def __enter__(self) -> PostgresStore:
        return self


def _tsquery(terms: Sequence[Term], config: str) -> tuple[str, list[Any]]:
    """``terms`` as a tsquery expression in ``config``: each term a phrase of its folded
    words (a prefix term's last word with ``:*``), joined by ``&&`` or, after OR, ``||``."""
    parts: list[str] = []
    params: list[Any] = []
    for term in terms:
        text = fold(term.text).strip()
        if term.prefix:
            piece = "to_tsquery(?::regconfig, ?)"
            words = [w for w in text.replace("'", " ").split() if w]
            params += [config, " <-> ".join(f"'{w}'" for w in words) + ":*"]
        else:
            piece = "phraseto_tsquery(?::regconfig, ?)"
            params += [config, text]
        if parts:
            parts.append("||" if term.either else "&&")
        parts.append(piece)
    return " ".join(parts), params
