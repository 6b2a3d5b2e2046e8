-- Authenticated keys are cached in memory by each server. Any change to a
-- key (revocation) moves this counter; a server that sees it move drops its
-- cache, so a revocation takes effect within a second everywhere.
CREATE TABLE api_key_generation (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    value INTEGER NOT NULL
) STRICT;
INSERT INTO api_key_generation (only, value) VALUES (1, 0);

CREATE TRIGGER api_keys_updated AFTER UPDATE ON api_keys
BEGIN UPDATE api_key_generation SET value = value + 1 WHERE only = 1; END;

CREATE TRIGGER api_keys_deleted AFTER DELETE ON api_keys
BEGIN UPDATE api_key_generation SET value = value + 1 WHERE only = 1; END;

-- Never written: who used a key when is in the audit trail.
ALTER TABLE api_keys DROP COLUMN last_used_at;
