-- What clustering says about a theme: its distinguishing words, its most central note, and
-- whether it is the "Other / unsorted" group.
ALTER TABLE themes ADD COLUMN terms TEXT NOT NULL DEFAULT '[]';
ALTER TABLE themes ADD COLUMN example_note_id TEXT;
ALTER TABLE themes ADD COLUMN unsorted INTEGER NOT NULL DEFAULT 0;
