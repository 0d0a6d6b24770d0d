-- Equal entity weights are ordered by storyline (candidate themes) and by entity (a theme's
-- heaviest country), so both backends, and any history of the table, give the same answer.
CREATE INDEX storyline_entities_ranked ON storyline_entities(kind, entity, weight, storyline);
CREATE INDEX storyline_entities_heaviest ON storyline_entities(storyline, weight, entity);
DROP INDEX storyline_entities_entity;
DROP INDEX storyline_entities_weight;
