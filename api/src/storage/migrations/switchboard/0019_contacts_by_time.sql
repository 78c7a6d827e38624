-- History pages through contacts newest first, by when they began.
CREATE INDEX contacts_by_time ON contacts (created_at, id);
