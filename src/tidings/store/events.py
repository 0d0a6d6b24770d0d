"""Event tables: one row per event of an article, its actors on each side, and the evidence
(sentence and trigger offsets) of every telling.

Filtering by date uses the *period* an event date names. ``2024-11-15`` is one day,
``2024-11`` the whole of November, ``2024`` the whole year, ``2024-W46`` that ISO week,
``2024-Q4`` / ``2024-H2`` that quarter or half. An event is on or after ``since`` when its
period starts on or after the first day of ``since``, and on or before ``until`` when its
period ends on or before the last day of ``until``: the event's period must lie inside the
range. So ``2024-11`` is inside ``--since 2024-11-01 --until 2024-11-30`` and inside
``--since 2024``, but not inside ``--since 2024-11-15``. Undated events, and dates that
name no period (``XXXX-11-15``), are left out whenever ``since`` or ``until`` is given.
"""

from __future__ import annotations

import calendar
import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from tidings.errors import InputError
from tidings.model import EVENT_STATUSES, Actor, Article
from tidings.stages.events.plover import TYPES

# The PLOVER event types the events stage codes, cooperation first, conflict last. A type found
# in the store is accepted too, so a filter never refuses what the stage wrote.
PLOVER_TYPES = tuple(TYPES)

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|T)")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(\d{4})$")
_WEEK = re.compile(r"(\d{4})-W(\d{2})$")
_PART = re.compile(r"(\d{4})-([QH])([1-4])$")


def date_period(value: str | None) -> tuple[str, str] | None:
    """The first and last day (ISO) of the period a TIMEX3-style date names, or None when it
    names none (``None``, ``XXXX-11-15``, ``PRESENT_REF``, an impossible date)."""
    if not value:
        return None
    value = value.strip()
    try:
        if match := _DAY.match(value):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return day.isoformat(), day.isoformat()
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).isoformat(), date(year, month, last).isoformat()
        if match := _YEAR.match(value):
            return f"{match[1]}-01-01", f"{match[1]}-12-31"
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        if match := _PART.match(value):
            year, part, number = int(match[1]), match[2], int(match[3])
            months = 3 if part == "Q" else 6
            if number * months > 12:
                return None
            first = date(year, (number - 1) * months + 1, 1)
            last_month = number * months
            last = date(year, last_month, calendar.monthrange(year, last_month)[1])
            return first.isoformat(), last.isoformat()
    except ValueError:  # month 13, day 31 of a 30-day month, week 54...
        return None
    return None


def actor_token(value: str) -> str:
    """How an entity id, actor code or country is written in ``source_codes``/``target_codes``
    and matched: ids with a prefix (``per:xi-jinping``) in lower case, codes in upper case."""
    value = "_".join(value.split())
    return value.lower() if ":" in value else value.upper()


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
               version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
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


