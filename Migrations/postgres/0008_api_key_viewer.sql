-- The viewer role: a key for a wall screen (the dashboard's kiosk mode),
-- which reads statistics, counts and verdicts only, never a case id,
-- patient reference or note (Role.swift), as the SQLite migration 0015.
ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('viewer', 'reader', 'writer', 'admin'));
