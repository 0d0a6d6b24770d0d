"""The storyline tables in SQLite (migration ``0009_storylines``): written by the corpus
stage ``storylines`` through ``StorylineTables`` (``store.corpus.storylines``), read by
``list_storylines`` and ``get_storyline``.

Every figure of a storyline is a sum of its stories' contributions, and each contribution is
stored beside the story, so changing one story is: take its old contribution out, put the new
one in. Nothing is recounted from the whole storyline or the whole store.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

import numpy as np

from tidings.queries import StorylineQuery

MONTH_COLUMNS = ("verbal_cooperation", "material_cooperation", "verbal_conflict",
                 "material_conflict", "events", "score_sum", "score_weight", "volume",
                 "sources")
UNDATED = "undated"
KEY_ENTITIES = 8
_EPSILON = 1e-9


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _marks(values: Any) -> str:
    return ",".join("?" * len(values))


class StorylineTables:
    """What the ``storylines`` corpus stage reads and writes (inside the update's
    transaction)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- reading what the stage decides on --------------------------------------------------

    def memberships(self, story: str) -> dict[str, dict[str, Any]]:
        """``storyline -> {kind, contribution, vector}`` of every storyline ``story`` is in."""
        rows = self.conn.execute(
            "SELECT storyline, kind, contribution, vector FROM storyline_stories "
            "WHERE story = ?", (story,))
        return {r[0]: {"kind": r[1], "contribution": json.loads(r[2]), "vector": r[3]}
                for r in rows}

    def themes_of_stories(self, stories: list[str]) -> dict[str, str]:
        """``story -> theme`` for the stories already in a theme."""
        if not stories:
            return {}
        rows = self.conn.execute(
            f"SELECT story, storyline FROM storyline_stories WHERE kind = 'theme' AND story IN "
            f"({_marks(stories)})", stories)
        return {r[0]: r[1] for r in rows}

    def themes_with(self, entities: list[str], per_entity: int) -> list[str]:
        """Themes holding any of ``entities``, the ``per_entity`` heaviest for each (an
        index range per entity: bounded however many themes there are)."""
        found: dict[str, None] = {}
        for entity in entities:
            for row in self.conn.execute(
                    "SELECT storyline FROM storyline_entities WHERE kind = 'theme' AND "
                    "entity = ? ORDER BY weight DESC, storyline DESC LIMIT ?",
                    (entity, per_entity)):
                found.setdefault(row[0])
        return list(found)

    def themes(self, ids: list[str], entities: list[str]) -> dict[str, dict[str, Any]]:
        """``theme -> {centroid, last_month, stories, lead, weights, norm}``: ``weights`` of
        ``entities`` only, ``norm`` of all its entity weights, ``lead`` its heaviest country.
        Index lookups: bounded however big the themes grow."""
        if not ids:
            return {}
        out: dict[str, dict[str, Any]] = {}
        for row in self.conn.execute(
                f"SELECT id, centroid, last_month, stories, entity_norm2 FROM storylines "
                f"WHERE id IN ({_marks(ids)}) ORDER BY id", ids):
            lead = self.conn.execute(
                "SELECT entity FROM storyline_entities WHERE storyline = ? AND "
                "length(entity) = 3 AND entity = upper(entity) ORDER BY weight DESC, entity DESC "
                "LIMIT 1",
                (row[0],)).fetchone()
            out[row[0]] = {"centroid": np.frombuffer(row[1], dtype=np.float32)
                           if row[1] else None, "last_month": row[2], "stories": row[3],
                           "norm": float(np.sqrt(max(row[4], 0.0))),
                           "lead": lead[0] if lead else None, "weights": {}}
        if entities:
            for row in self.conn.execute(
                    f"SELECT storyline, entity, weight FROM storyline_entities WHERE "
                    f"storyline IN ({_marks(ids)}) AND entity IN ({_marks(entities)})",
                    [*ids, *entities]):
                if row[0] in out:
                    out[row[0]]["weights"][row[1]] = row[2]
        return out

    # -- writing ---------------------------------------------------------------------------

    def put(self, storyline: str, kind: str, story: str, contribution: dict[str, Any], *,
            vector: np.ndarray | None, score: float | None, signals: dict[str, Any] | None,
            label: str, actors: list[dict[str, Any]], version: str) -> None:
        """Put ``story`` into ``storyline`` (replacing what it added before; ``signals``
        None keeps the score and signals it joined with)."""
        now = _now()
        self.conn.execute(
            "INSERT OR IGNORE INTO storylines VALUES (?,?,?,?,0,0,NULL,NULL,NULL,0,?,?,?)",
            (storyline, kind, label, "[]", version, now, now))
        old = self._held(storyline, story)
        if old is not None:
            self._add(storyline, json.loads(old[0]), -1, old[1])
            if signals is None:
                score, signals = old[2], json.loads(old[3])
        blob = None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()
        self._add(storyline, contribution, 1, blob)
        self.conn.execute(
            "INSERT OR REPLACE INTO storyline_stories VALUES (?,?,?,?,?,?,?)",
            (storyline, story, kind, score, json.dumps(signals, ensure_ascii=False),
             json.dumps(contribution, ensure_ascii=False), blob))
        self._finish(storyline, label, actors, version, now)

    def drop(self, storyline: str, story: str, version: str) -> None:
        """Take ``story`` out of ``storyline`` (a storyline left with none is deleted)."""
        old = self._held(storyline, story)
        if old is None:
            return
        self._add(storyline, json.loads(old[0]), -1, old[1])
        self.conn.execute("DELETE FROM storyline_stories WHERE storyline = ? AND story = ?",
                          (storyline, story))
        self._finish(storyline, None, None, version, _now())

    def _held(self, storyline: str, story: str) -> sqlite3.Row | None:
        """What ``story`` added to ``storyline``: contribution, vector, score, signals."""
        return self.conn.execute(
            "SELECT contribution, vector, score, signals FROM storyline_stories WHERE "
            "storyline = ? AND story = ?", (storyline, story)).fetchone()

    def _add(self, storyline: str, contribution: dict[str, Any], sign: int,
             vector: bytes | None) -> None:
        for month, values in contribution.get("months", {}).items():
            self.conn.execute(
                f"""INSERT INTO storyline_months VALUES (?, ?, {_marks(MONTH_COLUMNS)})
                    ON CONFLICT(storyline, month) DO UPDATE SET """
                + ", ".join(f"{c} = storyline_months.{c} + excluded.{c}" for c in MONTH_COLUMNS),
                (storyline, month, *(sign * float(values.get(c, 0)) for c in MONTH_COLUMNS)))
        self.conn.execute(
            "DELETE FROM storyline_months WHERE storyline = ? AND events < ? AND volume < ?",
            (storyline, 0.5, 0.5))
        kind, centroid = self.conn.execute(
            "SELECT kind, centroid FROM storylines WHERE id = ?", (storyline,)).fetchone()
        names = contribution.get("names", {})
        norm2 = 0.0  # the change of the sum of squared weights
        for entity, weight in contribution.get("entities", {}).items():
            row = self.conn.execute(
                "SELECT weight FROM storyline_entities WHERE storyline = ? AND entity = ?",
                (storyline, entity)).fetchone()
            old = row[0] if row else 0.0
            new = old + sign * float(weight)
            new = new if new >= _EPSILON else 0.0
            norm2 += new * new - old * old
            if new:
                self.conn.execute(
                    """INSERT INTO storyline_entities VALUES (?, ?, ?, ?, ?)
                       ON CONFLICT(storyline, entity) DO UPDATE SET weight = excluded.weight""",
                    (storyline, kind, entity, names.get(entity, entity), new))
            elif row:
                self.conn.execute(
                    "DELETE FROM storyline_entities WHERE storyline = ? AND entity = ?",
                    (storyline, entity))
        if vector is not None:
            mine = np.frombuffer(vector, dtype=np.float32) * sign
            centroid = (mine if centroid is None else
                        np.frombuffer(centroid, dtype=np.float32) + mine).astype(
                            np.float32).tobytes()
        self.conn.execute(
            "UPDATE storylines SET stories = stories + ?, articles = articles + ?, "
            "centroid = ?, entity_norm2 = max(0, entity_norm2 + ?) WHERE id = ?",
            (sign, sign * int(contribution.get("articles", 0)), centroid, norm2, storyline))

    def _finish(self, storyline: str, label: str | None, actors: list[dict[str, Any]] | None,
                version: str, now: str) -> None:
        row = self.conn.execute("SELECT stories, actors FROM storylines WHERE id = ?",
                                (storyline,)).fetchone()
        if row[0] <= 0:
            for table, column in (("storylines", "id"), ("storyline_months", "storyline"),
                                  ("storyline_entities", "storyline")):
                self.conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (storyline,))
            return
        span = self.conn.execute(
            "SELECT min(month), max(month) FROM storyline_months WHERE storyline = ? AND "
            "month != ? AND volume >= 0.5", (storyline, UNDATED)).fetchone()
        merged = _merge_actors(json.loads(row[1]), actors or [])
        sets = "first_month = ?, last_month = ?, actors = ?, version = ?, updated_at = ?"
        params: list[Any] = [span[0], span[1], json.dumps(merged, ensure_ascii=False),
                             version, now]
        if label is not None:
            sets += ", label = ?"
            params.append(label)
        self.conn.execute(f"UPDATE storylines SET {sets} WHERE id = ?", (*params, storyline))

    def exists(self, storyline: str) -> bool:
        return self.conn.execute("SELECT 1 FROM storylines WHERE id = ?",
                                 (storyline,)).fetchone() is not None

    def put_label(self, storyline: str, label: str) -> None:
        self.conn.execute("UPDATE storylines SET label = ? WHERE id = ?", (label, storyline))

    def key_entities(self, storyline: str, top: int = KEY_ENTITIES) -> list[dict[str, Any]]:
        return _entities(self.conn, storyline, top)


