-- A block holds the blocked visitor's session too (the visitor id of the
-- contact blocked from): from another network, the session they already had
-- starts nothing more either.
ALTER TABLE visitor_blocks ADD COLUMN visitor_id TEXT;
CREATE INDEX visitor_blocks_by_visitor_id ON visitor_blocks (visitor_id, expires_at) WHERE visitor_id IS NOT NULL;
