"""Finding articles in the SQLite store: full-text search (FTS5, ``bm25``), the hits of a
search by meaning, and a search page's facets. ``ArticleSearch`` is a part of ``SQLiteStore``
(the PostgreSQL store changes its statements: ``_search_sql`` and ``_chosen``); the filters
and paging are shared by both stores' statements."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from tidings.queries import ArticleQuery, Term
from tidings.store.sqlite.fts import build_query

# The characters of a hit's snippet.
SNIPPET_CHARS = 160


class ArticleSearch:
    """``search``, ``ranked``, ``hits`` and ``facets`` over ``self.conn``."""

    conn: sqlite3.Connection

    def search(self, query: ArticleQuery) -> list[dict[str, Any]]:
        """Articles matching ``query.terms`` (see ``fts.build_query``), best first; with no
        terms, every article matching the filters, newest first. ``query.mode`` is the
        service's business: the store matches words."""
        sql, params = self._search_sql(
            query, "a.rowid, a.id, a.title, a.lang, a.published, a.source, a.agency, a.text")
        rows = self.conn.execute(sql, params).fetchall()
        return [_hit(dict(row), query.terms) for row in rows]

    def ranked(self, query: ArticleQuery) -> list[tuple[str, int, float | None]]:
        """``search``'s hits as ``(id, rowid, rank)``, in its order, without their text."""
        sql, params = self._search_sql(query, "a.id, a.rowid")
        return [(row[0], row[1], row[2]) for row in self.conn.execute(sql, params)]

    def _search_sql(self, query: ArticleQuery, columns: str) -> tuple[str, list[Any]]:
        """The statement of ``search`` (selecting ``columns`` and ``rank``) and its values."""
        if query.terms and not (query.lang or query.first_day or query.last_day):
            # ranked and paged in the full-text index alone, then joined: the articles of
            # a common word's thousands of matches are not read (half its time)
            sql, params = _filters(
                "SELECT rowid, bm25(articles_fts, 4.0, 1.0) AS rank FROM articles_fts"
                " WHERE articles_fts MATCH ?", [build_query(query.terms)], query,
                prefix="articles_fts.")
            sql, params = _paged(sql + " ORDER BY rank, rowid", params, query)
            return (f"SELECT {columns}, r.rank FROM ({sql}) r"
                    " JOIN articles a ON a.rowid = r.rowid ORDER BY r.rank, r.rowid"), params
        if query.terms:
            match = build_query(query.terms)
            sql = f"""SELECT {columns}, bm25(articles_fts, 4.0, 1.0) AS rank
                     FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                     WHERE articles_fts MATCH ?"""
            params: list[Any] = [match]
            order = " ORDER BY rank, a.rowid"
        else:
            sql, params = f"SELECT {columns}, NULL AS rank FROM articles a WHERE 1 = 1", []
            order = " ORDER BY a.published IS NULL, a.published DESC, a.rowid DESC"
        sql, params = _filters(sql, params, query, prefix="a.")
        sql, params = _paged(sql + order, params, query)
        return sql, params

    def matching(self, rowids: Sequence[int], query: ArticleQuery) -> list[tuple[int, str]]:
        """``(rowid, id)`` of the articles of ``rowids`` that match the filters of ``query``
        (not its words), in the order given, without reading their text."""
        if not rowids:
            return []
        sql, params = _filters(
            "SELECT a.rowid, a.id FROM articles a"
            f" WHERE a.rowid IN ({','.join('?' * len(rowids))})", list(rowids), query,
            prefix="a.")
        kept = {row[0]: row[1] for row in self.conn.execute(sql, params)}
        return [(rowid, kept[rowid]) for rowid in rowids if rowid in kept]

    def hits(self, rowids: Sequence[int], query: ArticleQuery) -> list[dict[str, Any]]:
        """The articles of ``rowids`` that match the filters of ``query`` (not its words), in
        the order given, paged by ``query.offset`` and ``query.limit``, in the shape of
        ``search``'s hits. Only the page's texts are read (for their snippets)."""
        end = None if query.limit is None else query.offset + query.limit
        page = [rowid for rowid, _ in self.matching(rowids, query)][query.offset:end]
        if not page:
            return []
        found = {row["rowid"]: dict(row) for row in self.conn.execute(
            "SELECT a.rowid, a.id, a.title, a.lang, a.published, a.source, a.agency, a.text,"
            f" NULL AS rank FROM articles a WHERE a.rowid IN ({','.join('?' * len(page))})",
            page)}
        return [{**_hit(found[r], query.terms), "_rowid": r} for r in page]

    def facets(self, ids: Sequence[str], top: int = 10) -> dict[str, list[tuple[str, int]]]:
        """How many of the articles ``ids`` are in each language, mention each entity
        (the ``top`` most frequent) and report each event type."""
        if not ids:
            return {"lang": [], "entity": [], "type": []}
        chosen, given = self._chosen(ids)
        one = self.conn.execute
        return {
            "lang": [tuple(r) for r in one(
                f"SELECT coalesce(lang, '?'), count(*) FROM articles WHERE rowid IN ({chosen})"
                " GROUP BY 1 ORDER BY 2 DESC, 1", given)],
            "entity": [tuple(r) for r in one(_top_entities(chosen), [*given, top])],
            "type": [tuple(r) for r in one(
                f"""SELECT type, count(DISTINCT article_rowid) FROM events
                    WHERE article_rowid IN ({chosen}) GROUP BY type ORDER BY 2 DESC, 1""",
                given)],
        }

    def _chosen(self, ids: Sequence[str]) -> tuple[str, list[Any]]:
        """A statement selecting the rowids of the articles ``ids``, and its values: the ids
        as one JSON array (a list too long for one statement's parameters)."""
        return ("SELECT a.rowid FROM json_each(?) f CROSS JOIN articles a ON a.id = f.value",
                [json.dumps(list(ids))])


