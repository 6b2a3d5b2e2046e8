-- Retention of the audit trail (`poemsd audit archive`): the oldest events
-- are moved into an archive file, and each such cut is recorded here. The
-- file and this row both name the chain's head before the cut
-- (through_id, through_hash): the first event left in `audit_events`
-- names through_hash as its prev_hash, so the remaining chain is verified
-- from the last cut, and the archive files from the first event (or a cut)
-- up to it (`poemsd audit verify --archive FILE`).
CREATE TABLE audit_archive_cuts (
    through_id INTEGER PRIMARY KEY,      -- the last archived event
    through_hash TEXT NOT NULL,          -- its hash: the head before the cut
    first_id INTEGER NOT NULL,           -- the first archived event
    from_hash TEXT NOT NULL,             -- its prev_hash: 64 zeros or the previous cut's through_hash
    events INTEGER NOT NULL,             -- how many were archived
    archive_event_id INTEGER NOT NULL,   -- the audit.archive event that records the cut (it stays)
    archived_at TEXT NOT NULL,
    file_name TEXT NOT NULL,             -- the archive file's name when written (no directory)
    file_sha256 TEXT NOT NULL            -- SHA-256 of the whole file, lowercase hex
) STRICT;

CREATE TRIGGER audit_archive_cuts_no_update BEFORE UPDATE ON audit_archive_cuts
BEGIN SELECT RAISE(ABORT, 'archive cuts are append-only'); END;

CREATE TRIGGER audit_archive_cuts_no_delete BEFORE DELETE ON audit_archive_cuts
BEGIN SELECT RAISE(ABORT, 'archive cuts are append-only'); END;

-- A cut is recorded only as the archive command records it, in the
-- transaction that moves the events: it covers the trail's first events,
-- from the first one left up to an existing event (with that event's
-- hash), and the last event of the trail is the audit.archive event that
-- records it, appended in the same transaction.
CREATE TRIGGER audit_archive_cuts_consistent BEFORE INSERT ON audit_archive_cuts
WHEN NEW.first_id IS NOT (SELECT min(id) FROM audit_events)
  OR NEW.from_hash IS NOT (SELECT prev_hash FROM audit_events ORDER BY id LIMIT 1)
  OR NEW.through_id < NEW.first_id
  OR NEW.through_hash IS NOT (SELECT hash FROM audit_events WHERE id = NEW.through_id)
  OR NEW.events IS NOT (SELECT count(*) FROM audit_events WHERE id BETWEEN NEW.first_id AND NEW.through_id)
  OR NEW.archive_event_id IS NOT (SELECT max(id) FROM audit_events)
  OR NEW.archive_event_id <= NEW.through_id
  OR (SELECT action FROM audit_events ORDER BY id DESC LIMIT 1) IS NOT 'audit.archive'
BEGIN SELECT RAISE(ABORT, 'an archive cut covers the first events of the trail up to an existing one, recorded by the audit.archive event at its end'); END;

-- Events are still never removed, except those a recorded cut covers: the
-- archive command records the cut, then deletes the events through it, in
-- one transaction. Any other deletion is refused as before.
DROP TRIGGER audit_events_no_delete;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
WHEN OLD.id > coalesce((SELECT max(through_id) FROM audit_archive_cuts), 0)
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
