-- Storylines: stories linked over months, by an actor pair (kind 'dyad') or by shared
-- entities and content (kind 'theme'). Kept up to date by the corpus stage `storylines` with
-- deltas: each story's contribution to a storyline is stored beside it, so a story that
-- changes is taken out and put back in, and nothing is recounted from the whole store.
CREATE TABLE storylines (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    -- JSON: the two sides of a dyad ([{code, name, members: [{id, name, code}]}]), or []
    actors TEXT NOT NULL,
    stories INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    -- the first and last month with an article (events may be dated outside: a report
    -- of 2011 on an act of 2005)
    first_month TEXT,
    last_month TEXT,
    -- a theme's sum of its stories' unit vectors (float32), for the next story to meet
    centroid BLOB,
    -- the sum of the squares of its entity weights (kept with every change: a story's
    -- entity cosine with it needs only the weights of the story's own entities)
    entity_norm2 REAL NOT NULL DEFAULT 0,
    version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX storylines_kind ON storylines(kind, stories);
-- Each story in each storyline: why it joined and what it adds (JSON: months, entities,
-- actors, articles), and its vector for a theme (so a change can be taken back out).
CREATE TABLE storyline_stories (
    storyline TEXT NOT NULL,
    story TEXT NOT NULL,
    kind TEXT NOT NULL,
    score REAL,
    signals TEXT NOT NULL,
    contribution TEXT NOT NULL,
    vector BLOB,
    PRIMARY KEY (storyline, story)
);
CREATE INDEX storyline_stories_story ON storyline_stories(story);
-- Per storyline and month ('YYYY-MM', or 'undated'): merged events by quad class (each
-- counted once per independent source), the sum and weight of their cooperation-conflict
-- scores, and the article volume and independent sources of its stories that month.
CREATE TABLE storyline_months (
    storyline TEXT NOT NULL,
    month TEXT NOT NULL,
    verbal_cooperation REAL NOT NULL,
    material_cooperation REAL NOT NULL,
    verbal_conflict REAL NOT NULL,
    material_conflict REAL NOT NULL,
    events REAL NOT NULL,
    score_sum REAL NOT NULL,
    score_weight REAL NOT NULL,
    volume REAL NOT NULL,
    sources REAL NOT NULL,
    PRIMARY KEY (storyline, month)
);
-- The key entities of each storyline with their summed mention weights (the theme matcher
-- finds candidate themes here; --entity filters here).
CREATE TABLE storyline_entities (
    storyline TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (storyline, entity)
);
CREATE INDEX storyline_entities_entity ON storyline_entities(kind, entity, weight);
CREATE INDEX storyline_entities_weight ON storyline_entities(storyline, weight);
