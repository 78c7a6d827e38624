-- An agent whose console lost its connection: when, so that staying away
-- longer than the grace period sets them Away, and why they are Away.
ALTER TABLE agents ADD COLUMN disconnected_at INTEGER;
ALTER TABLE agents ADD COLUMN away_reason TEXT; -- missed-offer | connection-lost
