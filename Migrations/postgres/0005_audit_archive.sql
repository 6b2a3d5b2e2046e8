-- Retention of the audit trail (`poemsd audit archive`), as on SQLite
-- (Migrations/0012_audit_archive.sql): the oldest events are moved into an
-- archive file and each cut is recorded here, naming the chain's head
-- before it (through_id, through_hash), which the first remaining event
-- names as its prev_hash.
CREATE TABLE audit_archive_cuts (
    through_id bigint PRIMARY KEY,       -- the last archived event
    through_hash text NOT NULL CHECK (length(through_hash) = 64),
    first_id bigint NOT NULL,            -- the first archived event
    from_hash text NOT NULL CHECK (length(from_hash) = 64),  -- its prev_hash: 64 zeros or the previous cut's through_hash
    events bigint NOT NULL,
    archive_event_id bigint NOT NULL,    -- the audit.archive event that records the cut (it stays)
    archived_at text NOT NULL,
    file_name text NOT NULL,             -- the archive file's name when written (no directory)
    file_sha256 text NOT NULL CHECK (length(file_sha256) = 64)
);

CREATE TRIGGER audit_archive_cuts_append_only BEFORE UPDATE OR DELETE ON audit_archive_cuts
FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER audit_archive_cuts_no_truncate BEFORE TRUNCATE ON audit_archive_cuts
FOR EACH STATEMENT EXECUTE FUNCTION append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_archive_cuts FROM PUBLIC, CURRENT_USER;

-- A cut is recorded only as the archive command records it, in the
-- transaction that moves the events: from the first event left up to an
-- existing event (with its hash), the trail ending with the audit.archive
-- event appended in the same transaction.
CREATE FUNCTION audit_archive_cut_consistent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    oldest audit_events;
    newest audit_events;
BEGIN
    SELECT * INTO oldest FROM audit_events ORDER BY id LIMIT 1;
    SELECT * INTO newest FROM audit_events ORDER BY id DESC LIMIT 1;
    IF NEW.first_id IS DISTINCT FROM oldest.id
       OR NEW.from_hash IS DISTINCT FROM oldest.prev_hash
       OR NEW.through_id < NEW.first_id
       OR NEW.through_hash IS DISTINCT FROM (SELECT hash FROM audit_events WHERE id = NEW.through_id)
       OR NEW.events IS DISTINCT FROM (SELECT count(*) FROM audit_events WHERE id BETWEEN NEW.first_id AND NEW.through_id)
       OR NEW.archive_event_id IS DISTINCT FROM newest.id
       OR NEW.archive_event_id <= NEW.through_id
       OR newest.action IS DISTINCT FROM 'audit.archive' THEN
        RAISE EXCEPTION 'an archive cut covers the first events of the trail up to an existing one, recorded by the audit.archive event at its end'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_archive_cuts_consistent BEFORE INSERT ON audit_archive_cuts
FOR EACH ROW EXECUTE FUNCTION audit_archive_cut_consistent();

-- Events are still never updated; they are removed only when a recorded
-- cut covers them (the archive command records the cut, then deletes the
-- events through it, in one transaction, granting itself DELETE for that
-- transaction only). The row trigger keeps refusing updates; deletions are
-- checked once per statement, on the rows it removed.
DROP TRIGGER audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events
FOR EACH ROW EXECUTE FUNCTION append_only();

CREATE FUNCTION audit_events_delete_archived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM removed WHERE id > coalesce((SELECT max(through_id) FROM audit_archive_cuts), 0)) THEN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_events_no_delete AFTER DELETE ON audit_events
REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_delete_archived();
