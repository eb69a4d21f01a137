-- +goose Up
-- Reactions (see the Postgres migration).
ALTER TABLE sessions ADD COLUMN reactions TEXT NULL;

CREATE TABLE reaction_tallies (
    activity_id TEXT    NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    emoji       TEXT    NOT NULL,
    shard       INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (activity_id, emoji, shard)
);

CREATE TABLE reaction_seconds (
    activity_id TEXT    NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    second      INTEGER NOT NULL,
    emoji       TEXT    NOT NULL,
    shard       INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (activity_id, second, emoji, shard)
);

-- +goose Down
DROP TABLE reaction_seconds;
DROP TABLE reaction_tallies;
ALTER TABLE sessions DROP COLUMN reactions;
