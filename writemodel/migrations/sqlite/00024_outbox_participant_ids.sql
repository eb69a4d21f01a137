-- +goose Up
-- The participants of a batch's outbox row (see the Postgres migration).
ALTER TABLE outbox ADD COLUMN participant_ids text NULL;

-- +goose Down
ALTER TABLE outbox DROP COLUMN participant_ids;
