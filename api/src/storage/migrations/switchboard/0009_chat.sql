-- A contact's media now changes as the conversation escalates: `media` is what
-- it carries now (routing counts calls by it), `richest_media` what it reached
-- (History shows it).
ALTER TABLE contacts ADD COLUMN richest_media TEXT;
UPDATE contacts SET richest_media = media;
