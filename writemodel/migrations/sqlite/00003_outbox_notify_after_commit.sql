-- +goose Up
-- Postgres only: it moves its outbox NOTIFY out of the transaction. SQLite
-- has one process and no NOTIFY; the version is kept in step.
SELECT 1;

-- +goose Down
SELECT 1;
