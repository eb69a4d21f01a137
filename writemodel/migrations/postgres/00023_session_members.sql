-- +goose Up
-- Roles of accounts in a session besides its owner (sessions.owner_id):
-- co-host (everything but deleting and transferring) or moderator
-- (moderation and results only). One role per account and session.
CREATE TABLE session_members (
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('co-host', 'moderator')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, account_id)
);
CREATE INDEX session_members_account ON session_members (account_id);

-- Invitations to a role: only the SHA-256 of the link's token is kept; an
-- invitation is used once.
CREATE TABLE session_invitations (
    token_hash bytea PRIMARY KEY,
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    email      text NOT NULL,
    role       text NOT NULL CHECK (role IN ('co-host', 'moderator')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX session_invitations_session ON session_invitations (session_id);

-- +goose Down
DROP TABLE session_invitations;
DROP TABLE session_members;
