-- What the last rebuild of a round's themes changed (JSON of app::model::report::
-- RebuildChanges): the analysis page says it to everyone who reads the round. NULL until a
-- round is built a second time, and again after a purge.
ALTER TABLE rounds ADD COLUMN rebuild_changes TEXT;
