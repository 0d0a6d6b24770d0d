"""A psycopg 3 connection that the SQLite modules can use as they use ``sqlite3``.

``execute`` and ``executemany`` take the SQLite dialect (``dialect.translate``); rows read by
index and by name like ``sqlite3.Row``; ``with conn:`` commits or rolls back; ``BEGIN
IMMEDIATE`` takes the store's write lock (one writer at a time, as in SQLite, so rowids are
stored in commit order and the corpus watermarks never skip a row); ``cursor.lastrowid`` is
the last identity value this session made.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import psycopg
from psycopg.adapt import Loader
from psycopg.pq import TransactionStatus

from tidings.store.postgres.dialect import replaced_table, translate

# the key of the advisory lock every writer holds for its transaction ("tidings" in ASCII)
WRITE_LOCK = 0x7469_6469_6E67_73


class Row(tuple):
    """A row readable as ``row[0]``, ``row["name"]`` and ``dict(row)``."""

    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    if cursor.description is None:
        return tuple
    names = {col.name: i for i, col in enumerate(cursor.description)}
    kind = type("Row", (Row,), {"_names": names})
    return lambda values: kind(values)


class _NumericLoader(Loader):
    """``sum`` of integers is ``numeric`` in PostgreSQL and an integer in SQLite: read whole
    numbers as ``int``, others as ``float`` (never ``Decimal``)."""

    def load(self, data: Any) -> int | float:
        value = Decimal(bytes(data).decode())
        return int(value) if value == value.to_integral_value() else float(value)


class Cursor:
    """The result of one statement: iterable, with ``fetchone``, ``fetchall``, ``rowcount``
    and ``lastrowid``."""

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self._cursor = cursor

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor) if self._cursor.description else iter(())

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.connection.execute("SELECT lastval()").fetchone()[0]


class Connection:
    """The SQLite-shaped face of one psycopg connection (autocommit outside ``BEGIN``)."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        raw.autocommit = True
        raw.row_factory = _row_factory
        raw.adapters.register_loader("numeric", _NumericLoader)
        self.raw = raw
        self._keys: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def _statement(self, sql: str, has_params: bool) -> Any:
        table = replaced_table(sql)
        if table is not None:
            return translate(sql, has_params, *self._table(table))
        return translate(sql, has_params)

    def _table(self, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The primary key and the columns of table ``name``, in order."""
        if name not in self._keys:
            columns = tuple(r[0] for r in self.raw.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                " AND table_schema = current_schema() ORDER BY ordinal_position", (name,)))
            key = tuple(r[0] for r in self.raw.execute(
                """SELECT a.attname FROM pg_index i JOIN pg_attribute a
                   ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                   WHERE i.indrelid = %s::regclass AND i.indisprimary""", (name,)))
            self._keys[name] = (key, columns)
        return self._keys[name]

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Cursor:
        head = sql.lstrip()[:16].upper()
        if head.startswith("BEGIN"):
            self.raw.execute("BEGIN")
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return Cursor(self.raw.cursor())
        statement = self._statement(sql, bool(params))
        text = statement.sql
        return Cursor(self.raw.execute(text, statement.params(params) or None))

    def executemany(self, sql: str, rows: Any) -> Cursor:
        rows = list(rows)
        cursor = self.raw.cursor()
        if rows:
            statement = self._statement(sql, True)
            text = statement.sql
            cursor.executemany(text, [statement.params(r) for r in rows])
        return Cursor(cursor)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if self.in_transaction:
            self.raw.execute("ROLLBACK" if kind is not None else "COMMIT")

    def close(self) -> None:
        self.raw.close()
