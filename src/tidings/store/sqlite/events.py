"""Event tables: one row per event of an article, its actors on each side, and the evidence
(sentence and trigger offsets) of every telling. These tables are the only copy of an
article's events; ``article_events`` rebuilds them in the shape of ``Event.to_dict()``.

Date filters follow the period rule of ``tidings.queries``: ``day_first``/``day_last`` hold
the first and last day of the period the event date names.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from tidings.dates import date_period
from tidings.model import Actor, Article, Event, Evidence
from tidings.queries import PLOVER_TYPES, EventQuery, actor_token

# events whose actors and evidence are read together
BATCH = 200
# The events with an actor whose entity id, code or country is ``?`` (three times): found
# through the indexes of event_actors. Stored ids and codes are their own actor tokens, and
# the filters still match the events' lists of tokens, which stay what decides.
_ACTING = ("SELECT event_rowid FROM event_actors WHERE entity_id = ? OR code = ?"
           " OR country = ?")


def _codes(actors: list[Actor]) -> str:
    tokens: list[str] = []
    for actor in actors:
        for value in (actor.entity_id, actor.code, actor.country):
            if value and actor_token(value) not in tokens:
                tokens.append(actor_token(value))
    return " " + " ".join(tokens) + " " if tokens else " "


def write_events(conn: sqlite3.Connection, rowid: int, article: Article) -> None:
    """Store the events of a newly inserted article (inside its transaction)."""
    if not article.events:
        return
    version = article.versions.get("events")
    article_id = article.id
    for index, event in enumerate(article.events):
        first, last = date_period(event.date) or (None, None)
        cursor = conn.execute(
            """INSERT INTO events (article_rowid, article_id, idx, type, mode, context, status,
               intended, date, date_precision, date_from, day_first, day_last, location,
               location_name, cameo, quad_class, confidence, source_codes, target_codes,
               version, symmetric) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                rowid,
                article_id,
                index,
                event.type,
                event.mode,
                event.context,
                event.status,
                event.intended,
                event.date,
                event.date_precision,
                event.date_from,
                first,
                last,
                event.location,
                event.location_name,
                event.cameo,
                event.quad_class,
                event.confidence,
                _codes(event.source),
                _codes(event.target),
                version,
                int(event.symmetric),
            ),
        )
        event_rowid = cursor.lastrowid
        conn.executemany(
            "INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    event_rowid,
                    side,
                    position,
                    a.entity_id,
                    a.code,
                    a.country,
                    a.text,
                    a.start,
                    a.end,
                )
                for side, actors in (("source", event.source), ("target", event.target))
                for position, a in enumerate(actors)
            ],
        )
        conn.executemany(
            "INSERT INTO event_evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    event_rowid,
                    position,
                    ev.sentence_start,
                    ev.sentence_end,
                    ev.trigger_start,
                    ev.trigger_end,
                    ev.trigger,
                    json.dumps(ev.arguments, ensure_ascii=False),
                    ev.confidence,
                    ev.method,
                )
                for position, ev in enumerate(event.evidence)
            ],
        )


def iter_events(conn: sqlite3.Connection, query: EventQuery) -> Iterator[dict[str, Any]]:
    """Stored events matching every filter of ``query``, each with its article, actors and
    evidence. Raises ``QueryError`` for a type neither PLOVER nor the store knows."""
    sql, params = _select(conn, query, """e.*, a.id AS a_id, a.title AS a_title,
        a.source AS a_source, a.url AS a_url, a.published AS a_published, a.lang AS a_lang""")
    rows = conn.execute(sql, params)  # run now, so a bad filter raises before any output
    return _told(conn, iter(rows))


