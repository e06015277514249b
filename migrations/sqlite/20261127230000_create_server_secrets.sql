-- Secrets the server makes itself and every instance must share, such as the key that signs
-- device cookies. Made once, on the first start that needs one.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    -- Hex digits.
    value TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
