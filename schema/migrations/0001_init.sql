-- Pista's store: sites, unified profiles and what they are made of. Times are epoch milliseconds (UTC).

CREATE TABLE sites (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  domains         TEXT NOT NULL,            -- JSON array of hosts; a leading "*." or "localhost" allowed
  write_key       TEXT NOT NULL UNIQUE,     -- public, bound to the domains
  read_key        TEXT NOT NULL UNIQUE,     -- secret, read-only API access to this site
  settings        TEXT NOT NULL DEFAULT '{}', -- JSON: retention_days, excluded_referrers
  scoring         TEXT,                     -- JSON scoring configuration; NULL = the default
  scoring_version INTEGER NOT NULL DEFAULT 0,
  seq             INTEGER NOT NULL DEFAULT 0, -- last profile change sequence number handed out
  created_at      INTEGER NOT NULL
);

CREATE TABLE profiles (
  id          TEXT PRIMARY KEY,
  site        TEXT NOT NULL,
  user_id     TEXT,
  email       TEXT,
  stage       TEXT NOT NULL DEFAULT 'visitor',
  label       TEXT NOT NULL DEFAULT 'browser',
  score       REAL NOT NULL DEFAULT 0,      -- as of updated_at; reads decay it to now
  grade       TEXT,
  quality     TEXT NOT NULL DEFAULT 'valid',
  doc         TEXT NOT NULL,                -- JSON: traits, touches, counts, device, geo, score state, session
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  seq         INTEGER NOT NULL              -- per-site change sequence: the feed cursor
);
CREATE UNIQUE INDEX profiles_site_seq ON profiles (site, seq);
CREATE INDEX profiles_site_email ON profiles (site, email);
CREATE INDEX profiles_site_user ON profiles (site, user_id);
CREATE INDEX profiles_site_stage ON profiles (site, stage, score);
CREATE INDEX profiles_site_score ON profiles (site, score);

-- Every identifier that resolves to a profile: anonymous ids, user ids, e-mails, phones.
CREATE TABLE identities (
  site        TEXT NOT NULL,
  kind        TEXT NOT NULL,                -- anonymous | user | email | phone
  value       TEXT NOT NULL,
  profile_id  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (site, kind, value)
) WITHOUT ROWID;
CREATE INDEX identities_profile ON identities (profile_id);

-- Merged-away profile ids resolve to the survivor; kept as the merge log.
CREATE TABLE merges (
  site        TEXT NOT NULL,
  from_id     TEXT PRIMARY KEY,
  into_id     TEXT NOT NULL,
  reason      TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX merges_into ON merges (into_id);

-- Identifiers refused by identity resolution (junk ids, conflicts), with the reason.
CREATE TABLE identity_rejections (
  site        TEXT NOT NULL,
  profile_id  TEXT,
  kind        TEXT NOT NULL,
  value       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX identity_rejections_profile ON identity_rejections (profile_id);

CREATE TABLE events (
  site        TEXT NOT NULL,
  id          TEXT NOT NULL,
  profile_id  TEXT NOT NULL,
  session_id  TEXT,
  type        TEXT NOT NULL,
  name        TEXT,
  at          INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  url         TEXT,
  data        TEXT NOT NULL,                -- JSON: title, props, traits, device, geo
  PRIMARY KEY (site, id)
) WITHOUT ROWID;
CREATE INDEX events_profile_at ON events (profile_id, at DESC);
CREATE INDEX events_site_received ON events (site, received_at);

-- A touch is a session start with its marketing source.
CREATE TABLE touches (
  site         TEXT NOT NULL,
  id           TEXT NOT NULL,               -- the session id
  profile_id   TEXT NOT NULL,
  at           INTEGER NOT NULL,
  channel      TEXT NOT NULL,
  source       TEXT,
  medium       TEXT,
  campaign     TEXT,
  term         TEXT,
  content      TEXT,
  referrer     TEXT,
  landing_page TEXT,
  click_id     TEXT,
  PRIMARY KEY (site, id)
) WITHOUT ROWID;
CREATE INDEX touches_profile_at ON touches (profile_id, at);
CREATE INDEX touches_site_at ON touches (site, at);

-- Conversions attribution credits: becoming a lead, reaching mql, or a custom conversion event.
CREATE TABLE conversions (
  id          TEXT PRIMARY KEY,             -- kind:profile for lead/mql, the event id for custom events
  site        TEXT NOT NULL,
  profile_id  TEXT NOT NULL,
  kind        TEXT NOT NULL,                -- lead | mql | event
  name        TEXT,                         -- the custom event name
  at          INTEGER NOT NULL,
  value       REAL NOT NULL DEFAULT 0
);
CREATE INDEX conversions_site_kind_at ON conversions (site, kind, name, at);
CREATE INDEX conversions_profile ON conversions (profile_id);

-- Daily counters: accepted at ingest, stored after the queue, dropped by reason.
CREATE TABLE stats (
  site        TEXT NOT NULL,
  day         TEXT NOT NULL,
  metric      TEXT NOT NULL,
  n           INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site, day, metric)
) WITHOUT ROWID;

-- Messages a queue gave up on (after their retries, or unreadable), kept for inspection and replay.
CREATE TABLE dead_letters (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  queue       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  body        TEXT NOT NULL,
  at          INTEGER NOT NULL
);
