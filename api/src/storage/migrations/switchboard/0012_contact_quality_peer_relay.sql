-- Whether the other side's candidate was a relay, as this side saw it: 0 | 1, NULL when not said.
ALTER TABLE contact_quality ADD COLUMN peer_relay_used INTEGER;
