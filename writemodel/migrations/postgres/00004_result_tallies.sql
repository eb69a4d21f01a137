-- +goose Up
-- Results are kept as tallies that Postgres maintains in the same
-- transaction as the answers, so the projector reads a few rows per
-- activity instead of counting every answer in every batch (a scan that
-- grows with the audience). Statement-level triggers add each statement's
-- changes at once: one upsert per (activity, option) per group commit, in
-- the database, never read-modify-write in the application.
--
-- A count is spread over shards, one per Postgres backend that wrote to it
-- (its pid), and read as their sum, so that concurrent answer batches never
-- queue on one row; a shard may go negative when an answer counted in
-- another is changed.
CREATE TABLE result_tallies (
    activity_id uuid     NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    kind        text     NOT NULL CHECK (kind IN ('total', 'option', 'value', 'word')),
    key         text     NOT NULL,
    shard       integer  NOT NULL DEFAULT 0,
    n           bigint   NOT NULL,
    PRIMARY KEY (activity_id, kind, key, shard)
);

INSERT INTO result_tallies (activity_id, kind, key, n)
SELECT activity_id, 'total', '', count(*) FROM responses GROUP BY activity_id
UNION ALL
SELECT activity_id, 'value', value::text, count(*) FROM responses WHERE value IS NOT NULL GROUP BY activity_id, value
UNION ALL
SELECT activity_id, 'word', normalized, count(*) FROM responses WHERE normalized IS NOT NULL GROUP BY activity_id, normalized
UNION ALL
SELECT activity_id, 'option', option_id::text, count(*) FROM response_options GROUP BY activity_id, option_id;

-- The tallies of one set of response rows, +1 (added) or -1 (removed) each.
-- +goose StatementBegin
CREATE FUNCTION response_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- Keys in one order, so concurrent batches lock them in the same order.
        INSERT INTO result_tallies (activity_id, kind, key, shard, n)
        SELECT activity_id, kind, key, pg_backend_pid(), sum(d) FROM (
            SELECT activity_id, 'total' AS kind, '' AS key, 1 AS d FROM new_rows
            UNION ALL SELECT activity_id, 'value', value::text, 1 FROM new_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, 1 FROM new_rows WHERE normalized IS NOT NULL
        ) c GROUP BY activity_id, kind, key ORDER BY activity_id, kind, key
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO result_tallies (activity_id, kind, key, shard, n)
        SELECT activity_id, kind, key, pg_backend_pid(), sum(d) FROM (
            SELECT activity_id, 'value' AS kind, value::text AS key, 1 AS d FROM new_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, 1 FROM new_rows WHERE normalized IS NOT NULL
            UNION ALL SELECT activity_id, 'value', value::text, -1 FROM old_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, -1 FROM old_rows WHERE normalized IS NOT NULL
        ) c GROUP BY activity_id, kind, key HAVING sum(d) <> 0 ORDER BY activity_id, kind, key
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    ELSE
        -- Only for activities that remain: when a whole activity is deleted
        -- its tallies go with it, and nothing is to be recreated.
        INSERT INTO result_tallies (activity_id, kind, key, shard, n)
        SELECT activity_id, kind, key, pg_backend_pid(), -sum(d) FROM (
            SELECT activity_id, 'total' AS kind, '' AS key, 1 AS d FROM old_rows
            UNION ALL SELECT activity_id, 'value', value::text, 1 FROM old_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, 1 FROM old_rows WHERE normalized IS NOT NULL
        ) c WHERE EXISTS (SELECT 1 FROM activities a WHERE a.id = c.activity_id)
        GROUP BY activity_id, kind, key ORDER BY activity_id, kind, key
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION response_option_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO result_tallies (activity_id, kind, key, shard, n)
        SELECT activity_id, 'option', option_id::text, pg_backend_pid(), count(*) FROM new_rows
        GROUP BY activity_id, option_id ORDER BY activity_id, option_id::text
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    ELSE
        INSERT INTO result_tallies (activity_id, kind, key, shard, n)
        SELECT activity_id, 'option', option_id::text, pg_backend_pid(), -count(*) FROM old_rows o
        WHERE EXISTS (SELECT 1 FROM activities a WHERE a.id = o.activity_id)
        GROUP BY activity_id, option_id ORDER BY activity_id, option_id::text
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER responses_tally_insert AFTER INSERT ON responses
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_tally_rows();
CREATE TRIGGER responses_tally_update AFTER UPDATE ON responses
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_tally_rows();
CREATE TRIGGER responses_tally_delete AFTER DELETE ON responses
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION response_tally_rows();
CREATE TRIGGER response_options_tally_insert AFTER INSERT ON response_options
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_option_tally_rows();
CREATE TRIGGER response_options_tally_delete AFTER DELETE ON response_options
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION response_option_tally_rows();

-- +goose Down
DROP TRIGGER response_options_tally_delete ON response_options;
DROP TRIGGER response_options_tally_insert ON response_options;
DROP TRIGGER responses_tally_delete ON responses;
DROP TRIGGER responses_tally_update ON responses;
DROP TRIGGER responses_tally_insert ON responses;
DROP FUNCTION response_option_tally_rows();
DROP FUNCTION response_tally_rows();
DROP TABLE result_tallies;
