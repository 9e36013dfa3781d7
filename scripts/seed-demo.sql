-- The `demo` site of CONTRACT §1: write key demo-write-key, read key demo-read-key (stored as their SHA-256 hashes),
-- identity secret demo-identity-secret, any origin on localhost / 127.0.0.1.
INSERT OR IGNORE INTO sites (id, name, domains, write_key, read_key, identity_secret, settings, created_at)
VALUES ('demo', 'Northwind Analytics (demo)', '["localhost","127.0.0.1"]',
        'sha256:8c365d0d5950e8e1ed371597bbf63992cf7613da0d65e84fbeded634b3e40c71',
        'sha256:99f1603c02aad2436dc904ca99e9630155ad4a9ce0fa047a986363be602030df', 'demo-identity-secret', '{}', 0);
INSERT OR IGNORE INTO site_shards (site, shard, created_at) VALUES ('demo', 'DB', 0);
