-- Accounts for facilitators, analysts and admins; their server-side sessions; the one-time
-- link that creates the first admin; and who else may work on (or read) a round.
-- Portable SQL (SQLite and PostgreSQL): text ids and times, integer booleans.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    -- Stored lower-cased, so sign-in ignores case.
    email TEXT NOT NULL UNIQUE,
    -- Argon2id PHC string (algorithm, parameters, salt and hash).
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'facilitator', 'analyst')),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: a leaked database does not sign anyone in.
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE setup_tokens (
    -- SHA-256 of the token in the printed setup link.
    token_hash TEXT PRIMARY KEY NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE round_grants (
    round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- 'facilitate' (a co-facilitator) or 'read' (an analyst).
    access TEXT NOT NULL CHECK (access IN ('facilitate', 'read')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (round_id, user_id)
);
CREATE INDEX round_grants_user ON round_grants(user_id);

-- The account that created the round. Rounds created before accounts keep their
-- owner_device and no owner_user: only admins open them. Both NULL: a demo round.
ALTER TABLE rounds ADD COLUMN owner_user TEXT REFERENCES users(id);
