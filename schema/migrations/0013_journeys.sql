-- Pre-aggregated journeys (docs/ATTRIBUTION.md "Reading a site's journeys"): reports read sums per site, conversion,
-- grouping, UTC day and key instead of every touch. All three tables are derived from touches and conversions: every
-- commit that changes a profile rebuilds that profile's journeys and moves the sums by the difference, in the same
-- transaction (worker/store/journeys.ts).

-- Each profile's journeys, one row per conversion, plus its non-converting tails:
--   conversion  lead | mql | sql | customer (once per profile: the first) | event:<name> (every one) | * (no conversion)
--   n           0, 1, … per conversion in time order; -1 the tail after the kind's last conversion (for '*': every
--               touch); -2 cancels the profile's '*' tail under a kind it converted on
--   day, at     the conversion's time (tails: their last touch); day = the UTC day number, at / 86,400,000
--   *_path      the touches' keys under each grouping, a JSON array in time order; direct: 1 per Direct touch; times
CREATE TABLE journeys (
  site          TEXT NOT NULL,
  profile_id    TEXT NOT NULL,
  conversion    TEXT NOT NULL,
  n             INTEGER NOT NULL,
  day           INTEGER NOT NULL,
  at            INTEGER NOT NULL,
  conversions   INTEGER NOT NULL,
  value         REAL NOT NULL,
  nulls         INTEGER NOT NULL,
  channel_path  TEXT NOT NULL,
  source_path   TEXT NOT NULL,
  campaign_path TEXT NOT NULL,
  direct        TEXT NOT NULL,
  times         TEXT NOT NULL,
  PRIMARY KEY (profile_id, conversion, n)
) WITHOUT ROWID;
CREATE INDEX journeys_site_at ON journeys (site, conversion, at);

-- Each key's credit (conversions and value) per day under the models that credit journey by journey — time decay at
-- the default half-life of 7 days — and Markov's traffic (conversions + nulls per touch of the key).
CREATE TABLE journey_credits (
  site          TEXT NOT NULL,
  conversion    TEXT NOT NULL,
  group_by      TEXT NOT NULL,
  day           INTEGER NOT NULL,
  key           TEXT NOT NULL,
  first_touch             REAL NOT NULL DEFAULT 0,
  first_touch_value       REAL NOT NULL DEFAULT 0,
  last_touch              REAL NOT NULL DEFAULT 0,
  last_touch_value        REAL NOT NULL DEFAULT 0,
  last_non_direct         REAL NOT NULL DEFAULT 0,
  last_non_direct_value   REAL NOT NULL DEFAULT 0,
  linear                  REAL NOT NULL DEFAULT 0,
  linear_value            REAL NOT NULL DEFAULT 0,
  position_based          REAL NOT NULL DEFAULT 0,
  position_based_value    REAL NOT NULL DEFAULT 0,
  time_decay              REAL NOT NULL DEFAULT 0,
  time_decay_value        REAL NOT NULL DEFAULT 0,
  shapley                 REAL NOT NULL DEFAULT 0,
  shapley_value           REAL NOT NULL DEFAULT 0,
  traffic                 REAL NOT NULL,
  PRIMARY KEY (site, conversion, group_by, day, key)
) WITHOUT ROWID;

-- Markov's transitions per day: from a key (or the start) to the next different key, the conversion or the null state.
CREATE TABLE journey_steps (
  site          TEXT NOT NULL,
  conversion    TEXT NOT NULL,
  group_by      TEXT NOT NULL,
  day           INTEGER NOT NULL,
  from_key      TEXT NOT NULL,
  to_key        TEXT NOT NULL,
  weight        REAL NOT NULL,
  PRIMARY KEY (site, conversion, group_by, day, from_key, to_key)
) WITHOUT ROWID;

-- Sites whose journeys are still to be built from the touches and conversions they had before this migration; the
-- hourly cron works through each one's profiles in seq order (after = the last seq done).
CREATE TABLE journey_rebuilds (
  site          TEXT PRIMARY KEY,
  after         INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO journey_rebuilds (site, after) SELECT id, -1 FROM sites;