def _merge_actors(old: list[dict[str, Any]], new: list[dict[str, Any]]
                  ) -> list[dict[str, Any]]:
    """The sides of a dyad, each with the people and organisations seen acting for it (members
    are kept once seen: a story that changes does not take its members back)."""
    sides = {a["code"]: {**a, "members": list(a.get("members", []))} for a in old}
    for actor in new:
        side = sides.setdefault(actor["code"], {**actor, "members": []})
        known = {m["id"] for m in side["members"]}
        side["members"] += [m for m in actor.get("members", []) if m["id"] not in known]
    return [sides[code] for code in sorted(sides)]


# -- reading -------------------------------------------------------------------------------

def _entities(conn: sqlite3.Connection, storyline: str, top: int) -> list[dict[str, Any]]:
    return [{"id": r[0], "name": r[1], "weight": round(r[2], 2)} for r in conn.execute(
        "SELECT entity, name, weight FROM storyline_entities WHERE storyline = ? "
        "ORDER BY weight DESC, entity LIMIT ?", (storyline, top))]


def _month_bounds(query: StorylineQuery) -> tuple[str, str]:
    """The first and last month (``YYYY-MM``) of the query's range, open ends wide."""
    return (query.first_day or "0000-00")[:7], (query.last_day or "9999-99")[:7]


