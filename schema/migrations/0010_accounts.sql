-- Accounts (CONTRACT §13): the company behind the people. One row per site and corporate e-mail domain, written in the
-- same transaction as the change to its people (docs/ACCOUNTS.md). Profiles point at their account with account_id
-- (0006). Times are epoch milliseconds (UTC).
CREATE TABLE accounts (
  id           TEXT PRIMARY KEY,               -- ac_ + 96 bits of SHA-256 of (site, domain)
  site         TEXT NOT NULL,
  domain       TEXT NOT NULL,                  -- the registrable domain (acme.com, acme.co.uk)
  name         TEXT,                           -- set by hand, else the company most of its people name
  search       TEXT NOT NULL,                  -- domain and name in lower case, for q=
  -- The summed score's time-invariant key (worker/core/scoring/key-sum.ts): lists sort by it, min_score bounds it.
  score_sign   INTEGER NOT NULL,
  score_rank   REAL NOT NULL,
  people       INTEGER NOT NULL,               -- 0 once its last person left (kept, with its owner, but not listed)
  grade        TEXT,
  people_stage TEXT NOT NULL,                  -- its most advanced person's stage
  label        TEXT,
  qualified    INTEGER NOT NULL,               -- 1: crossed account_mql_min_score and not below the hysteresis line since
  owner_id     TEXT,
  last_seen    INTEGER NOT NULL,
  doc          TEXT NOT NULL,                  -- JSON: the rest of the record (fit, roles, owner, names, times)
  -- Compare and swap: a commit moves the version on only from the value its plan read; otherwise it writes -1, which
  -- this CHECK refuses, so the whole transaction rolls back and the change is planned again from fresh rows.
  version      INTEGER NOT NULL CONSTRAINT account_moved CHECK (version >= 0)
);
CREATE INDEX accounts_site_score ON accounts (site, score_sign DESC, score_rank DESC, id) WHERE people > 0;
CREATE INDEX accounts_site_owner ON accounts (site, owner_id) WHERE people > 0;

-- An account's people, hottest first (its page, GET /api/v1/profiles?account=), and a plan's read of all its people:
-- one index serves the filter and the order, where (site, account_id) alone left the order to a scan of the site.
DROP INDEX profiles_site_account;
CREATE INDEX profiles_site_account ON profiles (site, account_id, score_sign DESC, score_rank DESC, id);
