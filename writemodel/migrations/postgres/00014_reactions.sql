-- +goose Up
-- Reactions: a session's set of emoji (a JSON array; NULL is the default
-- set, [] turns reactions off), and their tallies per activity, kept by the
-- database: every reaction is one upsert adding 1 to a shard of its row
-- (never read-modify-write in the application), and a count is the sum of
-- its shards. reaction_seconds keeps the same per second, for the recent
-- rate the display floats reactions up with.
ALTER TABLE sessions ADD COLUMN reactions text NULL;

CREATE TABLE reaction_tallies (
    activity_id uuid    NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    emoji       text    NOT NULL,
    shard       integer NOT NULL,
    n           bigint  NOT NULL,
    PRIMARY KEY (activity_id, emoji, shard)
);

CREATE TABLE reaction_seconds (
    activity_id uuid    NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    second      bigint  NOT NULL,
    emoji       text    NOT NULL,
    shard       integer NOT NULL,
    n           bigint  NOT NULL,
    PRIMARY KEY (activity_id, second, emoji, shard)
);

-- +goose Down
DROP TABLE reaction_seconds;
DROP TABLE reaction_tallies;
ALTER TABLE sessions DROP COLUMN reactions;
