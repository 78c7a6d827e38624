-- Replies agents insert into their message box; admins keep the list.
CREATE TABLE saved_replies (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
