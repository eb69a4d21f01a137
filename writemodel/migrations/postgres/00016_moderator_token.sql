-- +goose Up
-- The moderator link: a second bearer secret per session that may only
-- moderate free text and Q&A and read results. Only its SHA-256 is kept;
-- NULL (sessions from before this migration) means no moderator link until
-- the organizer makes one.
ALTER TABLE sessions ADD COLUMN moderator_token_hash bytea;

-- +goose Down
ALTER TABLE sessions DROP COLUMN moderator_token_hash;
