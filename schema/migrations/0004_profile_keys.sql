-- Profiles sort by score without a scheduled job: the decaying stored score gives way to a time-invariant key
-- (score_sign, score_rank; worker/core/scoring/score-key.ts). A search text, phone and the first touch become columns
-- so lists can search and filter on them. Conversions are keyed by site and id, so two sites' "order-1001" never
-- collide. Existing rows are kept: their key is derived from the stored score as of its last update (exact for every
-- profile changed since; PUT …/scoring recomputes every key from the events).

CREATE TABLE profiles_v2 (
  id             TEXT PRIMARY KEY,
  site           TEXT NOT NULL,
  user_id        TEXT,
  email          TEXT,
  phone          TEXT,
  search         TEXT,                        -- e-mail, name and company in lower case, for q= searches
  stage          TEXT NOT NULL DEFAULT 'visitor',
  label          TEXT NOT NULL DEFAULT 'browser',
  grade          TEXT,
  quality        TEXT NOT NULL DEFAULT 'valid',
  score_sign     INTEGER NOT NULL DEFAULT 0,  -- -1, 0 or 1
  score_rank     REAL NOT NULL DEFAULT 0,     -- sign · (log2|score at t| + t / half-life): order at any instant
  first_channel  TEXT,
  first_source   TEXT,
  first_campaign TEXT,
  doc            TEXT NOT NULL,               -- JSON: traits, touches, counts, device, geo, score ledger, session
  first_seen     INTEGER NOT NULL,
  last_seen      INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  seq            INTEGER NOT NULL             -- per-site change sequence: the feed cursor
);

INSERT INTO profiles_v2 (id, site, user_id, email, phone, search, stage, label, grade, quality, score_sign, score_rank,
                         first_channel, first_source, first_campaign, doc, first_seen, last_seen, updated_at, seq)
SELECT p.id, p.site, p.user_id, p.email, p.doc->>'$.phone',
       NULLIF(lower(trim(COALESCE(p.email, '') || ' ' || COALESCE(p.doc->>'$.traits.name', p.doc->>'$.traits.full_name', '') || ' ' ||
                         COALESCE(p.doc->>'$.traits.company', p.doc->>'$.traits.company_name', p.doc->>'$.traits.organization', ''))), ''),
       p.stage, p.label, p.grade, p.quality,
       CASE WHEN p.score > 0 THEN 1 WHEN p.score < 0 THEN -1 ELSE 0 END,
       CASE WHEN p.score > 0 THEN log2(p.score) + p.updated_at / (86400000.0 * COALESCE(s.scoring->>'$.half_life_days', 30))
            WHEN p.score < 0 THEN -(log2(-p.score) + p.updated_at / (86400000.0 * COALESCE(s.scoring->>'$.half_life_days', 30)))
            ELSE 0 END,
       p.doc->>'$.first_touch.channel', p.doc->>'$.first_touch.source', p.doc->>'$.first_touch.campaign',
       p.doc, p.first_seen, p.last_seen, p.updated_at, p.seq
FROM profiles p LEFT JOIN sites s ON s.id = p.site;

DROP TABLE profiles;
ALTER TABLE profiles_v2 RENAME TO profiles;
CREATE UNIQUE INDEX profiles_site_seq ON profiles (site, seq);
CREATE INDEX profiles_site_email ON profiles (site, email);
CREATE INDEX profiles_site_user ON profiles (site, user_id);
-- "hottest first" within a site, and within a stage, straight from the index
CREATE INDEX profiles_site_score ON profiles (site, score_sign DESC, score_rank DESC, id);
CREATE INDEX profiles_site_stage_score ON profiles (site, stage, score_sign DESC, score_rank DESC, id);

CREATE TABLE conversions_v2 (
  site        TEXT NOT NULL,
  id          TEXT NOT NULL,                -- kind:profile for stages, event:<event id> for custom events
  profile_id  TEXT NOT NULL,
  kind        TEXT NOT NULL,                -- lead | mql | sql | customer | event
  name        TEXT,                         -- the custom event name
  at          INTEGER NOT NULL,
  value       REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (site, id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO conversions_v2 (site, id, profile_id, kind, name, at, value)
SELECT site, id, profile_id, kind, name, at, value FROM conversions;
DROP TABLE conversions;
ALTER TABLE conversions_v2 RENAME TO conversions;
CREATE INDEX conversions_site_kind_at ON conversions (site, kind, name, at);
CREATE INDEX conversions_profile ON conversions (profile_id);
