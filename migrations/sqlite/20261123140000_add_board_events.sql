-- The live board: every change to a workshop is an event with the workshop's next sequence
-- number, so a client that reconnects catches up on exactly what it missed.

CREATE TABLE board_events (
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    -- JSON of app::live::Change.
    change TEXT NOT NULL,
    -- Set while private writing is on: only this participant (and facilitators) may see it.
    visible_to TEXT,
    -- The participant whose note this is about, so each viewer is told whether it is theirs.
    author_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (workshop_id, seq)
);

-- A duplicate merged into another note stays stored (nothing is lost) but leaves the board.
ALTER TABLE notes ADD COLUMN merged_into TEXT REFERENCES notes(id) ON DELETE SET NULL;

-- Private writing: participants see only their own notes until the facilitator reveals.
ALTER TABLE workshops ADD COLUMN private_mode INTEGER NOT NULL DEFAULT 0;
-- The countdown timer's end (RFC 3339), or NULL when no timer runs.
ALTER TABLE workshops ADD COLUMN timer_ends_at TEXT;
