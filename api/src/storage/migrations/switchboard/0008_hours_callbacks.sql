-- Business hours and a maximum wait per queue; what visitors leave when
-- support cannot take their call now: messages and callback requests.
ALTER TABLE queues ADD COLUMN hours TEXT; -- JSON business hours; null: open around the clock
ALTER TABLE queues ADD COLUMN max_wait_seconds INTEGER; -- null: no limit
-- When a waiting visitor was told their wait passed the queue's maximum.
ALTER TABLE contacts ADD COLUMN long_wait_at INTEGER;
CREATE TABLE contact_messages (
  contact_id TEXT PRIMARY KEY REFERENCES contacts (id),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  text TEXT NOT NULL
);
-- A contact in state 'callback' waits for an agent to call the visitor back.
CREATE TABLE callbacks (
  contact_id TEXT PRIMARY KEY REFERENCES contacts (id),
  name TEXT NOT NULL,
  email TEXT,
  reachable INTEGER NOT NULL DEFAULT 1, -- 0 once the visitor's page has been closed past the grace period
  agent_id TEXT, -- the agent calling the visitor back now
  ringing_until INTEGER
);
