-- +goose Up
CREATE TABLE sessions (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    description         text NULL CHECK (description IS NULL OR char_length(description) <= 1000),
    status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'completed')),
    admin_id            text NOT NULL CHECK (char_length(admin_id) >= 1),
    join_code           text NOT NULL,
    admin_token_hash    bytea NOT NULL,
    display_key         text NOT NULL,
    current_activity_id uuid NULL,
    show_join_info      boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

-- A join code identifies one live session; completed sessions release theirs.
CREATE UNIQUE INDEX sessions_live_join_code ON sessions (join_code) WHERE status <> 'completed';

-- The transactional outbox: every command inserts a row in its own
-- transaction; the projector turns rows into Redis documents and deletes them.
CREATE TABLE outbox (
    id             bigserial PRIMARY KEY,
    session_id     uuid NOT NULL,
    participant_id uuid NULL,
    topic          text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Wake projectors on other replicas. One notification per statement; Postgres
-- folds identical notifications within a transaction.
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

-- +goose Down
DROP TRIGGER outbox_notify ON outbox;
DROP FUNCTION caja_outbox_notify();
DROP TABLE outbox;
DROP TABLE sessions;
