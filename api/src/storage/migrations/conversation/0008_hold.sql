-- Whether the agent has the call on hold: a page that joins afresh is told.
ALTER TABLE conversation ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
