-- +goose Up
-- A batch of answers is one outbox row per activity (issue 13): the
-- participants whose answers it carries are listed here, comma-separated,
-- so the projector still refreshes each one's own document. A row for one
-- participant keeps using participant_id.
ALTER TABLE outbox ADD COLUMN participant_ids text NULL;

-- +goose Down
ALTER TABLE outbox DROP COLUMN participant_ids;
