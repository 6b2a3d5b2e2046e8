-- What a dashboard shows of a case in a listing, from its latest revision's
-- evaluation: headline, warnings (code and severity), differential ids,
-- undetermined criteria per set, the first work-up step (JSON). Written in
-- the same transaction as the revision, so a listing never parses whole
-- evaluations. NULL for cases last written before this migration: their
-- next revision fills it.
ALTER TABLE cases ADD COLUMN digest TEXT;
