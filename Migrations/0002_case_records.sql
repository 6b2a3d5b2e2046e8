-- Case records: one row per case, an append-only list of revisions, the
-- per-criteria-set verdicts and criterion statuses of each case's latest
-- revision (for filters and statistics), and idempotency keys.

CREATE TABLE cases (
    pk INTEGER PRIMARY KEY,                 -- creation order; the list cursor
    id TEXT NOT NULL UNIQUE,                -- opaque, URL-safe, public
    patient_ref TEXT,                       -- the EHR's identifier, as given
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,                        -- set by DELETE; the case then reads as 404
    revision INTEGER NOT NULL,              -- number of the latest revision
    change_seq INTEGER NOT NULL             -- global change counter at the last write
) STRICT;

CREATE INDEX cases_patient_ref ON cases (patient_ref) WHERE patient_ref IS NOT NULL;
CREATE INDEX cases_updated_at ON cases (updated_at);
CREATE INDEX cases_change_seq ON cases (change_seq);

CREATE TABLE revisions (
    case_pk INTEGER NOT NULL REFERENCES cases (pk),
    number INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    input TEXT NOT NULL,                    -- patient, findings, labs as accepted (JSON)
    note TEXT,
    evaluation TEXT NOT NULL,               -- the evaluation computed then (JSON)
    criteria_sets TEXT NOT NULL,            -- JSON array of the criteria-set ids evaluated
    engine_version TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    PRIMARY KEY (case_pk, number)
) STRICT;

-- Verdicts and criterion statuses of the latest revision of each live case.
CREATE TABLE case_verdicts (
    case_pk INTEGER NOT NULL REFERENCES cases (pk),
    criteria_set TEXT NOT NULL,
    verdict TEXT NOT NULL,
    PRIMARY KEY (case_pk, criteria_set)
) STRICT;

CREATE INDEX case_verdicts_by_verdict ON case_verdicts (criteria_set, verdict);

CREATE TABLE case_criteria (
    case_pk INTEGER NOT NULL REFERENCES cases (pk),
    criteria_set TEXT NOT NULL,
    criterion TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (case_pk, criteria_set, criterion)
) STRICT;

-- The global change counter, bumped by every write: a list's ETag.
CREATE TABLE change_counter (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    value INTEGER NOT NULL
) STRICT;
INSERT INTO change_counter (only, value) VALUES (1, 0);

-- Idempotency-Key of POST /v1/cases: the first response, replayed for the
-- same key and body.
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,              -- SHA-256 of the request body
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,                  -- JSON object of the response headers to replay
    body BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
