-- Recording calls: the tenant's choice (off unless an admin turns it on), and
-- which contacts have a recording, for History.
ALTER TABLE tenant_settings ADD COLUMN record_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN recorded INTEGER NOT NULL DEFAULT 0;
