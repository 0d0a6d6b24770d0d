-- Live feeds (tidings watch, tidings ingest URL): each feed's polling state, the item and
-- canonical URLs already fetched (so nothing stored is fetched again), and robots.txt by
-- origin (so an unchanged round costs one conditional GET per feed and nothing else).
-- Portable SQL: the PostgreSQL backend runs the same statements. Times are ISO 8601 UTC text.
CREATE TABLE live_feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    -- where the last answer came from, after redirects
    final_url TEXT,
    -- validators of the last full answer whose items were all handled (conditional GET)
    etag TEXT,
    last_modified TEXT,
    every_s INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    last_poll TEXT,
    last_status INTEGER,
    last_success TEXT,
    last_error TEXT,
    last_error_at TEXT,
    -- failed polls in a row (0 after a success)
    failures INTEGER NOT NULL DEFAULT 0,
    next_poll TEXT,
    polls INTEGER NOT NULL DEFAULT 0,
    items INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
);
-- An item URL (as a feed lists it) or a canonical URL (as a page declares it), normalised.
-- A row counts once its batch is committed: batch is the fingerprint the article batch
-- writes to `sources` in its own transaction (NULL once settled).
CREATE TABLE live_seen (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    feed TEXT,
    article_id TEXT,
    outcome TEXT NOT NULL,
    batch TEXT,
    seen_at TEXT NOT NULL
);
CREATE INDEX live_seen_batch ON live_seen(batch);
CREATE TABLE live_robots (
    origin TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