def _told(conn: sqlite3.Connection, rows: Iterator[Any]) -> Iterator[dict[str, Any]]:
    """``rows`` of events with their actors and evidence, read for a batch of events at a
    time (two statements a batch, not two an event)."""
    while batch := list(itertools.islice(rows, BATCH)):
        rowids = [row["rowid"] for row in batch]
        chosen = ",".join("?" * len(rowids))
        actors: dict[int, dict[str, list[dict[str, Any]]]] = {}
        for actor in conn.execute(
            f"""SELECT ea.event_rowid, ea.side, ea.entity_id, coalesce(en.name, ea.text)
                      AS name, ea.code, ea.country, ea.text, ea.start, ea.end
               FROM event_actors ea LEFT JOIN entities en ON en.id = ea.entity_id
               WHERE ea.event_rowid IN ({chosen})
               ORDER BY ea.event_rowid, ea.side, ea.position""", rowids):
            item = dict(actor)
            sides = actors.setdefault(item.pop("event_rowid"), {"source": [], "target": []})
            sides[item.pop("side")].append(item)
        evidence: dict[int, list[dict[str, Any]]] = {}
        for ev in conn.execute(
            f"""SELECT ev.event_rowid, substr(a.text, CAST(ev.sentence_start + 1 AS INTEGER),
                           CAST(ev.sentence_end - ev.sentence_start AS INTEGER)) AS sentence,
                      ev.sentence_start, ev.sentence_end, ev.trigger, ev.trigger_start,
                      ev.trigger_end, ev.arguments, ev.confidence, ev.method
               FROM event_evidence ev JOIN events e ON e.rowid = ev.event_rowid
               JOIN articles a ON a.rowid = e.article_rowid
               WHERE ev.event_rowid IN ({chosen}) ORDER BY ev.event_rowid, ev.position""",
                rowids):
            item = {**dict(ev), "arguments": json.loads(ev["arguments"])}
            evidence.setdefault(item.pop("event_rowid"), []).append(item)
        for row in batch:
            yield _event(row, actors.get(row["rowid"], {"source": [], "target": []}),
                         evidence.get(row["rowid"], []))


def event_dates(conn: sqlite3.Connection, query: EventQuery) -> Iterator[dict[str, Any]]:
    """The ``date`` and ``quad_class`` of the events ``iter_events`` gives, in its order,
    without their actors and evidence (what a chart by month needs)."""
    sql, params = _select(conn, query, "e.date, e.quad_class")
    return (dict(row) for row in conn.execute(sql, params))


def _select(conn: sqlite3.Connection, query: EventQuery, columns: str
            ) -> tuple[str, list[Any]]:
    """The statement selecting ``columns`` of the events matching ``query`` (``e``, and
    their article ``a``), and its values. A page is chosen and ordered by the events' own
    columns first, and only its events are joined to their articles."""
    sql, params = "", []
    if query.type:
        if query.type not in PLOVER_TYPES:  # a type of an older version may be stored
            stored = {row[0] for row in conn.execute("SELECT DISTINCT type FROM events")}
            if (error := query.unknown_type(stored)) is not None:
                raise error
        sql += " AND e.type = ?"
        params.append(query.type)
    if query.status:
        sql += " AND e.status = ?"
        params.append(query.status)
    if query.actor:
        token = f" {query.actor} "
        sql += (f" AND e.rowid IN ({_ACTING})"
                " AND (instr(e.source_codes, ?) > 0 OR instr(e.target_codes, ?) > 0)")
        params += [query.actor] * 3 + [token, token]
    if query.pair:
        sql += f" AND e.rowid IN ({_ACTING}) AND e.rowid IN ({_ACTING})"
        params += [query.pair[0]] * 3 + [query.pair[1]] * 3
        one, other = (f" {side} " for side in query.pair)
        either = (
            "(instr(e.source_codes, ?) > 0 AND instr(e.target_codes, ?) > 0)"
            " OR (instr(e.source_codes, ?) > 0 AND instr(e.target_codes, ?) > 0)"
        )
        params += [one, other, other, one]
        if one != other:  # a mutual act names both sides as its source
            either += (
                " OR (e.symmetric = 1 AND instr(e.source_codes, ?) > 0"
                " AND instr(e.source_codes, ?) > 0)"
            )
            params += [one, other]
        sql += f" AND ({either})"
    if query.first_day:
        sql += " AND e.day_first >= ?"
        params.append(query.first_day)
    if query.last_day:
        sql += " AND e.day_last <= ?"
        params.append(query.last_day)
    if query.lang:
        sql += " AND e.article_rowid IN (SELECT rowid FROM articles WHERE lang = ?)"
        params.append(query.lang)
    if query.min_confidence is not None:
        sql += " AND e.confidence >= ?"
        params.append(query.min_confidence)
    way = "DESC" if query.newest_first else "ASC"
    order = (f" ORDER BY e.day_first IS NULL, e.day_first {way}, e.day_last {way},"
             " e.article_rowid, e.idx")
    joined = "JOIN articles a ON a.rowid = e.article_rowid"
    if query.limit is None and not query.offset:
        return f"SELECT {columns} FROM events e {joined} WHERE 1 = 1{sql}{order}", params
    # the page's rowids first: sorting thousands of bare rowids, not of joined rows
    page = f"SELECT e.rowid AS r FROM events e WHERE 1 = 1{sql}{order} LIMIT ? OFFSET ?"
    params += [-1 if query.limit is None else query.limit, query.offset]
    return (f"SELECT {columns} FROM ({page}) p JOIN events e ON e.rowid = p.r {joined}"
            f"{order}"), params


