"""The SQL of the SQLite modules, as PostgreSQL reads it.

The store's queries are written once, in ``store/sqlite/``, in a small SQLite dialect; this
module turns each statement into PostgreSQL's (cached per statement text), so both backends
run the same queries and the same migrations. What it rewrites, and nothing else:

- ``?`` placeholders to ``%s`` (``%`` doubled), outside quoted text;
- ``INSERT OR IGNORE`` to ``ON CONFLICT DO NOTHING``; ``INSERT OR REPLACE`` to an upsert of
  every column on the table's primary key (the caller passes the key);
- scalar ``min(a, b)`` / ``max(a, b)`` to ``least`` / ``greatest``; ``instr`` to ``strpos``;
  ``json_extract(col, '$.a.b')`` to ``(col::jsonb #>> '{a,b}')``; ``LIKE`` to ``ILIKE``
  (SQLite's LIKE ignores case); ``CROSS JOIN ... ON`` (SQLite's join-order hint) to ``JOIN``;
- the column names ``end`` and ``symmetric`` (reserved words in PostgreSQL; SQL keywords
  here are upper case, so a lower-case ``end`` is always the column) to ``"end"``;
- in migrations: ``INTEGER PRIMARY KEY`` to an identity column, ``INTEGER`` to ``BIGINT``,
  ``REAL`` to ``DOUBLE PRECISION``, ``BLOB`` to ``BYTEA``, ``TEXT`` to ``TEXT COLLATE "C"``
  (SQLite compares text byte by byte, and so must PostgreSQL for ids, dates and ranges).

A statement this cannot translate is a bug in the SQLite module: keep to the dialect above.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# a token of SQL: quoted text, a quoted identifier, or one other character
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|.", re.S)
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)", re.I)
_JSON = re.compile(r"json_extract\(\s*([\w.]+)\s*,\s*'\$\.([\w.]+)'\s*\)")
_WORDS = [
    (re.compile(r"\binstr\("), "strpos("),
    (re.compile(r"\bCROSS JOIN\b"), "JOIN"),
    (re.compile(r"\bNOT LIKE\b"), "NOT ILIKE"),
    (re.compile(r"(?<!NOT )\bLIKE\b"), "ILIKE"),
    (re.compile(r"(?<![\w\"'])(end|symmetric)\b(?!\()"), r'"\1"'),
]
_LIMIT_MARK = re.compile(r"\b(LIMIT|OFFSET)\s*$", re.I)


@dataclass(frozen=True)
class Statement:
    """One translated statement: its text and the parameter positions of ``LIMIT ?``
    (SQLite's -1, "no limit", is PostgreSQL's NULL)."""

    sql: str
    limits: tuple[int, ...] = ()

    def params(self, values: Sequence[object] | None) -> Sequence[object] | None:
        if not self.limits or values is None:
            return values
        out = list(values)
        for i in self.limits:
            if isinstance(out[i], int) and out[i] < 0:
                out[i] = None
        return out


def replaced_table(sql: str) -> str | None:
    """The table of an ``INSERT OR REPLACE`` (whose upsert needs its key), else None."""
    found = _INSERT_OR.match(sql)
    return found.group(2) if found and found.group(1).upper() == "REPLACE" else None


def _outside_quotes(sql: str, change: Callable[[str], str]) -> str:
    """``sql`` with ``change`` applied to every stretch outside quoted text."""
    parts: list[str] = []
    plain: list[str] = []
    for token in _TOKEN.findall(sql):
        if len(token) > 1:
            parts.append(change("".join(plain)))
            plain = []
            parts.append(token)
        else:
            plain.append(token)
    parts.append(change("".join(plain)))
    return "".join(parts)


def _scalar_min_max(sql: str) -> str:
    """Two-argument ``min``/``max`` (SQLite's scalar form) as ``least``/``greatest``."""
    out, i = [], 0
    pattern = re.compile(r"\b(min|max)\(", re.I)
    while (found := pattern.search(sql, i)) is not None:
        start = found.end()
        depth, j, comma = 1, start, False
        while j < len(sql) and depth:
            ch = sql[j]
            depth += ch == "("
            depth -= ch == ")"
            comma = comma or (ch == "," and depth == 1)
            j += 1
        name = found.group(1).lower()
        out.append(sql[i:found.start()])
        out.append(("least(" if name == "min" else "greatest(") if comma else found.group(0))
        i = start
    out.append(sql[i:])
    return "".join(out)


def _order_nulls(sql: str) -> str:
    """Every ``ORDER BY`` key with SQLite's place for NULL: first going up, last going down
    (PostgreSQL's default is the other way round)."""
    out, i = [], 0
    pattern = re.compile(r"\bORDER\s+BY\b", re.I)
    stop = re.compile(r"\b(LIMIT|OFFSET)\b", re.I)
    while (found := pattern.search(sql, i)) is not None:
        out.append(sql[i:found.end()])
        j, depth, keys, start = found.end(), 0, [], found.end()
        while j < len(sql):
            ch = sql[j]
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (ch == "," or stop.match(sql, j)):
                if ch != ",":
                    break
                keys.append(sql[start:j])
                start = j + 1
            j += 1
        keys.append(sql[start:j])
        out.append(",".join(_with_nulls(k) for k in keys))
        i = j
    out.append(sql[i:])
    return "".join(out)


def _with_nulls(key: str) -> str:
    if re.search(r"\bNULLS\s+(FIRST|LAST)\b", key, re.I) or not key.strip():
        return key
    body = key.rstrip()
    tail = key[len(body):]
    nulls = " NULLS LAST" if re.search(r"\bDESC$", body, re.I) else " NULLS FIRST"
    return body + nulls + tail


def _rewrite(text: str) -> str:
    for pattern, replacement in _WORDS:
        text = pattern.sub(replacement, text)
    return _order_nulls(_scalar_min_max(text))


@lru_cache(maxsize=4096)
def translate(sql: str, has_params: bool, conflict: tuple[str, ...] | None = None,
              columns: tuple[str, ...] = ()) -> Statement:
    """``sql`` (SQLite dialect) for PostgreSQL. ``conflict`` and ``columns``: the primary key
    and columns of the table of an ``INSERT OR REPLACE``."""
    sql = _JSON.sub(lambda m: f"({m.group(1)}::jsonb #>> '{{{m.group(2).replace('.', ',')}}}')",
                    sql)
    upsert = ""
    found = _INSERT_OR.match(sql)
    if found:
        sql = sql[:found.start()] + f"INSERT INTO {found.group(2)}" + sql[found.end():]
        if found.group(1).upper() == "IGNORE":
            upsert = " ON CONFLICT DO NOTHING"
        elif conflict is not None:
            rest = [c for c in columns if c not in conflict]
            sets = ", ".join(f"{_quote(c)} = excluded.{_quote(c)}" for c in rest)
            target = ", ".join(_quote(c) for c in conflict)
            upsert = f" ON CONFLICT ({target}) " + (f"DO UPDATE SET {sets}" if sets
                                                     else "DO NOTHING")
        else:
            raise ValueError("INSERT OR REPLACE needs the table's primary key")
    sql = _outside_quotes(sql, _rewrite)
    limits: list[int] = []
    if has_params:
        sql, limits = _placeholders(sql)
    if upsert:
        sql = _before_returning(sql, upsert)
    return Statement(sql, tuple(limits))


def _placeholders(sql: str) -> tuple[str, list[int]]:
    """``?`` as ``%s`` and ``%`` as ``%%`` (psycopg's marks), and the positions of the
    parameters that follow ``LIMIT`` or ``OFFSET``."""
    out: list[str] = []
    limits: list[int] = []
    count = 0
    for token in _TOKEN.findall(sql):
        if token == "?":
            if _LIMIT_MARK.search("".join(out)):
                limits.append(count)
            count += 1
            out.append("%s")
        else:
            out.append(token.replace("%", "%%"))
    return "".join(out), limits


def _before_returning(sql: str, clause: str) -> str:
    found = re.search(r"\bRETURNING\b", sql, re.I)
    if found is None:
        return sql.rstrip().rstrip(";") + clause
    return sql[:found.start()].rstrip() + clause + " " + sql[found.start():]


def _quote(name: str) -> str:
    return f'"{name}"'


_TYPES = [
    (re.compile(r"\b(\w+)\s+INTEGER\s+PRIMARY\s+KEY\b", re.I),
     r"\1 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
]


def migration(statement: str) -> str:
    """One statement of a SQLite migration as PostgreSQL DDL (column types as above)."""
    def types(text: str) -> str:
        for pattern, replacement in _TYPES:
            text = pattern.sub(replacement, text)
        return text

    head = re.match(r"\s*(CREATE\s+TABLE|ALTER\s+TABLE)", statement, re.I)
    if head:
        statement = _outside_quotes(statement, types)
    return translate(statement, False).sql