def _filters(
    sql: str, params: list[Any], query: ArticleQuery, prefix: str = ""
) -> tuple[str, list[Any]]:
    if query.entity:
        sql += f" AND {prefix}rowid IN (SELECT article_rowid FROM mentions WHERE entity_id = ?)"
        params.append(query.entity)
    if query.story:
        sql += f" AND {prefix}rowid IN (SELECT rowid FROM story_members WHERE story = ?)"
        params.append(query.story)
    if query.event_type:
        sql += f" AND {prefix}rowid IN (SELECT article_rowid FROM events WHERE type = ?)"
        params.append(query.event_type)
    if query.lang:
        sql += f" AND {prefix}lang = ?"
        params.append(query.lang)
    if query.first_day:
        sql += f" AND {prefix}published >= ?"
        params.append(query.first_day)
    if query.last_day:
        # an ISO date compares below its datetimes: include the whole last day
        sql += f" AND {prefix}published < ?"
        params.append(query.last_day + "\uffff")
    return sql, params


def _top_entities(chosen: str) -> str:
    """The ``?`` most mentioned entities of the articles ``chosen`` selects (rowids), with
    their names: counted first, named after (naming every mention first costs 4x)."""
    return f"""SELECT c.entity_id, e.name, c.n FROM (
                 SELECT entity_id, count(DISTINCT article_rowid) AS n FROM mentions
                 WHERE article_rowid IN ({chosen}) AND entity_id IS NOT NULL
                 GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT ?) c
               JOIN entities e ON e.id = c.entity_id ORDER BY c.n DESC, c.entity_id"""


def _paged(sql: str, params: list[Any], query: ArticleQuery) -> tuple[str, list[Any]]:
    """``sql`` with the page ``query`` asks for."""
    if query.limit is not None or query.offset:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, -1 if query.limit is None else query.limit, query.offset]
    return sql, params


def _hit(row: dict[str, Any], terms: Sequence[Term]) -> dict[str, Any]:
    text = row.pop("text")
    row.pop("rowid", None)
    row["snippet"] = snippet(text, terms)
    row["rank"] = None if row["rank"] is None else round(row["rank"], 3)
    return row


def snippet(text: str, terms: Sequence[Term], width: int = SNIPPET_CHARS) -> str:
    """A window of ``text`` around the first query term found in it."""
    lowered = text.lower()
    positions = [lowered.find(term.text.lower()) for term in terms]
    hits = [p for p in positions if p >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    window = text[start : start + width].replace("\n", " ")
    return ("…" if start else "") + window + ("…" if start + width < len(text) else "")
