-- Terminology rows an operator imported (`poemsd terminology import FILE`):
-- (code system, code) -> what poemsd reads from a FHIR resource so coded.
-- The seed rows ship in the binary; a row here wins over a seed row with the
-- same (system, code). `kind`, `target` and `evidence` are validated by the
-- importer against the running engine (see README, "Terminology map").
CREATE TABLE terminology_rows (
    system TEXT NOT NULL,
    code TEXT NOT NULL,
    display TEXT,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    source TEXT NOT NULL,
    evidence TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (system, code)
) STRICT;
