-- +goose Up
-- When a quiz's answers were first revealed: a revealed quiz never opens
-- again, even after its results were hidden, since phones have seen the
-- right option. Quizzes revealed before this migration count as revealed.
ALTER TABLE activities ADD COLUMN revealed_at timestamptz NULL;
UPDATE activities SET revealed_at = updated_at WHERE type = 'quiz' AND results_visible;

-- +goose Down
ALTER TABLE activities DROP COLUMN revealed_at;
