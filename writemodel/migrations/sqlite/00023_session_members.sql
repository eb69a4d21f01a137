-- +goose Up
-- Roles and invitations (see the Postgres migration).
CREATE TABLE session_members (
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('co-host', 'moderator')),
    created_at datetime NOT NULL,
    PRIMARY KEY (session_id, account_id)
);
CREATE INDEX session_members_account ON session_members (account_id);

CREATE TABLE session_invitations (
    token_hash blob PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    email      text NOT NULL,
    role       text NOT NULL CHECK (role IN ('co-host', 'moderator')),
    created_at datetime NOT NULL,
    expires_at datetime NOT NULL
);
CREATE INDEX session_invitations_session ON session_invitations (session_id);

-- +goose Down
DROP TABLE session_invitations;
DROP TABLE session_members;
