-- A tenant's identity secret: the host site's server signs its signed-in
-- customers with it (HS256), so the secret itself is kept to check them, as a
-- webhook endpoint's is to sign with. NULL: no visitor can be verified.
ALTER TABLE tenants ADD COLUMN identity_secret TEXT;
ALTER TABLE tenants ADD COLUMN identity_secret_created_at INTEGER;
