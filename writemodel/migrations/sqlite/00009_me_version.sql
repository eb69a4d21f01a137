-- +goose Up
-- See the Postgres migration of the same number.
ALTER TABLE sessions ADD COLUMN me_version integer NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE sessions DROP COLUMN me_version;
