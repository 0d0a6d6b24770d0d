-- PostgreSQL's twin of store/sqlite/migrations/0005_one_source_of_truth.sql: the same
-- columns. SQLite's step that moved mentions out of the articles' JSON has nothing to move
-- here (a PostgreSQL store starts at the current layout).
ALTER TABLE mentions ADD COLUMN position BIGINT;
ALTER TABLE rejects ADD COLUMN code TEXT COLLATE "C" NOT NULL DEFAULT 'T300';
