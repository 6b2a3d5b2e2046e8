-- The audit trail: who did what to which case, and every denied request.
-- Never findings or patient references. Append-only: the privileges to
-- change or remove rows are revoked, and a trigger refuses it for anyone
-- (an owner or superuser who granted them back). The change feed is kept
-- the same way. A hash chain, as on SQLite (AuditChain, canonical form 1):
-- each event stores the previous event's hash and SHA-256 over that and
-- its own fields, so `poemsd audit verify` finds a row changed, removed or
-- inserted behind the triggers' back.
CREATE TABLE audit_events (
    id bigint PRIMARY KEY,               -- order of appending; the cursor (from audit_counter)
    at text NOT NULL,
    key_name text,                       -- NULL when no valid key was presented
    action text NOT NULL,
    method text NOT NULL,
    route text NOT NULL,                 -- the route pattern, never the query
    case_id text,
    status integer NOT NULL,
    request_id text NOT NULL,
    client_address text,
    prev_hash text NOT NULL CHECK (length(prev_hash) = 64),
    hash text NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX audit_events_case ON audit_events (case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX audit_events_key ON audit_events (key_name, id);
CREATE INDEX audit_events_at ON audit_events (at);

-- The chain's head: event ids are taken from `value`, and each event is
-- chained to `hash`, under this row's lock, held to the commit. Events of
-- every instance therefore commit one batch at a time in id order, each
-- linked to the one before (a client paging with `after` misses none).
CREATE TABLE audit_counter (
    id integer PRIMARY KEY CHECK (id = 1),
    value bigint NOT NULL,
    hash text NOT NULL CHECK (length(hash) = 64)
);
INSERT INTO audit_counter (id, value, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION append_only();
CREATE TRIGGER case_changes_append_only BEFORE UPDATE OR DELETE ON case_changes
FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER case_changes_no_truncate BEFORE TRUNCATE ON case_changes
FOR EACH STATEMENT EXECUTE FUNCTION append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, case_changes FROM PUBLIC, CURRENT_USER;
