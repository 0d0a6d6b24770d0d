-- Mentions and events live in their tables only: the articles' JSON `data` column no longer
-- holds copies of them. `mentions.position` keeps each mention's index in the article (the
-- per-article entities point at mentions by index). Rejects keep their problem code.
ALTER TABLE mentions ADD COLUMN position INTEGER;
UPDATE mentions SET position = (
    SELECT CAST(j.key AS INTEGER)
    FROM articles a, json_each(a.data, '$.mentions') j
    WHERE a.rowid = mentions.article_rowid
      AND json_extract(j.value, '$.start') = mentions.start
      AND json_extract(j.value, '$.end') = mentions.end
    LIMIT 1
);
UPDATE articles SET data = json_remove(data, '$.mentions', '$.events');
ALTER TABLE rejects ADD COLUMN code TEXT NOT NULL DEFAULT 'T300';
