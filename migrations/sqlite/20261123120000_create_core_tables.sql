-- Rounds, workshops, participants, notes, and (filled by clustering) themes.
-- Ids are UUIDs stored as text; times are RFC 3339 UTC strings written by the server.

CREATE TABLE rounds (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    -- SHA-256 of the creating browser's device token; NULL for the demo round (open to all).
    owner_device TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE workshops (
    id TEXT PRIMARY KEY NOT NULL,
    round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    sector TEXT NOT NULL,
    held_on TEXT,
    -- JSON array of the prompt questions, in order.
    prompts TEXT NOT NULL DEFAULT '[]',
    join_code TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'locked')),
    -- The last sequence number handed out to a note of this workshop.
    last_seq INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX workshops_round ON workshops(round_id);

CREATE TABLE participants (
    id TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    device TEXT NOT NULL,
    display_name TEXT,
    organisation TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (workshop_id, device)
);

CREATE TABLE notes (
    -- Made by the browser, so a resent note is recognised.
    id TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    author_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (workshop_id, seq)
);

CREATE TABLE themes (
    id TEXT PRIMARY KEY NOT NULL,
    round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    -- NULL for a theme of the whole round (clustered across its workshops).
    workshop_id TEXT REFERENCES workshops(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_locked INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX themes_workshop ON themes(workshop_id);

CREATE TABLE note_themes (
    theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    pinned INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (theme_id, note_id)
);
CREATE INDEX note_themes_note ON note_themes(note_id);
