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
