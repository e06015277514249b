-- A board's notes each count the duplicates merged into them: without this index (which the
-- PostgreSQL schema has had from the start) that count scans every note, so reading a board
-- took time growing with the square of its notes (about a second at 1,500 notes), once per
-- socket catching up. The dot totals per target get the same index PostgreSQL has.
CREATE INDEX notes_merged_into ON notes(merged_into);
CREATE INDEX vote_dots_target ON vote_dots(target_id);
