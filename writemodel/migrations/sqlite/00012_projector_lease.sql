-- +goose Up
-- The projector's lease and per-session projected versions (see the
-- Postgres migration).
CREATE TABLE projector_lease (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    holder     TEXT     NOT NULL,
    epoch      INTEGER  NOT NULL,
    expires_at DATETIME NOT NULL
);

CREATE TABLE session_projections (
    session_id   TEXT PRIMARY KEY,
    version      INTEGER  NOT NULL,
    projected_at DATETIME NOT NULL
);
CREATE INDEX session_projections_projected_at ON session_projections (projected_at DESC);

-- +goose Down
DROP TABLE session_projections;
DROP TABLE projector_lease;
