-- The video's loss of a call, kept apart from the audio's (which the MOS counts).
ALTER TABLE contact_quality ADD COLUMN average_video_loss_percent REAL;
ALTER TABLE contact_quality ADD COLUMN worst_video_loss_percent REAL;
