-- +goose Up
-- The options an answer chose are part of the answer row (a JSON array of
-- option ids), no longer rows of their own in response_options. Each answer
-- was two rows with two indexes and four foreign-key checks between them,
-- and the second row cost Postgres as much again as the first in a burst of
-- answers. The ids are checked against the activity's options in the
-- answer's own transaction, and an activity's options only change while it
-- is a draft, before it takes answers. The tallies now count options from
-- the array (option keys as before: the option id's text).
--
-- Every writer must run this version: an older server still writing
-- response_options fails its answers once this has run.
ALTER TABLE responses ADD COLUMN option_ids jsonb NULL;

-- Under the old tally function, which ignores options: the tallies already
-- count them, from response_options.
UPDATE responses r SET option_ids = o.ids
FROM (SELECT response_id, jsonb_agg(option_id::text ORDER BY option_id) AS ids FROM response_options GROUP BY response_id) o
WHERE o.response_id = r.id;

DROP TRIGGER response_options_tally_delete ON response_options;
DROP TRIGGER response_options_tally_insert ON response_options;
DROP FUNCTION response_option_tally_rows();
DROP TABLE response_options;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION response_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- Keys in one order, so concurrent batches lock them in the same order.
        INSERT INTO result_tallies (activity_id, kind, key, shard, n)
        SELECT activity_id, kind, key, pg_backend_pid(), sum(d) FROM (
            SELECT activity_id, 'total' AS kind, '' AS key, 1 AS d FROM new_rows
            UNION ALL SELECT activity_id, 'value', value::text, 1 FROM new_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, 1 FROM new_rows WHERE normalized IS NOT NULL
            UNION ALL SELECT activity_id, 'option', o, 1 FROM new_rows, jsonb_array_elements_text(option_ids) o
        ) c GROUP BY activity_id, kind, key ORDER BY activity_id, kind, key
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO result_tallies (activity_id, kind, key, shard, n)
        SELECT activity_id, kind, key, pg_backend_pid(), sum(d) FROM (
            SELECT activity_id, 'value' AS kind, value::text AS key, 1 AS d FROM new_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, 1 FROM new_rows WHERE normalized IS NOT NULL
            UNION ALL SELECT activity_id, 'option', o, 1 FROM new_rows, jsonb_array_elements_text(option_ids) o
            UNION ALL SELECT activity_id, 'value', value::text, -1 FROM old_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, -1 FROM old_rows WHERE normalized IS NOT NULL
            UNION ALL SELECT activity_id, 'option', o, -1 FROM old_rows, jsonb_array_elements_text(option_ids) o
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
            UNION ALL SELECT activity_id, 'option', o, 1 FROM old_rows, jsonb_array_elements_text(option_ids) o
        ) c WHERE EXISTS (SELECT 1 FROM activities a WHERE a.id = c.activity_id)
        GROUP BY activity_id, kind, key ORDER BY activity_id, kind, key
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose Down
-- The old tally function again; response_options is filled before its
-- triggers exist, since the tallies already count those options.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION response_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
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

CREATE TABLE response_options (
    response_id uuid NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    activity_id uuid NOT NULL,
    option_id   uuid NOT NULL REFERENCES activity_options (id) ON DELETE CASCADE,
    PRIMARY KEY (response_id, option_id)
);
CREATE INDEX response_options_activity ON response_options (activity_id, option_id);
INSERT INTO response_options (response_id, activity_id, option_id)
SELECT r.id, r.activity_id, o::uuid FROM responses r, jsonb_array_elements_text(r.option_ids) o;
ALTER TABLE responses DROP COLUMN option_ids;

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
CREATE TRIGGER response_options_tally_insert AFTER INSERT ON response_options
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION response_option_tally_rows();
CREATE TRIGGER response_options_tally_delete AFTER DELETE ON response_options
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION response_option_tally_rows();
