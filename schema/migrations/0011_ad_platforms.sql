-- Ad platforms (CONTRACT §12): stages reached go back to Google Ads (an offline click-conversion file) and to Meta's
-- Conversions API (an endpoint kind of the delivery pipeline). docs/AD-PLATFORMS.md explains why each piece exists.

-- A touch kept only the click id's TYPE ("gclid"); an offline conversion needs its VALUE. Touches recorded before this
-- column existed have none and cannot be exported (their landing URL was stored without click ids).
ALTER TABLE touches ADD COLUMN click_id_value TEXT;
-- The Google Ads file looks for each converting profile's gclid touches before the conversion.
CREATE INDEX touches_profile_click ON touches (profile_id, click_id, at) WHERE click_id_value IS NOT NULL;

-- One delivery per endpoint and key: a Meta event is sent once per person and stage, however often the stage is
-- reached again (a lead that cools down and qualifies again is the same MQL to Meta). NULL for every other kind.
ALTER TABLE webhook_deliveries ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX webhook_deliveries_dedupe ON webhook_deliveries (subscription_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
