-- One tenant's switchboard: agents, presence, the queue, offers and contact history.
CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'offline', -- offline | available | away
  idle_since INTEGER,
  busy_with TEXT
);
CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  visitor_id TEXT NOT NULL,
  visitor_label TEXT NOT NULL,
  page TEXT NOT NULL,
  media TEXT NOT NULL,
  state TEXT NOT NULL, -- queued | connected | ended
  position INTEGER, -- last queue position told to the visitor
  agent_id TEXT,
  created_at INTEGER NOT NULL,
  connected_at INTEGER,
  ended_at INTEGER,
  outcome TEXT,
  last_offer_result TEXT -- declined | missed
);
CREATE INDEX contacts_by_state ON contacts (state, created_at);
CREATE TABLE offers (
  id TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE declines (
  contact_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  PRIMARY KEY (contact_id, agent_id)
);
