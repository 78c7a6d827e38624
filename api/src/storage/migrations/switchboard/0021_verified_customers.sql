-- The customer the host site verified a contact's visitor as (an identity
-- token signed with the tenant's secret): their id in its own system, and the
-- name and email it gave. All NULL for an anonymous visitor.
ALTER TABLE contacts ADD COLUMN customer_id TEXT;
ALTER TABLE contacts ADD COLUMN customer_name TEXT;
ALTER TABLE contacts ADD COLUMN customer_email TEXT;
