-- The visitor's post-call survey, one per contact.
CREATE TABLE contact_surveys (
  contact_id TEXT PRIMARY KEY REFERENCES contacts (id),
  rating INTEGER NOT NULL,
  comment TEXT,
  submitted_at INTEGER NOT NULL
);
-- Where the tenant's webhook events go, and every event queued for each of them.
CREATE TABLE webhook_endpoints (
  url TEXT PRIMARY KEY,
  secret TEXT NOT NULL
);
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL, -- the exact JSON sent, so every attempt signs the same bytes
  status TEXT NOT NULL DEFAULT 'pending', -- pending | delivered | failed
  attempts INTEGER NOT NULL DEFAULT 0,
  response_code INTEGER,
  error TEXT,
  created_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  next_attempt_at INTEGER -- null once delivered or failed
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_newest ON webhook_deliveries (created_at);
