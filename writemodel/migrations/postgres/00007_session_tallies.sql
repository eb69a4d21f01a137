-- +goose Up
-- The audience size, kept by the database in each join's and kick's
-- transaction like the result tallies of 00004: counting the session's
-- participants on every projector batch with a join grew with the audience
-- (13 ms a batch at 50,000 participants), so a join storm slowed its own
-- projection. Sharded by Postgres backend for the same reason as there:
-- concurrent joins never queue on one row. Read as the sum of the shards.
CREATE TABLE session_tallies (
    session_id   uuid    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    shard        integer NOT NULL DEFAULT 0,
    participants bigint  NOT NULL,
    PRIMARY KEY (session_id, shard)
);

INSERT INTO session_tallies (session_id, participants)
SELECT session_id, count(*) FROM participants WHERE kicked_at IS NULL GROUP BY session_id;

-- Counts the participants not kicked: +1 for each added row, -1 for each
-- removed one, an update being both.
-- +goose StatementBegin
CREATE FUNCTION participant_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO session_tallies (session_id, shard, participants)
        SELECT session_id, pg_backend_pid(), count(*) FROM new_rows WHERE kicked_at IS NULL
        GROUP BY session_id ORDER BY session_id
        ON CONFLICT (session_id, shard) DO UPDATE SET participants = session_tallies.participants + EXCLUDED.participants;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO session_tallies (session_id, shard, participants)
        SELECT session_id, pg_backend_pid(), sum(d) FROM (
            SELECT session_id, 1 AS d FROM new_rows WHERE kicked_at IS NULL
            UNION ALL SELECT session_id, -1 FROM old_rows WHERE kicked_at IS NULL
        ) c GROUP BY session_id HAVING sum(d) <> 0 ORDER BY session_id
        ON CONFLICT (session_id, shard) DO UPDATE SET participants = session_tallies.participants + EXCLUDED.participants;
    ELSE
        -- Only for sessions that remain: a deleted session's tallies went
        -- with it.
        INSERT INTO session_tallies (session_id, shard, participants)
        SELECT session_id, pg_backend_pid(), -count(*) FROM old_rows o
        WHERE kicked_at IS NULL AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = o.session_id)
        GROUP BY session_id ORDER BY session_id
        ON CONFLICT (session_id, shard) DO UPDATE SET participants = session_tallies.participants + EXCLUDED.participants;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER participants_tally_insert AFTER INSERT ON participants
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION participant_tally_rows();
CREATE TRIGGER participants_tally_update AFTER UPDATE ON participants
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION participant_tally_rows();
CREATE TRIGGER participants_tally_delete AFTER DELETE ON participants
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION participant_tally_rows();

-- +goose Down
DROP TRIGGER participants_tally_delete ON participants;
DROP TRIGGER participants_tally_update ON participants;
DROP TRIGGER participants_tally_insert ON participants;
DROP FUNCTION participant_tally_rows();
DROP TABLE session_tallies;
