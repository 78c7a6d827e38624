-- Each side's coarse call-quality summary, one row per contact and side.
CREATE TABLE contact_quality (
  contact_id TEXT NOT NULL,
  side TEXT NOT NULL, -- visitor | agent
  samples INTEGER NOT NULL,
  average_mos REAL,
  worst_mos REAL,
  average_loss_percent REAL,
  worst_loss_percent REAL,
  relay_used INTEGER NOT NULL, -- 0 | 1
  reconnects INTEGER NOT NULL,
  PRIMARY KEY (contact_id, side)
);
