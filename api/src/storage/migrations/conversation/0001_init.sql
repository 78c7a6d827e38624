-- One conversation: who is in it, where it stands, and what happened.
CREATE TABLE conversation (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  visitor_id TEXT NOT NULL,
  media TEXT NOT NULL,
  state TEXT NOT NULL, -- queued | accepted | ended
  position INTEGER,
  agent_id TEXT,
  agent_name TEXT,
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  end_reason TEXT,
  outcome TEXT
);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL
);
