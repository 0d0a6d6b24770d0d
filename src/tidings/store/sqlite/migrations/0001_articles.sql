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
