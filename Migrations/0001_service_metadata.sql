-- Facts about this database itself, written once when it is created.
CREATE TABLE service_metadata (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO service_metadata (key, value) VALUES
    ('application', 'poemsd'),
    ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
