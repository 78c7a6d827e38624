-- When an agent was last reset or removed (ms since the epoch): access tokens
-- issued before then are refused, so a reset signs them out everywhere at once
-- and a removed agent invited back does not get in with an old token.
ALTER TABLE agents ADD COLUMN sessions_since INTEGER NOT NULL DEFAULT 0;
