-- The work-up page: the key of the capability links (WorkupCapability.swift).
-- A CDS card's link to /workup carries the evaluation input encrypted and
-- authenticated under this key (AES-256-GCM), with its expiry; the page
-- posts it back, and any instance on this database opens it. One row, made
-- here once (256 bits from SQLite's randomness source), unless
-- --workup-capability-key-file names a key instead. Whoever can read the
-- database can open a link made under it (they can read the cases anyway)
-- and make links (docs/security-capability-links.md). Rotation: replace
-- key_hex; every link made before stops opening.
CREATE TABLE workup_capability_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_hex TEXT NOT NULL CHECK (length(key_hex) = 64)
) STRICT;

INSERT INTO workup_capability_key (id, key_hex) VALUES (1, lower(hex(randomblob(32))));
