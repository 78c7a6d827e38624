-- A call's recordings of its sound, made by the agent's console and sent in
-- parts as it records: one per console that had the call (a reload or a
-- transfer starts another). `recording` is whether the tenant recorded calls
-- when this call started.
ALTER TABLE conversation ADD COLUMN recording INTEGER NOT NULL DEFAULT 0;
CREATE TABLE recordings (
  segment INTEGER PRIMARY KEY,
  agent_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  parts INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE recording_parts (
  segment INTEGER NOT NULL,
  part INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (segment, part)
);
