-- Chat-first conversations. The transcript; what each side has received and
-- read of the other's messages and is sharing; a request (escalate the call,
-- share a screen) waiting for the other side's consent. `media` now says what
-- the conversation carries at the moment: chat, audio or video.
CREATE TABLE transcript (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  sender TEXT NOT NULL,
  text TEXT NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (sender, id)
);
ALTER TABLE participants ADD COLUMN delivered_through INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN read_through INTEGER NOT NULL DEFAULT 0;
ALTER TABLE participants ADD COLUMN screen TEXT;
ALTER TABLE conversation ADD COLUMN request_kind TEXT;
ALTER TABLE conversation ADD COLUMN request_by TEXT;
