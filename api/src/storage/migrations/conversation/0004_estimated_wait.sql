-- The wait last estimated for a queued visitor, so a reloaded page sees it at once.
ALTER TABLE conversation ADD COLUMN estimated_wait INTEGER;
