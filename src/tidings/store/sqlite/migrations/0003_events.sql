-- source_codes / target_codes hold every entity id, actor code and country of a side,
-- space-separated with a space at each end (" CHN CHNGOV per:xi-jinping "), so a side
-- matches one of them with instr(). day_first / day_last are the first and last day
-- of the event date's period (2024-11 -> 2024-11-01 .. 2024-11-30), NULL when unknown.
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
