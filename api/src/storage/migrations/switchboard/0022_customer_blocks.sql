-- A block of a verified customer holds their id in the site's own system as
-- well as their address: signed in from another network they are still blocked.
ALTER TABLE visitor_blocks ADD COLUMN customer_id TEXT;
CREATE INDEX visitor_blocks_by_customer ON visitor_blocks (customer_id, expires_at) WHERE customer_id IS NOT NULL;
