-- Terminology rows an operator imported (`poemsd terminology import FILE`).
CREATE TABLE terminology_rows (
    system text NOT NULL,
    code text NOT NULL,
    display text,
    kind text NOT NULL,
    target text NOT NULL,
    source text NOT NULL,
    evidence text NOT NULL,
    imported_at text NOT NULL,
    PRIMARY KEY (system, code)
);

-- CDS Hooks: the JWT ids already seen, shared by every instance, so that a
-- token replayed to any of them is refused until it expires (`expires_at`:
-- the token's exp, Unix seconds).
CREATE TABLE cds_token_ids (
    issuer text NOT NULL,
    jti text NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX cds_token_ids_expiry ON cds_token_ids (expires_at);

-- Card feedback: one row per card, outcome and outcome time.
CREATE TABLE cds_feedback (
    service text NOT NULL,
    card text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
    override_reason text,
    outcome_timestamp text NOT NULL,
    issuer text NOT NULL,
    received_at text NOT NULL,
    PRIMARY KEY (card, outcome, outcome_timestamp)
);
