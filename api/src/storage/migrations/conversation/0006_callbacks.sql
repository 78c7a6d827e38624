-- Set once a waiting visitor was told their wait passed the queue's maximum,
-- so a reloaded page is told again. A conversation can also wait for a
-- callback (state 'callback') and ring the visitor for it (state 'ringing').
ALTER TABLE conversation ADD COLUMN waited_seconds INTEGER;
