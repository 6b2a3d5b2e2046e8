-- API keys: only the SHA-256 hash of a token is stored (hex). Any change to
-- a key moves `api_key_generation`; every instance that sees it move drops
-- its cache of authenticated keys, so a revocation takes effect everywhere
-- within a second.
CREATE TABLE api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('reader', 'writer', 'admin')),
    token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    token_prefix text NOT NULL,
    created_at text NOT NULL,
    revoked_at text
);

CREATE TABLE api_key_generation (
    id integer PRIMARY KEY CHECK (id = 1),
    value bigint NOT NULL
);
INSERT INTO api_key_generation (id, value) VALUES (1, 0);

CREATE FUNCTION api_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE api_key_generation SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE ON api_keys
FOR EACH STATEMENT EXECUTE FUNCTION api_keys_changed();
