-- The channel report's sums (docs/MONEY.md "What the report reads"): like attribution, it reads what is kept per day
-- instead of every touch. All of it is derived from touches and conversions and rebuilt with a profile's journeys, in
-- the same transaction (worker/store/journeys.ts).

-- Orders (custom conversions whose event carried a currency) are journeys of their own kind, 'orders', each carrying
-- its currency; every other journey has ''.
ALTER TABLE journeys ADD COLUMN currency TEXT NOT NULL DEFAULT '';

-- Credits are kept per currency too, so values in different currencies never add up (all but orders have '').
CREATE TABLE journey_credits_by_currency (
  site          TEXT NOT NULL,
  conversion    TEXT NOT NULL,
  group_by      TEXT NOT NULL,
  day           INTEGER NOT NULL,
  key           TEXT NOT NULL,
  currency      TEXT NOT NULL,
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
  PRIMARY KEY (site, conversion, group_by, day, key, currency)
) WITHOUT ROWID;
INSERT INTO journey_credits_by_currency SELECT site, conversion, group_by, day, key, '',
  first_touch, first_touch_value, last_touch, last_touch_value, last_non_direct, last_non_direct_value, linear, linear_value,
  position_based, position_based_value, time_decay, time_decay_value, shapley, shapley_value, traffic
FROM journey_credits;
DROP TABLE journey_credits;
ALTER TABLE journey_credits_by_currency RENAME TO journey_credits;

-- Sessions: touches per site, grouping, UTC day of the touch and key.
CREATE TABLE touch_days (
  site          TEXT NOT NULL,
  group_by      TEXT NOT NULL,
  day           INTEGER NOT NULL,
  key           TEXT NOT NULL,
  sessions      INTEGER NOT NULL,
  PRIMARY KEY (site, group_by, day, key)
) WITHOUT ROWID;

-- Visitors: each person's first and last touch of each key (group_by '*', key '*': of any key). Those whose first and
-- last touch of a key both fall outside a range, on either side of it, are the only ones a range looks up in touches.
CREATE TABLE key_visitors (
  site          TEXT NOT NULL,
  group_by      TEXT NOT NULL,
  key           TEXT NOT NULL,
  profile_id    TEXT NOT NULL,
  first_at      INTEGER NOT NULL,
  last_at       INTEGER NOT NULL,
  PRIMARY KEY (site, group_by, key, profile_id)
) WITHOUT ROWID;
CREATE INDEX key_visitors_profile ON key_visitors (profile_id);

-- Days from a person's first touch to their lead and to their customer conversion, counted per site, stage, grouping,
-- UTC day of the conversion, first touch's key and delay in milliseconds: the report's medians read these.
CREATE TABLE stage_delays (
  site          TEXT NOT NULL,
  conversion    TEXT NOT NULL,
  group_by      TEXT NOT NULL,
  day           INTEGER NOT NULL,
  key           TEXT NOT NULL,
  delay         INTEGER NOT NULL,
  profiles      INTEGER NOT NULL,
  PRIMARY KEY (site, conversion, group_by, day, key, delay)
) WITHOUT ROWID;

-- The people whose leads or customer conversions carry money (junk, or a deal): the report reads their journeys now,
-- as they stand, so a verdict or a deal changed by the CRM counts at once.
CREATE INDEX profiles_valued ON profiles (site, id) WHERE quality = 'junk' OR disposition = 'junk' OR deal_amount IS NOT NULL;

-- What the journeys kept so far already give, filled now: sessions and visitors from each person's every-touch row
-- ('*'), delays from each stage's journey. Every rebuild of a person takes their journeys' rows out of these tables
-- before putting the new ones in, so the tables must start out holding what those journeys give. (OR IGNORE: the
-- tables are empty here; a test runs these statements again over rows it kept.)
INSERT OR IGNORE INTO touch_days (site, group_by, day, key, sessions)
SELECT j.site, g.value, json_extract(j.times, '$[' || p.key || ']') / 86400000, p.value, COUNT(*)
FROM journeys j, json_each('["channel","source","campaign"]') g,
     json_each(CASE g.value WHEN 'channel' THEN j.channel_path WHEN 'source' THEN j.source_path ELSE j.campaign_path END) p
WHERE j.conversion = '*' AND j.n = -1
GROUP BY 1, 2, 3, 4;

INSERT OR IGNORE INTO key_visitors (site, group_by, key, profile_id, first_at, last_at)
SELECT j.site, g.value, p.value, j.profile_id, MIN(json_extract(j.times, '$[' || p.key || ']')), MAX(json_extract(j.times, '$[' || p.key || ']'))
FROM journeys j, json_each('["channel","source","campaign"]') g,
     json_each(CASE g.value WHEN 'channel' THEN j.channel_path WHEN 'source' THEN j.source_path ELSE j.campaign_path END) p
WHERE j.conversion = '*' AND j.n = -1
GROUP BY j.profile_id, g.value, p.value
UNION ALL
SELECT j.site, '*', '*', j.profile_id, json_extract(j.times, '$[0]'), j.at FROM journeys j WHERE j.conversion = '*' AND j.n = -1;

INSERT OR IGNORE INTO stage_delays (site, conversion, group_by, day, key, delay, profiles)
SELECT j.site, j.conversion, g.value, j.day,
       json_extract(CASE g.value WHEN 'channel' THEN j.channel_path WHEN 'source' THEN j.source_path ELSE j.campaign_path END, '$[0]'),
       j.at - json_extract(j.times, '$[0]'), COUNT(*)
FROM journeys j, json_each('["channel","source","campaign"]') g
WHERE j.conversion IN ('lead', 'customer') AND j.n = 0 AND json_extract(j.channel_path, '$[0]') != '(none)'
GROUP BY 1, 2, 3, 4, 5, 6;

-- Orders are a new kind: existing sites get their orders' journeys built by the hourly cron, profile by profile
-- (until then the channel report counts the orders of the people rebuilt so far and of every later commit).
INSERT OR REPLACE INTO journey_rebuilds (site, after) SELECT id, -1 FROM sites;