def _in_range(month: str, query: StorylineQuery) -> bool:
    """Whether a month row is kept: all without a range, else dated months inside it."""
    if not query.first_day and not query.last_day:
        return True
    first, last = _month_bounds(query)
    return month != UNDATED and first <= month <= last


def _overlaps(first: str | None, last: str | None, query: StorylineQuery) -> bool:
    """Whether a story's span of dates meets the query's range (any story when none)."""
    if not query.first_day and not query.last_day:
        return True
    if not first:
        return False
    return ((not query.first_day or (last or first)[:10] >= query.first_day)
            and (not query.last_day or first[:10] <= query.last_day))


def _months(conn: sqlite3.Connection, storyline: str, query: StorylineQuery
            ) -> dict[str, dict[str, Any]]:
    months: dict[str, dict[str, Any]] = {}
    for row in conn.execute(
            f"SELECT month, {', '.join(MONTH_COLUMNS)} FROM storyline_months "
            "WHERE storyline = ? ORDER BY month = ?, month", (storyline, UNDATED)):
        if not _in_range(row[0], query):
            continue
        values = dict(zip(MONTH_COLUMNS, row[1:], strict=True))
        weight = values.pop("score_weight")
        total = values.pop("score_sum")
        months[row[0]] = {k: round(v) for k, v in values.items()}
        months[row[0]]["score"] = round(total / weight, 2) if weight > _EPSILON else None
    return months


