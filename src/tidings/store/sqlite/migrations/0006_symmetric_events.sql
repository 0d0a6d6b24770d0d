-- A mutual act (two sides meet, agree, cooperate) lists both sides as source, no target.
ALTER TABLE events ADD COLUMN symmetric INTEGER NOT NULL DEFAULT 0;
