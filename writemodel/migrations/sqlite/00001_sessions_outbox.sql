-- +goose Up
CREATE TABLE sessions (
    id                  text PRIMARY KEY,
    name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    description         text NULL CHECK (description IS NULL OR length(description) <= 1000),
    status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'completed')),
    admin_id            text NOT NULL CHECK (length(admin_id) >= 1),
    join_code           text NOT NULL,
    admin_token_hash    blob NOT NULL,
    display_key         text NOT NULL,
    current_activity_id text NULL,
    show_join_info      boolean NOT NULL DEFAULT false,
    created_at          datetime NOT NULL,
    updated_at          datetime NOT NULL
);

CREATE UNIQUE INDEX sessions_live_join_code ON sessions (join_code) WHERE status <> 'completed';

CREATE TABLE outbox (
    id             integer PRIMARY KEY AUTOINCREMENT,
    session_id     text NOT NULL,
    participant_id text NULL,
    topic          text NOT NULL,
    created_at     datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);

-- +goose Down
DROP TABLE outbox;
DROP TABLE sessions;
