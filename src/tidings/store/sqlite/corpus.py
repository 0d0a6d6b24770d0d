"""The corpus layer's tables in SQLite: watermarks, near-duplicate groups, story members and
vectors, stories and merged events (migration ``0007_stories``).

Corpus stages (``tidings.corpus``) hold no SQL: they call these methods. Internally articles
are named by their ``rowid`` (the order they were stored in, which is the order corpus stages
read them in); what leaves the store names them by their content-hash ``id``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tidings.store.sqlite.events import events_of_articles
from tidings.store.sqlite.storylines import StorylineTables

# Tables each corpus stage owns: cleared when the stage's version changes (a re-run after an
# upgrade recomputes what that stage made).
OWNED = {
    "dedup": ("duplicates", "dedup_bands"),
    "stories": ("stories", "story_members", "story_vectors", "merged_events", "story_spans"),
    "storylines": ("storylines", "storyline_stories", "storyline_months",
                   "storyline_entities"),
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class SQLiteCorpus:
    """Read and write the corpus tables of one SQLite store (``store.corpus``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.storylines = StorylineTables(conn)

    # -- progress and transactions ---------------------------------------------------------

    def index_path(self, name: str) -> Path | None:
        """Where a corpus stage may keep a file beside the store (an ANN index)."""
        return self.path.with_name(f"{self.path.name}.{name}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: everything in it lands together or not at all."""
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            yield

    def progress(self, stage: str, version: str) -> int:
        """The last rowid ``stage`` has folded in. A stored version other than ``version``
        clears what the stage made, so it starts again from the first article."""
        row = self.conn.execute(
            "SELECT version, last_rowid FROM corpus_progress WHERE stage = ?", (stage,)
        ).fetchone()
        if row is None:
            return 0
        if row["version"] == version:
            return int(row["last_rowid"])
        self.reset(stage)
        return 0

    def reset(self, stage: str) -> None:
        """Forget everything ``stage`` made: it starts again from the first article."""
        with self.transaction():
            for table in OWNED.get(stage, ()):
                self.conn.execute(f"DELETE FROM {table}")  # table names of this module
            self.conn.execute("DELETE FROM corpus_progress WHERE stage = ?", (stage,))

    def set_progress(self, stage: str, version: str, last_rowid: int) -> None:
        """Record (inside the caller's transaction) that ``stage`` has done up to here."""
        self.conn.execute(
            "INSERT OR REPLACE INTO corpus_progress VALUES (?, ?, ?, ?)",
            (stage, version, last_rowid, _now()),
        )

    def pending(self, after: int, limit: int, upto: int | None = None) -> list[dict[str, Any]]:
        """Up to ``limit`` stored articles after rowid ``after`` (and up to ``upto``), in
        rowid order, each with its ``rowid``, entities and events."""
        sql = "SELECT rowid, id, title, text, lang, published, agency, source, data " \
              "FROM articles WHERE rowid > ?"
        params: list[Any] = [after]
        if upto is not None:
            sql += " AND rowid <= ?"
            params.append(upto)
        rows = self.conn.execute(sql + " ORDER BY rowid LIMIT ?", (*params, limit)).fetchall()
        events = events_of_articles(self.conn, [row["rowid"] for row in rows])
        return [self._article(row, events[row["rowid"]]) for row in rows]

    def count_after(self, after: int, upto: int) -> int:
        """How many stored articles lie after rowid ``after``, up to ``upto``."""
        return self.conn.execute(
            "SELECT count(*) FROM articles WHERE rowid > ? AND rowid <= ?", (after, upto)
        ).fetchone()[0]

    def last_rowid(self) -> int:
        return self.conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]

    def _article(self, row: sqlite3.Row, events: list[dict[str, Any]]) -> dict[str, Any]:
        data = json.loads(row["data"])
        return {
            "rowid": row["rowid"],
            "id": row["id"],
            "title": row["title"],
            "text": row["text"],
            "lang": row["lang"],
            "published": row["published"],
            "agency": row["agency"],
            "source": row["source"],
            "record_id": (data.get("extra") or {}).get("record_id"),
            "entities": data.get("entities") or [],
            "events": events,
        }

    def articles_by_rowid(self, rowids: Sequence[int]) -> list[dict[str, Any]]:
        """The stored articles ``rowids`` (as ``pending`` gives them), in rowid order."""
        if not rowids:
            return []
        rows = self.conn.execute(
            "SELECT rowid, id, title, text, lang, published, agency, source, data FROM articles "
            f"WHERE rowid IN ({_marks(rowids)}) ORDER BY rowid", list(rowids)
        ).fetchall()
        events = events_of_articles(self.conn, [row["rowid"] for row in rows])
        return [self._article(row, events[row["rowid"]]) for row in rows]

    # -- near-duplicates -------------------------------------------------------------------

    def band_matches(self, keys: Sequence[int]) -> list[int]:
        """Rowids of articles sharing at least one LSH band key with ``keys``."""
        if not keys:
            return []
        rows = self.conn.execute(
            f"SELECT DISTINCT rowid FROM dedup_bands WHERE key IN ({_marks(keys)}) "
            "ORDER BY rowid", list(keys)
        )
        return [row[0] for row in rows]

    def signatures(self, rowids: Sequence[int]) -> dict[int, tuple[bytes, int, int]]:
        """``rowid -> (signature, shingle count, canonical rowid)``."""
        if not rowids:
            return {}
        rows = self.conn.execute(
            "SELECT rowid, signature, shingles, canonical FROM duplicates "
            f"WHERE rowid IN ({_marks(rowids)})", list(rowids)
        )
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def write_duplicate(
        self, rowid: int, canonical: int, similarity: float, shingles: int,
        signature: bytes, keys: Sequence[int], version: str,
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, canonical, similarity, shingles, signature, version),
        )
        self.conn.executemany(
            "INSERT INTO dedup_bands (key, rowid) VALUES (?, ?)", [(k, rowid) for k in keys]
        )

    def canonicals(self, rowids: Sequence[int]) -> dict[int, tuple[int, float]]:
        """``rowid -> (canonical rowid, similarity to it)`` for the rowids dedup has seen."""
        if not rowids:
            return {}
        rows = self.conn.execute(
            f"SELECT rowid, canonical, similarity FROM duplicates WHERE rowid IN "
            f"({_marks(rowids)})", list(rowids)
        )
        return {row[0]: (row[1], row[2]) for row in rows}

    # -- story members and vectors ---------------------------------------------------------

    def write_vector(self, rowid: int, vector: bytes, model: str, features: dict[str, Any],
                     ) -> None:
        """Keep an article's story vector and the features its pairs are scored on
        (``{"day", "entities", "events", "numbers"}``, see ``corpus.stories.features``)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO story_vectors VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (rowid, vector, model, features.get("lang"), features["day"],
             " ".join(features["entities"]),
             json.dumps(features.get("events") or [], ensure_ascii=False),
             " ".join(features.get("numbers") or [])),
        )

    def placed(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """``rowid -> {story, day, entities}`` for the rowids already in a story with a
        vector of their own (one query: the clusterer asks it for every article)."""
        if not rowids:
            return {}
        rows = self.conn.execute(
            f"""SELECT v.rowid, m.story, v.day, v.entities, v.events, v.numbers, v.lang
                FROM story_vectors v
                JOIN story_members m ON m.rowid = v.rowid
                WHERE v.rowid IN ({_marks(rowids)})""", list(rowids),
        )
        return {row[0]: {"story": row[1], "day": row[2], "entities": row[3].split(),
                         "events": json.loads(row[4]) if row[4] != "[]" else [],
                         "numbers": row[5].split(), "lang": row[6]}
                for row in rows}

    def vectors(self, rowids: Sequence[int] | None = None) -> Iterator[tuple[int, bytes]]:
        """``(rowid, vector)`` of ``rowids``, or of every article with one, in rowid order."""
        if rowids is None:
            yield from self.conn.execute("SELECT rowid, vector FROM story_vectors ORDER BY rowid")
            return
        if rowids:
            yield from self.conn.execute(
                f"SELECT rowid, vector FROM story_vectors WHERE rowid IN ({_marks(rowids)}) "
                "ORDER BY rowid", list(rowids)
            )

    def vector_count(self) -> tuple[int, int]:
        """How many vectors are stored, and the largest rowid among them."""
        row = self.conn.execute(
            "SELECT count(*), coalesce(max(rowid), 0) FROM story_vectors"
        ).fetchone()
        return int(row[0]), int(row[1])

    def last_vector(self) -> int:
        """The largest rowid among the stored vectors (0 for none): one index lookup."""
        return int(self.conn.execute(
            "SELECT coalesce(max(rowid), 0) FROM story_vectors").fetchone()[0])

    def write_member(
        self, rowid: int, story: str, score: float, via: int | None,
        signals: dict[str, Any], version: str, day: int | None = None,
    ) -> None:
        """Place an article in a story, with why; ``day`` (its day number) widens the
        story's span of dated members."""
        self.conn.execute(
            "INSERT OR REPLACE INTO story_members VALUES (?, ?, ?, ?, ?, ?)",
            (rowid, story, score, via, json.dumps(signals, ensure_ascii=False), version),
        )
        if day is not None:
            self.conn.execute(
                """INSERT INTO story_spans VALUES (?, ?, ?) ON CONFLICT(story) DO UPDATE SET
                   first_day = min(story_spans.first_day, excluded.first_day),
                   last_day = max(story_spans.last_day, excluded.last_day)""", (story, day, day),
            )

    def story_of(self, rowids: Sequence[int]) -> dict[int, str]:
        """``rowid -> story id`` for the rowids already placed."""
        if not rowids:
            return {}
        rows = self.conn.execute(
            f"SELECT rowid, story FROM story_members WHERE rowid IN ({_marks(rowids)})",
            list(rowids),
        )
        return {row[0]: row[1] for row in rows}

    def story_days(self, stories: Sequence[str]) -> dict[str, tuple[int, int]]:
        """``story -> (first, last)`` day numbers of its dated articles (stories with none
        are left out)."""
        if not stories:
            return {}
        rows = self.conn.execute(
            f"SELECT story, first_day, last_day FROM story_spans WHERE story IN "
            f"({_marks(stories)})", list(stories),
        )
        return {row[0]: (int(row[1]), int(row[2])) for row in rows}

    def member_rowids(self, story: str) -> list[int]:
        rows = self.conn.execute(
            "SELECT rowid FROM story_members WHERE story = ? ORDER BY rowid", (story,)
        )
        return [row[0] for row in rows]

    def merged_events(self, story: str) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.conn.execute(
            "SELECT data FROM merged_events WHERE story = ? ORDER BY idx", (story,))]

    def write_story(self, story: dict[str, Any], merged: list[dict[str, Any]], version: str,
                    ) -> None:
        """Insert or replace the summary row of a story and its merged events."""
        now = _now()
        created = self.conn.execute(
            "SELECT created_at FROM stories WHERE id = ?", (story["id"],)
        ).fetchone()
        self.conn.execute(
            "INSERT OR REPLACE INTO stories VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                story["id"], story["title"], story["first_published"],
                story["last_published"], json.dumps(story["langs"]), story["articles"],
                story["sources"], json.dumps(story["entities"], ensure_ascii=False), version,
                created[0] if created else now, now,
            ),
        )
        self.conn.execute("DELETE FROM merged_events WHERE story = ?", (story["id"],))
        self.conn.executemany(
            "INSERT INTO merged_events (story, idx, data, version) VALUES (?, ?, ?, ?)",
            [(story["id"], i, json.dumps(m, ensure_ascii=False), version)
             for i, m in enumerate(merged)],
        )
