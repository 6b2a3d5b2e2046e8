-- The work-up page: the key of the capability links (WorkupCapability.swift),
-- shared by every instance, as the SQLite migration 0015 describes. Made
-- here once from two gen_random_uuid() values (pg_strong_random: 244 random
-- bits in 64 hexadecimal digits).
CREATE TABLE workup_capability_key (
    id integer PRIMARY KEY CHECK (id = 1),
    key_hex text NOT NULL CHECK (length(key_hex) = 64)
);

INSERT INTO workup_capability_key (id, key_hex)
VALUES (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
