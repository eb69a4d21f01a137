-- +goose NO TRANSACTION
-- +goose Up
-- Entries hidden one by one (all of a participant's, or one open-text
-- answer): a word cloud's projection counts them per word, which this
-- partial index keeps to the hidden few.
CREATE INDEX CONCURRENTLY IF NOT EXISTS responses_hidden_entries ON responses (activity_id, normalized) WHERE hidden;

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS responses_hidden_entries;
