-- +goose Up
-- The audience size kept by the database in each join's and kick's
-- transaction (see the Postgres migration; SQLite has row-level triggers
-- and a single writer, so one shard).
CREATE TABLE session_tallies (
    session_id   text    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    shard        integer NOT NULL DEFAULT 0, -- one writer: always 0 here
    participants integer NOT NULL,
    PRIMARY KEY (session_id, shard)
);

INSERT INTO session_tallies (session_id, participants)
SELECT session_id, count(*) FROM participants WHERE kicked_at IS NULL GROUP BY session_id;

-- +goose StatementBegin
CREATE TRIGGER participants_tally_insert AFTER INSERT ON participants WHEN NEW.kicked_at IS NULL BEGIN
    INSERT INTO session_tallies (session_id, participants) VALUES (NEW.session_id, 1)
        ON CONFLICT (session_id, shard) DO UPDATE SET participants = participants + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER participants_tally_update AFTER UPDATE OF kicked_at ON participants
WHEN (OLD.kicked_at IS NULL) <> (NEW.kicked_at IS NULL) BEGIN
    INSERT INTO session_tallies (session_id, participants)
    VALUES (NEW.session_id, CASE WHEN NEW.kicked_at IS NULL THEN 1 ELSE -1 END)
        ON CONFLICT (session_id, shard) DO UPDATE SET participants = participants + excluded.participants;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER participants_tally_delete AFTER DELETE ON participants WHEN OLD.kicked_at IS NULL BEGIN
    UPDATE session_tallies SET participants = participants - 1 WHERE session_id = OLD.session_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER participants_tally_delete;
DROP TRIGGER participants_tally_update;
DROP TRIGGER participants_tally_insert;
DROP TABLE session_tallies;
