-- A message relayed from one side to the other keeps, in the other's outbox,
-- the number the sender gave it: the relay is one write, and how far the
-- sender's messages were acted on is the highest number the outbox holds.
ALTER TABLE outbox ADD COLUMN relays INTEGER;
