-- Idempotency records written before migration 0005 held a create's whole
-- response (status, header fields with its Location, body); those written
-- since refer to the case they created (case_pk), whose revision 1 a replay
-- renders again. The older records now refer to their case like the later
-- ones, so that one form remains: the case their Location names.
UPDATE idempotency_keys
SET case_pk = (SELECT pk FROM cases WHERE id = substr(json_extract(headers, '$.Location'), length('/v1/cases/') + 1))
WHERE case_pk IS NULL AND json_valid(headers) AND json_extract(headers, '$.Location') LIKE '/v1/cases/%';

-- A record whose Location names no case (none should remain: a purge
-- removes its case's record) answers no retry: removed, the retry it would
-- have answered is processed anew, as one whose record expired.
DELETE FROM idempotency_keys WHERE case_pk IS NULL;
