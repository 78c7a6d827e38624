-- How many days an ended contact is kept before it is deleted; null: for good.
ALTER TABLE tenant_settings ADD COLUMN keep_contacts_days INTEGER;
-- The oldest ended contact, found without reading them all.
CREATE INDEX contacts_ended ON contacts (ended_at) WHERE state = 'ended';
