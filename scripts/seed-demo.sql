-- The `demo` site of CONTRACT §1: write key demo-write-key, any origin on localhost / 127.0.0.1.
INSERT OR IGNORE INTO sites (id, name, domains, write_key, read_key, settings, created_at)
VALUES ('demo', 'Northwind Analytics (demo)', '["localhost","127.0.0.1"]', 'demo-write-key', 'demo-read-key', '{}', 0);