def _stories(conn: sqlite3.Connection, storyline: str, query: StorylineQuery
             ) -> list[dict[str, Any]]:
    rows = conn.execute(
        """SELECT s.id, s.title, s.first_published, s.last_published, s.langs, ss.score,
                  ss.signals
           FROM storyline_stories ss JOIN stories s ON s.id = ss.story
           WHERE ss.storyline = ?
           ORDER BY s.first_published IS NULL, s.first_published, s.id""", (storyline,)
    ).fetchall()
    stories = [{"id": r[0], "title": r[1], "first_published": r[2], "last_published": r[3],
                "langs": json.loads(r[4]), "score": r[5], "joined": json.loads(r[6]),
                "articles": []} for r in rows
               if _overlaps(r[2], r[3], query)]
    if not stories:
        return stories
    by_id = {s["id"]: s for s in stories}
    ids = list(by_id)
    for row in conn.execute(
            f"""SELECT m.story, a.id, a.source, a.title, a.lang, a.published,
                       json_extract(a.data, '$.extra.record_id')
                FROM story_members m JOIN articles a ON a.rowid = m.rowid
                WHERE m.story IN ({_marks(ids)})
                ORDER BY a.published IS NULL, a.published, a.rowid""", ids):
        by_id[row[0]]["articles"].append(
            dict(zip(("id", "source", "title", "lang", "published", "record_id"), row[1:],
                     strict=True)))
    return stories


def _storyline(conn: sqlite3.Connection, row: sqlite3.Row, query: StorylineQuery
               ) -> dict[str, Any]:
    return {
        "id": row["id"], "kind": row["kind"], "label": row["label"],
        "actors": json.loads(row["actors"]),
        "entities": _entities(conn, row["id"], KEY_ENTITIES),
        "size": row["stories"], "articles": row["articles"],
        "first_month": row["first_month"], "last_month": row["last_month"],
        "months": _months(conn, row["id"], query),
        "stories": _stories(conn, row["id"], query),
        "version": row["version"], "updated_at": row["updated_at"],
    }


def list_storylines(conn: sqlite3.Connection, query: StorylineQuery) -> list[dict[str, Any]]:
    """Storylines matching ``query``, the most stories first."""
    sql = "SELECT * FROM storylines s WHERE stories >= ?"
    params: list[Any] = [query.min_stories]
    if query.dyad:
        sql += " AND s.id = ?"
        params.append(query.dyad)
    if query.story:
        sql += " AND EXISTS (SELECT 1 FROM storyline_stories x WHERE x.storyline = s.id " \
               "AND x.story = ?)"
        params.append(query.story)
    if query.actor:
        sql += " AND s.kind = 'dyad' AND instr('-' || substr(s.id, 3) || '-', ?) > 0"
        params.append(f"-{query.actor}-")
    if query.kind:
        sql += " AND s.kind = ?"
        params.append(query.kind)
    if query.entity:
        sql += " AND EXISTS (SELECT 1 FROM storyline_entities e WHERE e.storyline = s.id " \
               "AND e.entity = ?)"
        params.append(query.entity)
    if query.first_day or query.last_day:
        sql += """ AND EXISTS (SELECT 1 FROM storyline_months m WHERE m.storyline = s.id
                   AND m.month != ? AND m.month >= ? AND m.month <= ?)"""
        params += [UNDATED, *_month_bounds(query)]
    sql += " ORDER BY s.stories DESC, s.last_month IS NULL, s.last_month DESC, s.id"
    if query.limit is not None or query.offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if query.limit is None else query.limit, query.offset]
    return [_storyline(conn, row, query) for row in conn.execute(sql, params).fetchall()]


def get_storyline(conn: sqlite3.Connection, ident: str) -> dict[str, Any] | None:
    """The storyline ``ident`` (exact id, any case for a dyad), None when there is none."""
    row = conn.execute("SELECT * FROM storylines WHERE id = ?", (ident,)).fetchone()
    if row is None and ident[:2].lower() == "d-":
        row = conn.execute("SELECT * FROM storylines WHERE id = ?",
                           ("d-" + ident[2:].upper(),)).fetchone()
    return None if row is None else _storyline(conn, row, StorylineQuery())


def count_storylines(conn: sqlite3.Connection) -> dict[str, int]:
    rows = dict(conn.execute("SELECT kind, count(*) FROM storylines GROUP BY kind").fetchall())
    return {"dyad_storylines": rows.get("dyad", 0), "theme_storylines": rows.get("theme", 0)}
