-- Queues: what a contact waits in, the skills an agent needs to take it and
-- its priority. Agents have skills and a capacity (calls at once). Every
-- tenant starts with the default queue `support`.
CREATE TABLE queues (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  skills TEXT NOT NULL DEFAULT '[]' -- JSON array of skill names
);
INSERT INTO queues (id, name) VALUES ('support', 'Support');
ALTER TABLE agents ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
ALTER TABLE agents ADD COLUMN capacity INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contacts ADD COLUMN queue_id TEXT NOT NULL DEFAULT 'support';
ALTER TABLE contacts ADD COLUMN estimated_wait INTEGER; -- seconds, last told to the visitor
CREATE INDEX contacts_by_queue ON contacts (queue_id, state, ended_at);
