-- PostgreSQL schema of poemsd, part 1: the service's own facts and the case
-- records. The same tables as the SQLite migrations 0001-0010 describe,
-- written for several poemsd processes writing at once. Timestamps are
-- text in the stored form `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC), as in SQLite, so
-- that they sort as text and read back byte for byte.

-- The current time in the stored form.
CREATE FUNCTION poemsd_now() RETURNS text LANGUAGE sql VOLATILE AS
$$ SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

CREATE TABLE service_metadata (
    key text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO service_metadata (key, value) VALUES ('application', 'poemsd'), ('created_at', poemsd_now());

-- One row per case; `pk` is creation order and the listing cursor.
CREATE TABLE cases (
    pk bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,                -- opaque, URL-safe, public
    patient_ref text,                       -- the EHR's identifier, as given
    created_at text NOT NULL,
    updated_at text NOT NULL,
    deleted_at text,                        -- set by DELETE; the case then reads as 404
    revision integer NOT NULL,              -- number of the latest revision
    digest text                             -- what a listing shows (JSON, opaque here)
);
CREATE INDEX cases_patient_ref ON cases (patient_ref) WHERE patient_ref IS NOT NULL;
CREATE INDEX cases_updated_at ON cases (updated_at);

-- Append-only revisions of each case.
CREATE TABLE revisions (
    case_pk bigint NOT NULL REFERENCES cases (pk),
    number integer NOT NULL,
    created_at text NOT NULL,
    input text NOT NULL,                    -- patient, findings, labs as accepted (JSON)
    note text,
    evaluation text NOT NULL,               -- the evaluation computed then, without the treatment-evidence tables (JSON)
    criteria_sets text NOT NULL,            -- JSON array of the criteria-set ids evaluated
    engine_version text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    treatment_evidence text,                -- slug and version of the treatment-evidence selection
    PRIMARY KEY (case_pk, number)
);

-- Verdicts and criterion statuses of the latest revision of each live case.
CREATE TABLE case_verdicts (
    case_pk bigint NOT NULL REFERENCES cases (pk),
    criteria_set text NOT NULL,
    verdict text NOT NULL,
    PRIMARY KEY (case_pk, criteria_set)
);
CREATE INDEX case_verdicts_by_verdict ON case_verdicts (criteria_set, verdict);

CREATE TABLE case_criteria (
    case_pk bigint NOT NULL REFERENCES cases (pk),
    criteria_set text NOT NULL,
    criterion text NOT NULL,
    status text NOT NULL,
    PRIMARY KEY (case_pk, criteria_set, criterion)
);

-- Idempotency-Key of POST /v1/cases (scoped by the handler to the API
-- key): claimed with INSERT ... ON CONFLICT before the case is written, so
-- that one key yields one case whichever instance each retry reaches.
CREATE TABLE idempotency_keys (
    key text PRIMARY KEY,
    fingerprint text NOT NULL,              -- SHA-256 of the request body
    case_id text NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED,
    created_at text NOT NULL
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- The change feed's counter: the seq of the latest change, and a listing's
-- ETag. A transaction that appends changes takes `seq` values from it with
-- one UPDATE, whose row lock it holds until it commits: feed rows therefore
-- commit in seq order across every process (a reader that sees seq 12 has
-- seen seq 11), and a rolled-back write leaves no gap.
CREATE TABLE change_counter (
    id integer PRIMARY KEY CHECK (id = 1),
    value bigint NOT NULL
);
INSERT INTO change_counter (id, value) VALUES (1, 0);

-- The change feed (GET /v1/changes): one row per case write, in commit order.
CREATE TABLE case_changes (
    seq bigint PRIMARY KEY,
    case_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
    revision integer NOT NULL,
    at text NOT NULL
);
