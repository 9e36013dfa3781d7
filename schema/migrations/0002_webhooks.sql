-- Webhooks to CRMs (CONTRACT §7): endpoints, a transactional outbox of profile transitions, and the delivery log.
-- Times are epoch milliseconds (UTC).

-- An endpoint a site's CRM registered, with the event types and filters it wants.
CREATE TABLE webhook_subscriptions (
  id                  TEXT PRIMARY KEY,         -- wh_…
  site                TEXT NOT NULL,
  url                 TEXT NOT NULL,            -- checked against SSRF when saved and before every attempt
  events              TEXT NOT NULL,            -- JSON array of event types
  filters             TEXT NOT NULL DEFAULT '{}', -- JSON: grade, label, stage (arrays), min_score
  secret              TEXT NOT NULL,            -- whsec_ + base64 of 24 random bytes
  previous_secret     TEXT,                     -- still signs (alongside secret) until previous_expires_at
  previous_expires_at INTEGER,
  status              TEXT NOT NULL DEFAULT 'active', -- active | disabled
  disabled_reason     TEXT,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX webhook_subscriptions_site ON webhook_subscriptions (site, status);

-- One row per transition, written in the same transaction as the profile change, so a crash cannot lose one.
-- The id is the webhook-id, derived from the transition: a redelivered queue batch cannot add a second row.
CREATE TABLE webhook_outbox (
  id            TEXT PRIMARY KEY,               -- msg_…
  site          TEXT NOT NULL,
  type          TEXT NOT NULL,                  -- profile.identified | .stage_changed | .qualified | .merged | .deleted
  profile_id    TEXT NOT NULL,
  at            INTEGER NOT NULL,               -- when the transition happened
  data          TEXT NOT NULL DEFAULT '{}',     -- JSON: the transition's own fields (from/to, merged_id, …)
  snapshot      TEXT NOT NULL,                  -- JSON: {"record": ProfileRecord} or {"stub": {id, site, email, user_id}}
  created_at    INTEGER NOT NULL,
  dispatched_at INTEGER                         -- NULL until delivery rows exist for every matching endpoint
);
CREATE INDEX webhook_outbox_dispatched ON webhook_outbox (dispatched_at, created_at); -- the sweep (NULL first) and the purge
CREATE INDEX webhook_outbox_profile ON webhook_outbox (profile_id);

-- One row per (transition, endpoint): the unit that is attempted, retried, logged and replayed.
CREATE TABLE webhook_deliveries (
  id              TEXT PRIMARY KEY,             -- dlv_…
  outbox_id       TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending', -- pending | delivered | failed | dead
  attempts        INTEGER NOT NULL DEFAULT 0,   -- every attempt ever made, replays included
  round_attempts  INTEGER NOT NULL DEFAULT 0,   -- attempts since creation or the last replay: the retry schedule's index
  next_attempt_at INTEGER,                      -- when the next attempt is due (pending only)
  lease_until     INTEGER,                      -- an attempt is in flight until then; no one else may start one
  response_code   INTEGER,
  latency_ms      INTEGER,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  delivered_at    INTEGER,
  UNIQUE (outbox_id, subscription_id)
);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
