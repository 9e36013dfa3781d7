-- The CRM feed never loses an erasure: a profile id that stops existing — erased, or merged into another profile —
-- leaves a tombstone numbered from the site's change sequence (sites.seq, shared with profiles.seq), written in the
-- same transaction as the deletion. The feed (GET /api/v1/profiles?include_deleted=true) reads profiles and
-- tombstones in one seq order, so a consumer resuming from any cursor sees each erasure exactly once. A tombstone
-- holds ids and times only; it goes with its site.
CREATE TABLE feed_tombstones (
  site        TEXT NOT NULL,
  id          TEXT NOT NULL,                -- the profile id that no longer exists
  seq         INTEGER NOT NULL,             -- its place in the site's change sequence
  deleted_at  INTEGER NOT NULL,
  merged_into TEXT,                         -- NULL: erased; else the profile that absorbed it
  PRIMARY KEY (site, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX feed_tombstones_site_seq ON feed_tombstones (site, seq);
