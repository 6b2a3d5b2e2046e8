-- Revisions keep the evaluation without the static treatment-evidence
-- tables: `treatment_evidence` names the selection (slug and version, e.g.
-- `treatment-evidence/v1/solitary`) that reads attach again. NULL on rows
-- written before this migration, whose `evaluation` is the whole document.
ALTER TABLE revisions ADD COLUMN treatment_evidence TEXT;

-- An idempotency key of a create refers to the case it created; its
-- response is rendered again from revision 1 for a replay. Rows written
-- before this migration keep the response in `body`.
ALTER TABLE idempotency_keys ADD COLUMN case_pk INTEGER REFERENCES cases (pk);
