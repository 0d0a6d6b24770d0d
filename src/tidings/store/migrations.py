"""Named schema migrations, applied in order and recorded in ``_migrations``.

Never edit a migration that has shipped: add a new one. Each runs in one transaction.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            url TEXT,
            format TEXT NOT NULL,
            title TEXT,
            text TEXT NOT NULL,
            lang TEXT,
            lang_confidence REAL,
            published TEXT,
            published_precision TEXT,
            agency TEXT,
            dateline_place TEXT,
            data TEXT NOT NULL,
            versions TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_lang ON articles(lang);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_source ON articles(source);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TABLE rejects (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (source, reason)
        );
        CREATE TABLE sources (
            fingerprint TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            articles INTEGER NOT NULL,
            rejects INTEGER NOT NULL,
            done_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_entities",
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            country TEXT,
            role TEXT,
            sector TEXT,
            actor TEXT,
            articles INTEGER NOT NULL DEFAULT 0,
            mentions INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_seen TEXT
        );
        CREATE INDEX entities_type ON entities(type);
        CREATE INDEX entities_country ON entities(country);
        CREATE TABLE entity_aliases (
            entity_id TEXT NOT NULL,
            lang TEXT NOT NULL,
            alias TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_id, lang, alias)
        );
        CREATE TABLE entity_roles (
            entity_id TEXT NOT NULL,
            role TEXT NOT NULL,
            country TEXT,
            sector TEXT,
            first_seen TEXT,
            last_seen TEXT,
            articles INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_id, role)
        );
        CREATE TABLE mentions (
            article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            entity_id TEXT,
            confidence REAL NOT NULL,
            source TEXT NOT NULL,
            version TEXT,
            PRIMARY KEY (article_rowid, start, end)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        """,
    ),
    (
        # source_codes / target_codes hold every entity id, actor code and country of a side,
        # space-separated with a space at each end (" CHN CHNGOV per:xi-jinping "), so a side
        # matches one of them with instr(). day_first / day_last are the first and last day
        # of the event date's period (2024-11 -> 2024-11-01 .. 2024-11-30), NULL when unknown.
        "0003_events",
        """
        CREATE TABLE events (
            rowid INTEGER PRIMARY KEY,
            article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
            article_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            context TEXT,
            status TEXT NOT NULL,
            intended TEXT,
            date TEXT,
            date_precision TEXT,
            date_from TEXT,
            day_first TEXT,
            day_last TEXT,
            location TEXT,
            location_name TEXT,
            cameo TEXT,
            quad_class INTEGER,
            confidence REAL NOT NULL,
            source_codes TEXT NOT NULL,
            target_codes TEXT NOT NULL,
            version TEXT,
            UNIQUE (article_rowid, idx)
        );
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_day ON events(day_first);
        CREATE INDEX events_article ON events(article_id);
        CREATE TABLE event_actors (
            event_rowid INTEGER NOT NULL REFERENCES events(rowid),
            side TEXT NOT NULL CHECK (side IN ('source', 'target')),
            position INTEGER NOT NULL,
            entity_id TEXT,
            code TEXT,
            country TEXT,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            PRIMARY KEY (event_rowid, side, position)
        );
        CREATE INDEX event_actors_entity ON event_actors(entity_id);
        CREATE TABLE event_evidence (
            event_rowid INTEGER NOT NULL REFERENCES events(rowid),
            position INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger TEXT NOT NULL,
            arguments TEXT NOT NULL,
            confidence REAL NOT NULL,
            PRIMARY KEY (event_rowid, position)
        );
        """,
    ),
    (
        "0004_evidence_method",
        """
        ALTER TABLE event_evidence ADD COLUMN method TEXT NOT NULL DEFAULT 'lexicon';
        """,
    ),
]