def iter_events(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    pair: str | None = None,
    status: str | None = None,
    lang: str | None = None,
    limit: int | None = None,
    newest_first: bool = True,
) -> Iterator[dict[str, Any]]:
    """Stored events matching every filter given, each with its article, actors and evidence.

    ``actor`` matches an entity id, actor code or country on either side; ``pair`` "A-B"
    (or "A,B" when an id holds a hyphen) one side matching A and the other B, in either
    direction; ``since``/``until`` follow the period rule of this module's docstring.
    Raises ``InputError`` for a filter that cannot match anything as written."""
    sql = """SELECT e.*, a.id AS a_id, a.title AS a_title, a.source AS a_source,
                    a.url AS a_url, a.published AS a_published, a.lang AS a_lang
             FROM events e JOIN articles a ON a.rowid = e.article_rowid WHERE 1 = 1"""
    params: list[Any] = []
    if type_:
        sql += " AND e.type = ?"
        params.append(_check_type(conn, type_))
    if status:
        if status.lower() not in EVENT_STATUSES:
            raise InputError(
                f"unknown event status '{status}'",
                hint=f"choose one of {', '.join(EVENT_STATUSES)}",
            )
        sql += " AND e.status = ?"
        params.append(status.lower())
    if actor:
        token = f" {actor_token(actor)} "
        sql += " AND (instr(e.source_codes, ?) > 0 OR instr(e.target_codes, ?) > 0)"
        params += [token, token]
    if pair:
        one, other = (f" {actor_token(side)} " for side in _split_pair(pair))
        sql += (
            " AND ((instr(e.source_codes, ?) > 0 AND instr(e.target_codes, ?) > 0)"
            " OR (instr(e.source_codes, ?) > 0 AND instr(e.target_codes, ?) > 0))"
        )
        params += [one, other, other, one]
    if since:
        sql += " AND e.day_first >= ?"
        params.append(_bound(since, "since")[0])
    if until:
        sql += " AND e.day_last <= ?"
        params.append(_bound(until, "until")[1])
    if lang:
        sql += " AND a.lang = ?"
        params.append(lang)
    order = "DESC" if newest_first else "ASC"
    sql += (
        f" ORDER BY e.day_first IS NULL, e.day_first {order}, e.day_last {order},"
        " e.article_rowid, e.idx"
    )
    if limit is not None:
        if limit < 1:
            raise InputError(f"limit {limit} shows nothing", hint="give a limit of 1 or more")
        sql += " LIMIT ?"
        params.append(limit)
    rows = conn.execute(sql, params)  # run now, so a bad filter raises before any output
    return (_event(conn, row) for row in rows)


def list_events(
    conn: sqlite3.Connection, *, limit: int = 50, **filters: Any
) -> list[dict[str, Any]]:
    """The newest ``limit`` events matching ``filters`` (see ``iter_events``)."""
    return list(iter_events(conn, limit=limit, **filters))


def count_events(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def _check_type(conn: sqlite3.Connection, type_: str) -> str:
    wanted = type_.strip().upper()
    if wanted in PLOVER_TYPES:
        return wanted
    stored = {row[0] for row in conn.execute("SELECT DISTINCT type FROM events")}
    if wanted in stored:
        return wanted
    raise InputError(
        f"unknown event type '{type_}'",
        hint="choose one of " + ", ".join([*PLOVER_TYPES, *sorted(stored - set(PLOVER_TYPES))]),
    )


def _split_pair(pair: str) -> tuple[str, str]:
    parts = [p.strip() for p in (pair.split(",") if "," in pair else pair.split("-"))]
    if len(parts) != 2 or not all(parts):
        raise InputError(
            f"pair '{pair}' is not two actors",
            hint="write A-B (CHN-PER), or A,B when an id has a hyphen (per:xi-jinping,PER)",
        )
    return parts[0], parts[1]


def _bound(value: str, name: str) -> tuple[str, str]:
    period = date_period(value)
    if period is None:
        raise InputError(
            f"{name} '{value}' is not a date", hint="write YYYY-MM-DD, YYYY-MM or YYYY"
        )
    return period


def _event(conn: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    actors: dict[str, list[dict[str, Any]]] = {"source": [], "target": []}
    for actor in conn.execute(
        """SELECT ea.side, ea.entity_id, coalesce(en.name, ea.text) AS name, ea.code,
                  ea.country, ea.text, ea.start, ea.end
           FROM event_actors ea LEFT JOIN entities en ON en.id = ea.entity_id
           WHERE ea.event_rowid = ? ORDER BY ea.side, ea.position""",
        (row["rowid"],),
    ):
        item = dict(actor)
        actors[item.pop("side")].append(item)
    evidence = [
        {**dict(ev), "arguments": json.loads(ev["arguments"])}
        for ev in conn.execute(
            """SELECT substr(a.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start)
                        AS sentence,
                      ev.sentence_start, ev.sentence_end, ev.trigger, ev.trigger_start,
                      ev.trigger_end, ev.arguments, ev.confidence, ev.method
               FROM event_evidence ev JOIN articles a ON a.rowid = ?
               WHERE ev.event_rowid = ? ORDER BY ev.position""",
            (row["article_rowid"], row["rowid"]),
        )
    ]
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
        "source": actors["source"],
        "target": actors["target"],
        "evidence": evidence,
    }
