-- A verified customer's earlier contacts, newest first, shown beside their new one.
CREATE INDEX contacts_by_customer ON contacts (customer_id, created_at) WHERE customer_id IS NOT NULL;
