-- Wrap-up: after a call the agent records a disposition and notes; until
-- they do, or the tenant's wrap-up time runs out, they get no offers.
ALTER TABLE agents ADD COLUMN wrap_up_contact TEXT;
ALTER TABLE agents ADD COLUMN wrap_up_until INTEGER;
ALTER TABLE contacts ADD COLUMN disposition TEXT; -- resolved | follow-up | unresolved | other
ALTER TABLE contacts ADD COLUMN notes TEXT;
ALTER TABLE contacts ADD COLUMN wrap_up_seconds INTEGER;
