-- Admins manage the team: agents are invited by a one-time link (stored only
-- as a hash) and set their own password; a removed agent is kept, deactivated,
-- so History still names them. The tenant's settings override the host's
-- defaults; NULL keeps the default.
ALTER TABLE agents ADD COLUMN deactivated_at INTEGER;
CREATE TABLE agent_invites (
  token_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX agent_invites_by_agent ON agent_invites (agent_id);
CREATE TABLE tenant_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  wrap_up_seconds INTEGER,
  ring_timeout_seconds INTEGER,
  max_file_bytes INTEGER
);
INSERT INTO tenant_settings (id) VALUES (1);
