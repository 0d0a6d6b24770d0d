"""The quotes table: one row per quote of an article with its fragments, cue and speaker.
The table is the only copy of an article's quotes; ``article_quotes`` rebuilds them in the
shape of ``Quote.to_dict()``, ``list_quotes`` answers ``tidings quotes``."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from tidings.model import Article
from tidings.queries import QuoteQuery
from tidings.store.sqlite.fts import like_escape


def write_quotes(conn: sqlite3.Connection, rowid: int, article: Article) -> None:
    """Store the quotes of a newly inserted article (inside its transaction)."""
    if not article.quotes:
        return
    version = article.versions.get("quotes")
    ident = article.id  # a hash of the whole text: once, not once per quote
    rows = []
    for index, quote in enumerate(article.quotes):
        cue, speaker = quote.cue, quote.speaker
        rows.append((
            rowid, ident, index, quote.start, quote.end, quote.text, quote.kind,
            json.dumps(quote.fragments), cue.start if cue else None, cue.end if cue else None,
            quote.cue_text, speaker.start if speaker else None, speaker.end if speaker else None,
            speaker.text if speaker else None, speaker.entity_id if speaker else None,
            speaker.name if speaker else None, speaker.role if speaker else None,
            quote.confidence, version,
        ))
    conn.executemany(f"INSERT OR IGNORE INTO quotes VALUES ({','.join('?' * 19)})", rows)


def _quote(row: sqlite3.Row) -> dict[str, Any]:
    speaker = None
    if row["speaker_start"] is not None:
        speaker = {"start": row["speaker_start"], "end": row["speaker_end"],
                   "text": row["speaker_text"], "entity_id": row["speaker_id"],
                   "name": row["speaker_name"], "role": row["speaker_role"]}
    cue = None
    if row["cue_start"] is not None:
        cue = {"start": row["cue_start"], "end": row["cue_end"]}
    return {"start": row["start"], "end": row["end"], "text": row["text"], "kind": row["kind"],
            "fragments": json.loads(row["fragments"]), "cue": cue, "cue_text": row["cue_text"],
            "speaker": speaker, "confidence": row["confidence"]}


def article_quotes(conn: sqlite3.Connection, rowid: int) -> list[dict[str, Any]]:
    """The quotes of one article, in order, as ``Quote.to_dict()`` gives them."""
    rows = conn.execute("SELECT * FROM quotes WHERE article_rowid = ? ORDER BY idx", (rowid,))
    return [_quote(row) for row in rows]


def list_quotes(conn: sqlite3.Connection, query: QuoteQuery) -> list[dict[str, Any]]:
    """Quotes matching ``query``, newest article first (undated last), each with its
    article (id, title, lang, published, source)."""
    sql = """SELECT q.*, a.title AS a_title, a.lang AS a_lang, a.published AS a_published,
                    a.source AS a_source
             FROM quotes q JOIN articles a ON a.rowid = q.article_rowid WHERE 1 = 1"""
    params: list[Any] = []
    if query.speaker:
        sql += " AND lower(q.speaker_id) = lower(?)"
        params.append(query.speaker)
    if query.lang:
        sql += " AND a.lang = ?"
        params.append(query.lang)
    if query.first_day:
        sql += " AND a.published >= ?"
        params.append(query.first_day)
    if query.last_day:
        sql += " AND a.published < ?"
        params.append(query.last_day + "\uffff")
    if query.kind:
        sql += " AND q.kind = ?"
        params.append(query.kind)
    if query.q:
        sql += " AND q.text LIKE ? ESCAPE '\\'"
        params.append("%" + like_escape(query.q) + "%")
    sql += " ORDER BY a.published IS NULL, a.published DESC, q.article_rowid DESC, q.idx"
    if query.limit is not None or query.offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if query.limit is None else query.limit, query.offset]
    found = []
    for row in conn.execute(sql, params):
        quote = _quote(row)
        quote["id"] = f"{row['article_id']}.q{row['idx']}"
        quote["article"] = {"id": row["article_id"], "title": row["a_title"],
                            "lang": row["a_lang"], "published": row["a_published"],
                            "source": row["a_source"]}
        found.append(quote)
    return found


def count_quotes(conn: sqlite3.Connection) -> dict[str, int]:
    one = conn.execute
    return {
        "quotes": one("SELECT count(*) FROM quotes").fetchone()[0],
        "quotes_with_speaker": one(
            "SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL").fetchone()[0],
    }
