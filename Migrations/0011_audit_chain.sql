-- The audit trail becomes a hash chain (AuditChain.swift defines the
-- canonical form): each event stores the hash of the event before it
-- (prev_hash) and its own (hash), both 64 lowercase hex digits, so that
-- `poemsd audit verify` finds a row changed, removed or inserted out of
-- place, even by someone who dropped the triggers.
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;

-- Events written before this migration are chained in id order by the
-- Swift step `audit-chain` (SQLite has no SHA-256), in this migration's
-- transaction, with the no-update trigger lifted for that step only.
DROP TRIGGER audit_events_no_update;
-- poemsd:step audit-chain
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- An event is appended only at the end (an id above every stored one),
-- linked to the last event's hash (the first to 64 zeros), with both
-- hashes. This refuses INSERT OR REPLACE and REPLACE, which would
-- otherwise overwrite an event without firing the delete trigger, and an
-- insert without an explicit id.
CREATE TRIGGER audit_events_append_only BEFORE INSERT ON audit_events
WHEN NEW.id <= coalesce((SELECT max(id) FROM audit_events), 0)
  OR NEW.hash IS NULL OR length(NEW.hash) <> 64
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1),
                                   '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'audit events are only appended, at the end of the chain'); END;
