-- Case purge (`poemsd cases purge ID --reason CODE`): an administrator
-- removes a case's clinical content for good. The case row stays as a
-- tombstone, with `purged_at` set (and `deleted_at`, so that every read of
-- live cases skips it): its id stays known, reads of it answer 410 Gone,
-- and it is never reused. Its revisions, verdict and criterion rows and
-- idempotency records are deleted, its patient reference and digest
-- cleared, in one transaction with a `purged` change and the `case.purge`
-- audit event. Nothing here stores clinical content.
ALTER TABLE cases ADD COLUMN purged_at TEXT;

-- The change feed takes the kind 'purged'. SQLite cannot alter a CHECK
-- constraint: the table is rebuilt with every row as it was (same seq),
-- and its append-only triggers are created again. DROP TABLE fires no
-- DELETE trigger.
CREATE TABLE case_changes_0013 (
    seq INTEGER PRIMARY KEY,                -- commit order; the feed cursor
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted', 'purged')),
    revision INTEGER NOT NULL,              -- the case's revision after the write (the last one for a deletion or purge)
    at TEXT NOT NULL
) STRICT;
INSERT INTO case_changes_0013 (seq, case_id, kind, revision, at) SELECT seq, case_id, kind, revision, at FROM case_changes ORDER BY seq;
DROP TABLE case_changes;
ALTER TABLE case_changes_0013 RENAME TO case_changes;

CREATE TRIGGER case_changes_no_update BEFORE UPDATE ON case_changes
BEGIN SELECT RAISE(ABORT, 'the change feed is append-only'); END;

CREATE TRIGGER case_changes_no_delete BEFORE DELETE ON case_changes
BEGIN SELECT RAISE(ABORT, 'the change feed is append-only'); END;
