-- +goose Up
-- Entries hidden one by one (see the Postgres migration).
CREATE INDEX responses_hidden_entries ON responses (activity_id, normalized) WHERE hidden;

-- +goose Down
DROP INDEX responses_hidden_entries;
