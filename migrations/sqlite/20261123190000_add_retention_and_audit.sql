-- Data protection of a round: how long its notes are kept, when its archive was last
-- exported and when its notes were purged, and an audit log of those acts.

-- The last day the notes are kept (YYYY-MM-DD), or NULL when no date is set.
ALTER TABLE rounds ADD COLUMN retain_until TEXT;
ALTER TABLE rounds ADD COLUMN archived_at TEXT;
ALTER TABLE rounds ADD COLUMN purged_at TEXT;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Not a foreign key: the entry must outlive what it describes.
    round_id TEXT NOT NULL,
    -- 'retention', 'archive' or 'purge'.
    action TEXT NOT NULL,
    -- Who did it: for now a short prefix of the device hash (accounts will name the person).
    actor TEXT NOT NULL,
    -- JSON of app::retention::AuditDetail (e.g. the counts a purge removed).
    detail TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX audit_log_round ON audit_log(round_id, id);
