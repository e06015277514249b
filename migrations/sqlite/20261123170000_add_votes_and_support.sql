-- Support (+1) of notes and dot votes.

-- One row per participant backing a note; the key makes a repeated +1 a no-op.
CREATE TABLE note_supports (
    note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (note_id, participant_id)
);

CREATE TABLE votes (
    id TEXT PRIMARY KEY NOT NULL,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('notes', 'themes')),
    dots_per_participant INTEGER NOT NULL CHECK (dots_per_participant BETWEEN 1 AND 20),
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    -- JSON array of app::vote::VoteOption: a theme vote's themes as they were when it opened.
    options TEXT NOT NULL DEFAULT '[]',
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- At most one open vote per workshop, whatever the application does.
CREATE UNIQUE INDEX votes_one_open ON votes(workshop_id) WHERE state = 'open';
CREATE INDEX votes_workshop ON votes(workshop_id, opened_at);

-- A participant's dots on one target (a note or a theme id, so no foreign key).
CREATE TABLE vote_dots (
    vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    target_id TEXT NOT NULL,
    dots INTEGER NOT NULL CHECK (dots > 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (vote_id, participant_id, target_id)
);
