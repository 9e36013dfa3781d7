-- Dashboard sign-ins become server-side sessions: the cookie holds a random id (only its hash is stored), a session
-- expires, sign-out deletes it, and it ends when the credential it was opened with changes (a rotated read key, a new
-- admin token). Dead letters name their site and keep the error, so an operator can see and replay them.

CREATE TABLE dashboard_sessions (
  id_hash          TEXT PRIMARY KEY,           -- sha256 of the cookie value
  site             TEXT,                       -- the read key's site; NULL for the admin
  credential_hash  TEXT NOT NULL,              -- sha256 of the token signed in with; must still be current
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions (expires_at);
CREATE INDEX dashboard_sessions_site ON dashboard_sessions (site);

ALTER TABLE dead_letters ADD COLUMN site TEXT;          -- NULL when the message names no site (or several)
ALTER TABLE dead_letters ADD COLUMN error TEXT;         -- why it could not be stored
ALTER TABLE dead_letters ADD COLUMN replayed_at INTEGER;
CREATE INDEX dead_letters_site ON dead_letters (site, at);

-- Identity verification: the site's server signs identify calls with this secret (user_hash, an HMAC-SHA256 of the
-- user id or e-mail), so a verified identify may link devices while a browser's bare claim may not.
ALTER TABLE sites ADD COLUMN identity_secret TEXT;
