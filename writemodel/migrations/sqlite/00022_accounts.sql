-- +goose Up
-- Organizer accounts (see the Postgres migration).
CREATE TABLE accounts (
    id            text PRIMARY KEY,
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(trim(email))),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 255),
    password_hash text NULL,
    oidc_issuer   text NULL,
    oidc_subject  text NULL,
    created_at    datetime NOT NULL,
    CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);
CREATE UNIQUE INDEX accounts_oidc ON accounts (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL;

CREATE TABLE account_sessions (
    token_hash   blob PRIMARY KEY,
    account_id   text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   datetime NOT NULL,
    last_seen_at datetime NOT NULL
);
CREATE INDEX account_sessions_account ON account_sessions (account_id);

ALTER TABLE sessions ADD COLUMN owner_id text NULL REFERENCES accounts (id) ON DELETE SET NULL;
CREATE INDEX sessions_owner ON sessions (owner_id, created_at DESC, id) WHERE owner_id IS NOT NULL;

-- +goose Down
DROP INDEX sessions_owner;
ALTER TABLE sessions DROP COLUMN owner_id;
DROP TABLE account_sessions;
DROP TABLE accounts;
