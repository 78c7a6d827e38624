-- The address a contact's visitor came from, kept for a few days so that an
-- agent can block them; the blocks themselves, until they run out.
ALTER TABLE contacts ADD COLUMN visitor_address TEXT;
CREATE INDEX contacts_with_address ON contacts (created_at) WHERE visitor_address IS NOT NULL;
CREATE TABLE visitor_blocks (
  id TEXT PRIMARY KEY,
  address TEXT NOT NULL,
  visitor TEXT NOT NULL,
  contact_id TEXT,
  reason TEXT NOT NULL,
  blocked_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX visitor_blocks_by_address ON visitor_blocks (address, expires_at);
