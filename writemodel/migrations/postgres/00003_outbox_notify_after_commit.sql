-- +goose Up
-- A NOTIFY inside a transaction takes a database-wide lock from its commit
-- until the commit record is flushed, so every answer's transaction waited
-- for every other's fsync: commits ran one at a time. The Store now sends one
-- coalesced NOTIFY after commits instead (see Store.RunNotifier).
DROP TRIGGER outbox_notify ON outbox;
DROP FUNCTION caja_outbox_notify();

-- +goose Down
-- +goose StatementBegin
CREATE FUNCTION caja_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('caja_outbox', '');
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION caja_outbox_notify();
