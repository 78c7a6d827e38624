-- Widget keys that admins create, rotate and revoke: each gets an id to be
-- named by (the key itself is shown only when it is made), a label, when it
-- was made, and when a rotated key stops working.
ALTER TABLE widget_keys ADD COLUMN id TEXT NOT NULL DEFAULT '';
ALTER TABLE widget_keys ADD COLUMN label TEXT NOT NULL DEFAULT 'Widget key';
ALTER TABLE widget_keys ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE widget_keys ADD COLUMN expires_at INTEGER;
UPDATE widget_keys SET id = lower(hex(randomblob(8)));
CREATE UNIQUE INDEX widget_keys_by_id ON widget_keys (id);
CREATE INDEX widget_keys_by_tenant ON widget_keys (tenant_id);
