-- A tenant whose calls go through the TURN relay only, so that neither the
-- visitor nor the agent learns the other's IP address.
ALTER TABLE tenants ADD COLUMN relay_only INTEGER NOT NULL DEFAULT 0;
