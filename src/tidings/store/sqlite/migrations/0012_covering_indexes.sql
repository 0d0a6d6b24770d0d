-- Indexes that hold what a server's busiest reads need, so they read no table rows: a search
-- page's facets (the entities and the event types of its first 500 articles) and a page of
-- events of one type, newest first (its order is sorted from the index alone).
CREATE INDEX mentions_article_entity ON mentions(article_rowid, entity_id);
CREATE INDEX events_article_type ON events(article_rowid, type);
CREATE INDEX events_type_days ON events(type, day_first, day_last, article_rowid, idx);
DROP INDEX events_type;
-- An actor filter finds its events through their actors' codes and countries (as through
-- their entity ids), instead of reading every event's list of codes.
CREATE INDEX event_actors_code ON event_actors(code);
CREATE INDEX event_actors_country ON event_actors(country);
