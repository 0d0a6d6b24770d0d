"""Entity tables: one row per entity id with its counts, aliases by language, the roles
seen with the dates they were seen, and every mention with its offsets. The mentions table is
the only copy of an article's mentions; ``article_mentions`` rebuilds them in order."""

from __future__ import annotations

import sqlite3
from typing import Any

from tidings.model import Article, Mention
from tidings.queries import EntityQuery
from tidings.store.sqlite.fts import like_escape


def write_entities(conn: sqlite3.Connection, rowid: int, article: Article) -> None:
    """Store the mentions and entities of a newly inserted article (inside its transaction)."""
    version = article.versions.get("entities")
    conn.executemany(
        "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (rowid, m.start, m.end, m.text, m.type, m.entity_id, m.confidence, m.source, version,
             position)
            for position, m in enumerate(article.mentions)
        ],
    )
    day = article.published[:10] if article.published else None
    for entity in article.entities:
        conn.execute(
            """INSERT INTO entities (id, name, type, country, role, sector, actor, articles,
                                     mentions, first_seen, last_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET
                 articles = entities.articles + 1,
                 mentions = entities.mentions + excluded.mentions,
                 country = coalesce(entities.country, excluded.country),
                 role = coalesce(excluded.role, entities.role),
                 sector = coalesce(excluded.sector, entities.sector),
                 actor = coalesce(excluded.actor, entities.actor),
                 first_seen = min(coalesce(entities.first_seen, excluded.first_seen),
                                  coalesce(excluded.first_seen, entities.first_seen)),
                 last_seen = max(coalesce(entities.last_seen, excluded.last_seen),
                                 coalesce(excluded.last_seen, entities.last_seen))""",
            (
                entity.id,
                entity.name,
                entity.type,
                entity.country,
                entity.role,
                entity.sector,
                entity.actor,
                len(entity.mentions),
                day,
                day,
            ),
        )
        conn.executemany(
            """INSERT INTO entity_aliases VALUES (?, ?, ?, 1)
               ON CONFLICT (entity_id, lang, alias)
               DO UPDATE SET count = entity_aliases.count + 1""",
            [(entity.id, lang, alias) for lang, names in entity.aliases.items() for alias in names],
        )
        if entity.role:
            conn.execute(
                """INSERT INTO entity_roles VALUES (?, ?, ?, ?, ?, ?, 1)
                   ON CONFLICT (entity_id, role) DO UPDATE SET articles = entity_roles.articles + 1,
                     first_seen = min(coalesce(entity_roles.first_seen, excluded.first_seen),
                                      coalesce(excluded.first_seen, entity_roles.first_seen)),
                     last_seen = max(coalesce(entity_roles.last_seen, excluded.last_seen),
                                     coalesce(excluded.last_seen, entity_roles.last_seen))""",
                (entity.id, entity.role, entity.country, entity.sector, day, day),
            )


def article_mentions(conn: sqlite3.Connection, rowid: int) -> list[dict[str, Any]]:
    """The mentions of one article, in order, as ``Mention.to_dict()`` gives them."""
    rows = conn.execute(
        "SELECT start, end, text, type, confidence, source, entity_id FROM mentions"
        " WHERE article_rowid = ? ORDER BY position, start, end DESC",
        (rowid,),
    )
    return [Mention(*row).to_dict() for row in rows]


def list_entities(conn: sqlite3.Connection, query: EntityQuery) -> list[dict[str, Any]]:
    """Entities, most widely reported first, with their aliases and roles."""
    sql = "SELECT * FROM entities WHERE 1 = 1"
    params: list[Any] = []
    if query.type:
        sql += " AND type = ?"
        params.append(query.type)
    if query.country:
        sql += " AND country = ?"
        params.append(query.country)
    if query.name:
        sql += (
            " AND (name LIKE ? ESCAPE '\\' OR id IN (SELECT entity_id FROM entity_aliases"
            " WHERE alias LIKE ? ESCAPE '\\'))"
        )
        pattern = "%" + like_escape(query.name) + "%"
        params += [pattern, pattern]
    sql += " ORDER BY articles DESC, mentions DESC, id"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    rows = [dict(row) for row in conn.execute(sql, params)]
    for row in rows:
        _details(conn, row)
    return rows


def _details(conn: sqlite3.Connection, row: dict[str, Any]) -> None:
    aliases: dict[str, list[str]] = {}
    for lang, alias in conn.execute(
        "SELECT lang, alias FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias",
        (row["id"],),
    ):
        aliases.setdefault(lang, []).append(alias)
    row["aliases"] = aliases
    row["roles"] = [
        dict(r)
        for r in conn.execute(
            "SELECT role, country, sector, first_seen, last_seen, articles FROM entity_roles"
            " WHERE entity_id = ? ORDER BY first_seen",
            (row["id"],),
        )
    ]


def get_entity(conn: sqlite3.Connection, ident: str, *, together: int = 15
               ) -> dict[str, Any] | None:
    """One entity (by id, any case) with aliases and roles, its mentions and articles by
    month of publication (undated articles under ``null``), and the ``together`` entities
    most often mentioned in the same articles, with how many articles they share."""
    found = conn.execute("SELECT * FROM entities WHERE id = ?", (ident,)).fetchone() or (
        conn.execute("SELECT * FROM entities WHERE lower(id) = lower(?) LIMIT 1", (ident,))
        .fetchone())
    if found is None:
        return None
    row = dict(found)
    _details(conn, row)
    row["by_month"] = [
        {"month": month, "articles": articles, "mentions": mentions}
        for month, articles, mentions in conn.execute(
            """SELECT substr(a.published, 1, 7) AS month, count(DISTINCT m.article_rowid),
                      count(*) FROM mentions m JOIN articles a ON a.rowid = m.article_rowid
               WHERE m.entity_id = ? GROUP BY month ORDER BY month IS NULL, month""",
            (row["id"],))
    ]
    row["together"] = [
        {"id": other, "name": name, "type": type_, "country": country, "articles": shared}
        for other, name, type_, country, shared in conn.execute(
            """SELECT e.id, e.name, e.type, e.country, count(DISTINCT o.article_rowid) AS shared
               FROM mentions m JOIN mentions o ON o.article_rowid = m.article_rowid
               JOIN entities e ON e.id = o.entity_id
               WHERE m.entity_id = ? AND o.entity_id != m.entity_id
               GROUP BY e.id ORDER BY shared DESC, e.articles DESC, e.id LIMIT ?""",
            (row["id"], together))
    ]
    return row
