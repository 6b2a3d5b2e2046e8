-- The viewer role: a key for a wall screen (the dashboard's kiosk mode),
-- which reads statistics, counts and verdicts only, never a case id,
-- patient reference or note (Role.swift). SQLite cannot alter a CHECK
-- constraint: the table is rebuilt with every row as it was (same id), and
-- its triggers, which move api_key_generation, are created again. DROP
-- TABLE fires no DELETE trigger, so the generation does not move: every
-- cached key stays valid, as it is.
CREATE TABLE api_keys_0016 (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'reader', 'writer', 'admin')),
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    token_prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;
INSERT INTO api_keys_0016 (id, name, role, token_hash, token_prefix, created_at, revoked_at)
SELECT id, name, role, token_hash, token_prefix, created_at, revoked_at FROM api_keys ORDER BY id;
DROP TABLE api_keys;
ALTER TABLE api_keys_0016 RENAME TO api_keys;

CREATE TRIGGER api_keys_updated AFTER UPDATE ON api_keys
BEGIN UPDATE api_key_generation SET value = value + 1 WHERE only = 1; END;

CREATE TRIGGER api_keys_deleted AFTER DELETE ON api_keys
BEGIN UPDATE api_key_generation SET value = value + 1 WHERE only = 1; END;
