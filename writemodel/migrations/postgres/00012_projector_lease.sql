-- +goose Up
-- The projector's lease: one row, held by the active projector until
-- expires_at, renewed every second or so. epoch grows with every new
-- holder and is the fencing token of the projector's Redis writes, so a
-- process that was frozen past its lease writes nothing when it wakes.
CREATE TABLE projector_lease (
    id         smallint PRIMARY KEY CHECK (id = 1),
    holder     text        NOT NULL,
    epoch      bigint      NOT NULL,
    expires_at timestamptz NOT NULL
);

-- The version (the highest outbox id applied) the projector last wrote to
-- Redis for each session. The anti-entropy pass compares it with the
-- version stored in the session's Redis hash and re-projects a session
-- whose Redis copy is missing or behind (a lost write, a failover). No
-- foreign key: the row of a deleted session is removed when the projector
-- marks the session absent.
CREATE TABLE session_projections (
    session_id   uuid PRIMARY KEY,
    version      bigint      NOT NULL,
    projected_at timestamptz NOT NULL
);
CREATE INDEX session_projections_projected_at ON session_projections (projected_at DESC);

-- +goose Down
DROP TABLE session_projections;
DROP TABLE projector_lease;
