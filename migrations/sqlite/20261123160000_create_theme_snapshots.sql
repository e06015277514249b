-- The workshop's themes before each change, so the facilitator can undo the last changes.
CREATE TABLE theme_snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    -- JSON array of app::model::Theme.
    themes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX theme_snapshots_workshop ON theme_snapshots(workshop_id, id);
