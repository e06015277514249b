-- A round's priority areas: needs and round themes an analyst who runs the round marked
-- from the ranking of needs by sectors and support (issue 33). They name the need or theme
-- by the id reports show (a need's id, a theme's lineage), which rebuilds keep while it is
-- the same need or theme; the name it had when marked is kept so a mark whose need a
-- rebuild took away can still be named.
CREATE TABLE priority_areas (
    round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    target_id TEXT NOT NULL,
    -- 'need' or 'theme'.
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    -- Who marked it: the account's e-mail address.
    marked_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (round_id, target_id)
);
