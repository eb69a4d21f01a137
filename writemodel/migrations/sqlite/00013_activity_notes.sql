-- +goose Up
-- Speaker notes of an activity (see the Postgres migration).
ALTER TABLE activities ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE activities DROP COLUMN notes;
