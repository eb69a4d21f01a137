-- +goose Up
-- When a quiz's answers were first revealed (see the Postgres migration).
ALTER TABLE activities ADD COLUMN revealed_at DATETIME NULL;
UPDATE activities SET revealed_at = updated_at WHERE type = 'quiz' AND results_visible;

-- +goose Down
ALTER TABLE activities DROP COLUMN revealed_at;
