-- The supervisor's board: since when each agent has had their status, and a
-- waiting contact a supervisor gave to one agent alone.
ALTER TABLE agents ADD COLUMN status_since INTEGER;
ALTER TABLE contacts ADD COLUMN reassigned_to TEXT;
-- A warm transfer waiting for the agent it rings: who asked and their note.
ALTER TABLE contacts ADD COLUMN transfer_from TEXT;
ALTER TABLE contacts ADD COLUMN transfer_note TEXT;
-- A supervisor listening in on a call: the agent's console sends both sides'
-- audio to them over a peer connection of its own.
CREATE TABLE monitors (
  id TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL,
  supervisor_id TEXT NOT NULL,
  agent_id TEXT NOT NULL
);
