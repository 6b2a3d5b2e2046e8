-- CDS Hooks: the JWT ids already seen, so that a replayed token is refused
-- until it expires, across restarts (`expires_at`: the token's exp, Unix
-- seconds; rows past it are purged). Nothing of the token itself is stored.
CREATE TABLE cds_token_ids (
    issuer TEXT NOT NULL,
    jti TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (issuer, jti)
) STRICT;
CREATE INDEX cds_token_ids_expiry ON cds_token_ids (expires_at);

-- Card feedback (`POST /cds-services/{id}/feedback`): one row per card,
-- outcome and outcome time, so that a retried call is stored once. The
-- clinician's free-text comment is not stored (it may name the patient).
CREATE TABLE cds_feedback (
    service TEXT NOT NULL,
    card TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
    override_reason TEXT,
    outcome_timestamp TEXT NOT NULL,
    issuer TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (card, outcome, outcome_timestamp)
) STRICT;
