-- Shards (docs/SCALING.md "Shards"). Every database — the control database (binding DB) and each shard (DB_2, DB_3 …)
-- — has this one schema. The control database holds the directory: which shard holds each site. A site lives whole
-- in its shard; its row says which shard that is. Sites made before shards live in DB, the first shard.
CREATE TABLE site_shards (
  site       TEXT PRIMARY KEY,
  shard      TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX site_shards_shard ON site_shards (shard);

ALTER TABLE sites ADD COLUMN shard TEXT NOT NULL DEFAULT 'DB';

INSERT INTO site_shards (site, shard, created_at) SELECT id, 'DB', created_at FROM sites;
