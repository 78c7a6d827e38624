-- The supervisor's board: since when each agent has had their status, and a
-- waiting contact a supervisor gave to one agent alone.
ALTER TABLE agents ADD COLUMN status_since INTEGER;
ALTER TABLE contacts ADD COLUMN reassigned_to TEXT;
