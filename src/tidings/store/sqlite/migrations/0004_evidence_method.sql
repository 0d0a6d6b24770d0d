ALTER TABLE event_evidence ADD COLUMN method TEXT NOT NULL DEFAULT 'lexicon';
