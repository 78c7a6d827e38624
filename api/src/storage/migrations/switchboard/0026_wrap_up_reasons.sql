-- What an agent may say a contact was about as they wrap it up (a JSON list
-- of names, set by an admin), and the one they chose, as it was named then.
ALTER TABLE tenant_settings ADD COLUMN wrap_up_reasons TEXT;
ALTER TABLE contacts ADD COLUMN reason TEXT;
