-- The action plan (CONTRACT §10): each site's routing, round-robin counters, follow-up deadlines, and alert endpoints
-- (Slack, Teams) delivered by the webhook pipeline. Times are epoch milliseconds (UTC). docs/ROUTING.md explains why.

-- A site's routing configuration (owners, rules, fallback, assign_at, follow_up), versioned like its scoring.
CREATE TABLE routing (
  site       TEXT PRIMARY KEY,
  config     TEXT NOT NULL,                   -- JSON, validated when saved
  version    INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- One counter per round robin (its owner ids, in order): the next lead goes to owners[next % count]. The commit that
-- assigns advances it only from the value the plan read (compare and swap): a plan made from a stale counter sets it
-- to -1, which the CHECK refuses, so the whole transaction rolls back and the batch is planned again.
CREATE TABLE routing_rotations (
  site TEXT NOT NULL,
  pool TEXT NOT NULL,                         -- JSON array of owner ids
  next INTEGER NOT NULL CONSTRAINT rotation_moved CHECK (next >= 0),
  PRIMARY KEY (site, pool)
) WITHOUT ROWID;

-- The follow-up deadline of a profile's current assignment, written in the assignment's own transaction. A delayed
-- queue message checks it when due; the hourly cron finds the ones whose message was lost.
CREATE TABLE follow_ups (
  profile_id  TEXT PRIMARY KEY,
  site        TEXT NOT NULL,
  owner_id    TEXT NOT NULL,
  assigned_at INTEGER NOT NULL,
  due_at      INTEGER NOT NULL,
  escalate_to TEXT,                           -- the owner alerted when the deadline passes (NULL: the owner)
  status      TEXT NOT NULL DEFAULT 'waiting', -- waiting | met | overdue | dropped
  checked_at  INTEGER
);
CREATE INDEX follow_ups_waiting ON follow_ups (due_at) WHERE status = 'waiting';
CREATE INDEX follow_ups_site ON follow_ups (site);

-- Endpoints of every kind share the pipeline: a webhook (events + filters), or an owner's Slack or Teams alerts,
-- kept in step with the routing's owners. `config` holds what a kind needs to choose and render ({"owner_id", …}).
ALTER TABLE webhook_subscriptions ADD COLUMN kind TEXT NOT NULL DEFAULT 'webhook';
ALTER TABLE webhook_subscriptions ADD COLUMN config TEXT NOT NULL DEFAULT '{}';
CREATE INDEX webhook_subscriptions_kind ON webhook_subscriptions (site, kind);
