-- Case purge (`poemsd cases purge ID --reason CODE`), as SQLite migration
-- 0013 describes: the case row stays as a tombstone with `purged_at` (and
-- `deleted_at`) set, and the change feed takes the kind 'purged'.
ALTER TABLE cases ADD COLUMN purged_at text;

-- NOT VALID: the rows already stored passed the narrower check, so the
-- table is not scanned (under its exclusive lock); new rows are checked.
ALTER TABLE case_changes DROP CONSTRAINT case_changes_kind_check;
ALTER TABLE case_changes ADD CONSTRAINT case_changes_kind_check
    CHECK (kind IN ('created', 'updated', 'deleted', 'purged')) NOT VALID;
