-- The analyst's view of a round: which round it is compared with, when it was last
-- clustered as a whole, and a theme identity that lasts across rounds.

ALTER TABLE rounds ADD COLUMN previous_round_id TEXT REFERENCES rounds(id) ON DELETE SET NULL;
ALTER TABLE rounds ADD COLUMN clustered_at TEXT;
-- The granularity of the last round-wide clustering, so a re-run starts where it was.
ALTER TABLE rounds ADD COLUMN granularity REAL NOT NULL DEFAULT 0.5;

-- Names are left out of every report and export of an anonymous workshop.
ALTER TABLE workshops ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0;

-- A round theme (workshop_id NULL) that continues a theme of the previous round, or of an
-- earlier run of the same round, keeps that theme's lineage: the id reports show.
ALTER TABLE themes ADD COLUMN lineage_id TEXT;
CREATE INDEX themes_round ON themes(round_id, workshop_id);
