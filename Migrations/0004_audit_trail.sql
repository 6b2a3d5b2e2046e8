-- The audit trail: who did what to which case, and every denied request.
-- Append-only: the triggers refuse any change or removal. Never findings or
-- patient references.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,              -- order of appending; the cursor
    at TEXT NOT NULL,
    key_name TEXT,                       -- NULL when no valid key was presented
    action TEXT NOT NULL,                -- case.read, case.create, ..., or denied
    method TEXT NOT NULL,
    route TEXT NOT NULL,                 -- the route pattern, never the query
    case_id TEXT,
    status INTEGER NOT NULL,
    request_id TEXT NOT NULL,
    client_address TEXT
) STRICT;

CREATE INDEX audit_events_case ON audit_events (case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX audit_events_key ON audit_events (key_name, id);
CREATE INDEX audit_events_at ON audit_events (at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
