-- The change feed (GET /v1/changes): one row per case write, numbered in
-- commit order. The row is written in the same transaction as the write,
-- so a reader sees a change exactly when it sees the write: `seq` is never
-- skipped or repeated for a client that pages with `after`. Deletions stay
-- as tombstones (kind 'deleted'). Rows are never updated or removed.
CREATE TABLE case_changes (
    seq INTEGER PRIMARY KEY,                -- commit order; the feed cursor
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
    revision INTEGER NOT NULL,              -- the case's revision after the write (the last one for a deletion)
    at TEXT NOT NULL
) STRICT;

-- Cases written before this migration: one change each, describing their
-- state now, in the order of their last write.
INSERT INTO case_changes (case_id, kind, revision, at)
SELECT id,
       CASE WHEN deleted_at IS NOT NULL THEN 'deleted' WHEN revision > 1 THEN 'updated' ELSE 'created' END,
       revision, updated_at
FROM cases ORDER BY change_seq, pk;

CREATE TRIGGER case_changes_no_update BEFORE UPDATE ON case_changes
BEGIN SELECT RAISE(ABORT, 'the change feed is append-only'); END;

CREATE TRIGGER case_changes_no_delete BEFORE DELETE ON case_changes
BEGIN SELECT RAISE(ABORT, 'the change feed is append-only'); END;
