-- CDS Hooks: the key of the card uuids (CDSCardIdentifier.swift). A card's
-- uuid carries an HMAC under this key, so that the feedback endpoint tells
-- a card this service issued from any other uuid without storing cards.
-- One row, made here once (256 bits from SQLite's randomness source, which
-- is seeded from the operating system's), and read by every instance on
-- this database. Whoever can read the database can make valid uuids: that
-- lets them send feedback for cards never shown, nothing more.
CREATE TABLE cds_card_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_hex TEXT NOT NULL CHECK (length(key_hex) = 64)
) STRICT;

INSERT INTO cds_card_key (id, key_hex) VALUES (1, lower(hex(randomblob(32))));
