-- The tenant's relay-only policy, read once when the conversation opens, so
-- every candidate relayed in it is checked without asking the directory.
ALTER TABLE conversation ADD COLUMN relay_only INTEGER NOT NULL DEFAULT 0;
