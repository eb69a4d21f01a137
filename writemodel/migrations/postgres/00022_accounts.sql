-- +goose Up
-- Organizer accounts (issue 20). An email is kept normalised (trimmed,
-- lower-cased) by the commands and unique by this index; password_hash is
-- an argon2id PHC string, NULL for an account that signs in only through
-- single sign-on (oidc_issuer, oidc_subject, unique together).
CREATE TABLE accounts (
    id            uuid PRIMARY KEY,
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(btrim(email))),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 255),
    password_hash text NULL,
    oidc_issuer   text NULL,
    oidc_subject  text NULL,
    created_at    timestamptz NOT NULL,
    CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);
CREATE UNIQUE INDEX accounts_oidc ON accounts (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL;

-- Signed-in browsers: only the SHA-256 of the cookie's random token is
-- kept. A row unused for the idle period is expired (and deleted lazily).
CREATE TABLE account_sessions (
    token_hash   bytea PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX account_sessions_account ON account_sessions (account_id);

-- The account a session belongs to (NULL: anonymous, run with its admin
-- token alone). Deleting the account keeps its sessions ownerless unless
-- the organizer asks for them to be deleted too.
ALTER TABLE sessions ADD COLUMN owner_id uuid NULL REFERENCES accounts (id) ON DELETE SET NULL;
CREATE INDEX sessions_owner ON sessions (owner_id, created_at DESC, id) WHERE owner_id IS NOT NULL;

-- +goose Down
DROP INDEX sessions_owner;
ALTER TABLE sessions DROP COLUMN owner_id;
DROP TABLE account_sessions;
DROP TABLE accounts;
