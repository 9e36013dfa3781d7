-- What people do with a lead: who owns it and since when, when they first contacted the person, the company
-- (account) it belongs to, and the CRM's verdict with the deal won. Columns, so lists filter on them and reports
-- count them in SQL; NULL until set.
ALTER TABLE profiles ADD COLUMN owner_id TEXT;
ALTER TABLE profiles ADD COLUMN assigned_at INTEGER;
ALTER TABLE profiles ADD COLUMN contacted_at INTEGER;
ALTER TABLE profiles ADD COLUMN account_id TEXT;
ALTER TABLE profiles ADD COLUMN disposition TEXT;          -- junk | not_a_fit | won | lost
ALTER TABLE profiles ADD COLUMN deal_amount REAL;          -- in deal_currency
ALTER TABLE profiles ADD COLUMN deal_currency TEXT;        -- ISO 4217
CREATE INDEX profiles_site_owner ON profiles (site, owner_id, score_sign DESC, score_rank DESC, id);
CREATE INDEX profiles_site_account ON profiles (site, account_id);
