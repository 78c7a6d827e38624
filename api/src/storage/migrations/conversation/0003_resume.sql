-- Resuming after a lost connection. Each participant's messages are numbered
-- both ways: what the server last acted on from them, and every message sent
-- to them, kept until they reconnect and say how far they got.
ALTER TABLE conversation ADD COLUMN leave_deadline INTEGER;
ALTER TABLE conversation ADD COLUMN call_started INTEGER NOT NULL DEFAULT 0;
CREATE TABLE participants (
  participant TEXT PRIMARY KEY, -- visitor | agent
  last_received INTEGER NOT NULL DEFAULT 0,
  last_sent INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE outbox (
  participant TEXT NOT NULL,
  seq INTEGER NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (participant, seq)
);
