-- Raw events archived to R2 (docs/SCALING.md "The archive"): each queue batch writes its stored events as NDJSON
-- objects per site and day before its D1 transaction, and that transaction records here which objects hold which
-- profile's lines. Rescoring reads a person's events older than the site's retention through this index, and an
-- erasure finds the objects to rewrite without listing the bucket.

CREATE TABLE archive_objects (
  site        TEXT NOT NULL,
  profile_id  TEXT NOT NULL,                -- as the lines say; merged-away ids resolve through `merges`
  key         TEXT NOT NULL,                -- events/{site}/{YYYY-MM-DD}/{batch}.ndjson
  day         TEXT NOT NULL,                -- the UTC day the events were received (the key's day)
  PRIMARY KEY (site, profile_id, key)
) WITHOUT ROWID;

-- People erased from the archive: written in the erasure's transaction, kept like a tombstone. The erasure rewrites
-- the objects at once; the hourly sweep rewrites any object a batch in flight indexed for them afterwards.
CREATE TABLE archive_erasures (
  site        TEXT NOT NULL,
  profile_id  TEXT NOT NULL,
  erased_at   INTEGER NOT NULL,
  PRIMARY KEY (site, profile_id)
) WITHOUT ROWID;

-- How far the retention purge has reached per site: D1 holds none of the site's events received before `before`
-- (the purge only moves it forward, even when retention is raised later). Rescoring reads archived days up to it.
CREATE TABLE events_purged (
  site        TEXT PRIMARY KEY,
  before      INTEGER NOT NULL
) WITHOUT ROWID;
