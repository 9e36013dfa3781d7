-- Money (CONTRACT §11): imported ad costs per day and source/medium/campaign, and the currency of revenue events.

CREATE TABLE costs (
  site        TEXT NOT NULL,
  day         TEXT NOT NULL,                -- YYYY-MM-DD, UTC
  source      TEXT NOT NULL,                -- lower case, as touches store it
  medium      TEXT NOT NULL DEFAULT '',     -- lower case; '' when not given
  campaign    TEXT NOT NULL DEFAULT '',     -- as written; '' when not given
  amount      REAL NOT NULL,                -- in `currency`, converted when a report is read
  currency    TEXT NOT NULL,                -- ISO 4217
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (site, day, source, medium, campaign)  -- a re-sent day's row replaces the stored one
) WITHOUT ROWID;

-- A custom conversion whose event carried a currency is revenue (Segment's Order Completed and the like).
ALTER TABLE conversions ADD COLUMN currency TEXT;
CREATE INDEX conversions_revenue ON conversions (site, at) WHERE currency IS NOT NULL;
