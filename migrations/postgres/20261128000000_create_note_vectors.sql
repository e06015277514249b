-- One sentence vector per note, made off the write path by the embedding worker
-- (server/src/embedding) from the note's text. A vector whose text_sha256 no longer matches
-- the note's text is stale (the note was edited) and is replaced; one made by another model
-- counts as missing. It goes with its note (deleted by the author or the facilitator, or
-- purged with the round).
CREATE TABLE note_vectors (
    note_id TEXT PRIMARY KEY NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    -- The model that made the vector (its file name).
    model TEXT NOT NULL,
    -- SHA-256 (hex) of the text the vector was made from.
    text_sha256 TEXT NOT NULL,
    -- The vector's values as little-endian f32, L2-normalised.
    vector BYTEA NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
