-- Time on hold, for History and the Board: when the current hold began,
-- how many holds the contact had, and how long the ended ones lasted.
ALTER TABLE contacts ADD COLUMN held_since INTEGER;
ALTER TABLE contacts ADD COLUMN holds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN hold_ms INTEGER NOT NULL DEFAULT 0;
