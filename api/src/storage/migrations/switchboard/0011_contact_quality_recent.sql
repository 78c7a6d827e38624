-- A call's recent quality (the last 30 samples), which the supervisor's Board shows.
ALTER TABLE contact_quality ADD COLUMN recent_mos REAL;
ALTER TABLE contact_quality ADD COLUMN recent_loss_percent REAL;
