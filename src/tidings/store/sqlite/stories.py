"""Reading stories: the list a user browses, one story explained, an article's story and
copies. Rows leave the store naming articles by id (the tables hold rowids)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from tidings.queries import StoryQuery

_ARTICLE = """SELECT a.rowid, a.id, a.source, a.title, a.lang, a.published,
                     json_extract(a.data, '$.extra.record_id') AS record_id"""


def _story(conn: sqlite3.Connection, row: sqlite3.Row, *, explain: bool) -> dict[str, Any]:
    story = {
        "id": row["id"],
        "title": row["title"],
        "first_published": row["first_published"],
        "last_published": row["last_published"],
        "langs": json.loads(row["langs"]),
        "size": row["articles"],
        "sources": row["sources"],
        "entities": json.loads(row["entities"]),
        "version": row["version"],
        "updated_at": row["updated_at"],
    }
    members = conn.execute(
        _ARTICLE + """, m.score, m.via, m.signals, d.canonical
        FROM story_members m JOIN articles a ON a.rowid = m.rowid
        LEFT JOIN duplicates d ON d.rowid = m.rowid
        WHERE m.story = ? ORDER BY a.published IS NULL, a.published, a.rowid""",
        (row["id"],),
    ).fetchall()
    ids = _ids(conn, {r["via"] for r in members} | {r["canonical"] for r in members})
    articles = []
    for member in members:
        article = {k: member[k] for k in
                   ("id", "source", "title", "lang", "published", "record_id")}
        canonical = member["canonical"]
        if canonical is not None and canonical != member["rowid"]:
            article["duplicate_of"] = ids.get(canonical)
        if explain:
            signals = json.loads(member["signals"])
            for key in ("duplicate_of", "nearest"):
                if key in signals:
                    signals[key] = ids.get(signals[key]) or _ids(conn, {signals[key]}).get(
                        signals[key])
            article["joined"] = {"score": member["score"], "via": ids.get(member["via"]),
                                 **signals}
        articles.append(article)
    story["articles"] = articles
    story["merged_events"] = [
        json.loads(r[0]) for r in conn.execute(
            "SELECT data FROM merged_events WHERE story = ? ORDER BY idx", (row["id"],))
    ]
    return story


def _ids(conn: sqlite3.Connection, rowids: set[int | None]) -> dict[int, str]:
    wanted = [r for r in rowids if r is not None]
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    rows = conn.execute(f"SELECT rowid, id FROM articles WHERE rowid IN ({marks})", wanted)
    return {r[0]: r[1] for r in rows}


def list_stories(conn: sqlite3.Connection, query: StoryQuery) -> list[dict[str, Any]]:
    """Stories matching ``query``, newest first (by their last article's date; undated
    stories last), each with its articles and merged events."""
    sql = "SELECT s.* FROM stories s WHERE 1 = 1"
    params: list[Any] = []
    if query.first_day:
        sql += " AND s.last_published >= ?"
        params.append(query.first_day)
    if query.last_day:
        sql += " AND s.first_published < ?"
        params.append(query.last_day + "\uffff")
    if query.lang:
        sql += """ AND EXISTS (SELECT 1 FROM story_members m JOIN articles a
                   ON a.rowid = m.rowid WHERE m.story = s.id AND a.lang = ?)"""
        params.append(query.lang)
    if query.entity:
        sql += """ AND EXISTS (SELECT 1 FROM story_members m JOIN mentions n
                   ON n.article_rowid = m.rowid WHERE m.story = s.id AND n.entity_id = ?)"""
        params.append(query.entity)
    sql += " ORDER BY s.last_published IS NULL, s.last_published DESC, s.id"
    if query.limit is not None or query.offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if query.limit is None else query.limit, query.offset]
    return [_story(conn, row, explain=False) for row in conn.execute(sql, params).fetchall()]


def get_story(conn: sqlite3.Connection, ident: str) -> dict[str, Any] | None:
    """The story ``ident`` (or a unique prefix of 8+ characters), every article with why it
    joined."""
    rows = conn.execute(
        "SELECT * FROM stories WHERE id = ? OR (length(?) >= 8 AND substr(id, 1, length(?)) = ?)"
        " LIMIT 2", (ident, ident, ident, ident),
    ).fetchall()
    if len(rows) != 1:
        return None
    return _story(conn, rows[0], explain=True)


def article_story(conn: sqlite3.Connection, rowid: int) -> dict[str, Any] | None:
    """The story an article is in, the article it copies and the articles that copy it."""
    row = conn.execute(
        """SELECT s.id, s.title, s.articles, s.sources FROM story_members m
           JOIN stories s ON s.id = m.story WHERE m.rowid = ?""", (rowid,)
    ).fetchone()
    dup = conn.execute("SELECT canonical FROM duplicates WHERE rowid = ?", (rowid,)).fetchone()
    if row is None and dup is None:
        return None
    canonical = dup[0] if dup else rowid
    copies = [r[0] for r in conn.execute(
        """SELECT a.id FROM duplicates d JOIN articles a ON a.rowid = d.rowid
           WHERE d.canonical = ? AND d.rowid != ? ORDER BY d.rowid""", (canonical, rowid))]
    return {
        "story": dict(row) if row else None,
        "duplicate_of": _ids(conn, {canonical}).get(canonical) if canonical != rowid else None,
        "duplicates": copies,
    }


def count_stories(conn: sqlite3.Connection) -> dict[str, int]:
    one = conn.execute
    return {
        "stories": one("SELECT count(*) FROM stories").fetchone()[0],
        "multi_article_stories": one(
            "SELECT count(*) FROM stories WHERE articles > 1").fetchone()[0],
        "duplicates": one(
            "SELECT count(*) FROM duplicates WHERE canonical != rowid").fetchone()[0],
        "merged_events": one("SELECT count(*) FROM merged_events").fetchone()[0],
    }
