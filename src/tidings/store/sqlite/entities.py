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
                 articles = articles + 1,
                 mentions = mentions + excluded.mentions,
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
               ON CONFLICT DO UPDATE SET count = count + 1""",
            [(entity.id, lang, alias) for lang, names in entity.aliases.items() for alias in names],
        )
        if entity.role:
            conn.execute(
                """INSERT INTO entity_roles VALUES (?, ?, ?, ?, ?, ?, 1)
                   ON CONFLICT DO UPDATE SET articles = articles + 1,
                     first_seen = min(coalesce(first_seen, excluded.first_seen),
                                      coalesce(excluded.first_seen, first_seen)),
                     last_seen = max(coalesce(last_seen, excluded.last_seen),
                                     coalesce(excluded.last_seen, last_seen))""",
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
        aliases: dict[str, list[str]] = {}
        for lang, alias in conn.execute(
            "SELECT lang, alias FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC",
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
    return rows
