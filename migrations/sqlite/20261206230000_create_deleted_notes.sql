-- The workshop's trash: a note its facilitator deleted, kept so it can be restored (with
-- its theme and need, its +1s; its dots stay in vote_dots, which names targets by id) until
-- the round's retention purges it. A participant's deletion of their own note is final.
CREATE TABLE deleted_notes (
    -- The note's id: a restored note comes back as itself.
    id TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    -- JSON of the note as it was (see server/src/store/trash.rs).
    note TEXT NOT NULL,
    -- Who deleted it: the account's e-mail address.
    deleted_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deleted_notes_workshop ON deleted_notes(workshop_id, created_at);
