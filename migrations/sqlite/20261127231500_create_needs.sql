-- Needs: the finer grain of clustering, nested in a theme (a few notes that state the same
-- need). A note of a theme belongs to at most one of its needs; a person may rename a need
-- (the name is then kept by re-runs). Needs go with their theme (and so with a purge).
CREATE TABLE needs (
    id TEXT PRIMARY KEY NOT NULL,
    theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_locked INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    -- JSON array of the words that set the need apart.
    terms TEXT NOT NULL DEFAULT '[]',
    example_note_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX needs_theme ON needs(theme_id, position);

-- The need of the theme that holds the note (NULL: in the theme, in none of its needs).
ALTER TABLE note_themes ADD COLUMN need_id TEXT REFERENCES needs(id) ON DELETE SET NULL;
