-- Refresh tokens descending from one sign-in share a family. A spent token is
-- kept (used_at set) until it expires, so presenting it again is recognised
-- as a stolen copy and ends the whole family. Tokens from before families
-- are each a family of their own.
ALTER TABLE refresh_tokens ADD COLUMN family_id TEXT;
ALTER TABLE refresh_tokens ADD COLUMN used_at INTEGER;
UPDATE refresh_tokens SET family_id = token_hash;
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
