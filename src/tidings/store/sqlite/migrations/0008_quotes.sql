-- Quotes (issue 16): one row per quote of an article, with its fragments, cue and speaker.
-- The table is the only copy of an article's quotes (the article's JSON data has none).
CREATE TABLE quotes (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid),
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    fragments TEXT NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text TEXT,
    speaker_id TEXT,
    speaker_name TEXT,
    speaker_role TEXT,
    confidence REAL NOT NULL,
    version TEXT,
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_article ON quotes(article_id);
