-- API keys: who may call the API, and with which role. Only the SHA-256 hash
-- of a token is stored (hex); the token itself is shown once, when created.
-- `token_prefix` is its first 12 characters, not secret, for telling keys
-- apart in listings. A key with `revoked_at` set never authenticates again.
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('reader', 'writer', 'admin')),
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    token_prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    last_used_at TEXT
) STRICT;
