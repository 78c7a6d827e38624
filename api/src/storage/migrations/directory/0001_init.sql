-- The directory: which tenant a widget key or an agent's email belongs to.
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL, -- JSON array of origins
  created_at INTEGER NOT NULL
);
CREATE TABLE widget_keys (
  key TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id)
);
CREATE TABLE agent_logins (
  email TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id)
);
