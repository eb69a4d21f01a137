-- +goose Up
-- The moderator link (see the Postgres migration).
ALTER TABLE sessions ADD COLUMN moderator_token_hash BLOB;

-- +goose Down
ALTER TABLE sessions DROP COLUMN moderator_token_hash;