def count_events(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def article_events(conn: sqlite3.Connection, rowid: int) -> list[dict[str, Any]]:
    """The events of one article, in order, as ``Event.to_dict()`` gives them."""
    return events_of_articles(conn, [rowid])[rowid]


def events_of_articles(conn: sqlite3.Connection,
                       rowids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """``article_events`` of many articles at once: three statements (events, their actors,
    their evidence), not two per event (a story's summary reads every member's events)."""
    out: dict[int, list[dict[str, Any]]] = {rowid: [] for rowid in rowids}
    if not rowids:
        return out
    chosen = f"SELECT rowid FROM events WHERE article_rowid IN ({','.join('?' * len(rowids))})"
    sides: dict[int, dict[str, list[Actor]]] = {}
    for actor in conn.execute(
            "SELECT event_rowid, side, start, end, text, entity_id, code, country"
            f" FROM event_actors WHERE event_rowid IN ({chosen})"
            " ORDER BY event_rowid, side, position", list(rowids)):
        found = sides.setdefault(actor[0], {"source": [], "target": []})
        found[actor[1]].append(Actor(*tuple(actor)[2:]))
    evidence: dict[int, list[Evidence]] = {}
    for ev in conn.execute(
            f"SELECT * FROM event_evidence WHERE event_rowid IN ({chosen})"
            " ORDER BY event_rowid, position", list(rowids)):
        evidence.setdefault(ev["event_rowid"], []).append(Evidence(
            ev["sentence_start"], ev["sentence_end"], ev["trigger_start"], ev["trigger_end"],
            ev["trigger"], json.loads(ev["arguments"]), ev["confidence"], ev["method"]))
    none: dict[str, list[Actor]] = {"source": [], "target": []}
    for row in conn.execute(
            f"SELECT * FROM events WHERE rowid IN ({chosen}) ORDER BY article_rowid, idx",
            list(rowids)):
        actors = sides.get(row["rowid"], none)
        event = Event(
            type=row["type"], source=actors["source"], target=actors["target"],
            mode=row["mode"], context=row["context"], status=row["status"],
            intended=row["intended"], symmetric=bool(row["symmetric"]),
            date=row["date"], date_precision=row["date_precision"], date_from=row["date_from"],
            location=row["location"], location_name=row["location_name"], cameo=row["cameo"],
            quad_class=row["quad_class"], confidence=row["confidence"],
            evidence=evidence.get(row["rowid"], []),
        )
        out[row["article_rowid"]].append(event.to_dict())
    return out


def _event(row: Any, actors: dict[str, list[dict[str, Any]]],
           evidence: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": f"{row['article_id']}.{row['idx']}",
        "article": {
            "id": row["a_id"],
            "title": row["a_title"],
            "source": row["a_source"],
            "url": row["a_url"],
            "published": row["a_published"],
            "lang": row["a_lang"],
        },
        "index": row["idx"],
        **{
            key: row[key]
            for key in (
                "type",
                "mode",
                "context",
                "status",
                "intended",
                "date",
                "date_precision",
                "date_from",
                "location",
                "location_name",
                "cameo",
                "quad_class",
                "confidence",
                "version",
            )
        },
        "symmetric": bool(row["symmetric"]),
        "source": actors["source"],
        "target": actors["target"],
        "evidence": evidence,
    }
