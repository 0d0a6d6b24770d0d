-- The corpus layer: near-duplicate groups, stories, their members and merged events.
-- Corpus stages read the articles after their watermark (corpus_progress.last_rowid) in rowid
-- order and write their rows and the new watermark in one transaction per chunk.
CREATE TABLE corpus_progress (
    stage TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    last_rowid INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
-- One row per article: its MinHash signature and the group it belongs to (canonical = the
-- rowid of the group's first article, itself for an original).
CREATE TABLE duplicates (
    rowid INTEGER PRIMARY KEY,
    canonical INTEGER NOT NULL,
    similarity REAL NOT NULL,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX duplicates_canonical ON duplicates(canonical);
-- LSH band keys of every article's signature: candidates share at least one key.
CREATE TABLE dedup_bands (
    key INTEGER NOT NULL,
    rowid INTEGER NOT NULL
);
CREATE INDEX dedup_bands_key ON dedup_bands(key);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    first_published TEXT,
    last_published TEXT,
    langs TEXT NOT NULL,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    entities TEXT NOT NULL,
    version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_last_published ON stories(last_published);
-- Why each article is in its story: the score, the member it matched and the signals.
CREATE TABLE story_members (
    rowid INTEGER PRIMARY KEY,
    story TEXT NOT NULL,
    score REAL NOT NULL,
    via INTEGER,
    signals TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story);
-- The first and last day of each story's dated members, kept as they join (the date gate
-- reads it for every new article).
CREATE TABLE story_spans (
    story TEXT PRIMARY KEY,
    first_day INTEGER NOT NULL,
    last_day INTEGER NOT NULL
);
-- An article's story vector and what its pairs are scored on besides it: its language, day number
-- (proleptic ordinal, NULL when undated), its entity ids, space-separated, and its located
-- acts (JSON: [type, actor ids, country of the place]) and the figures of its lead.
CREATE TABLE story_vectors (
    rowid INTEGER PRIMARY KEY,
    vector BLOB NOT NULL,
    model TEXT NOT NULL,
    lang TEXT,
    day INTEGER,
    entities TEXT NOT NULL,
    events TEXT NOT NULL,
    numbers TEXT NOT NULL
);
CREATE TABLE merged_events (
    id INTEGER PRIMARY KEY,
    story TEXT NOT NULL,
    idx INTEGER NOT NULL,
    data TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX merged_events_story ON merged_events(story);
