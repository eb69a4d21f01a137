-- +goose Up
-- Five more activity types (issue 17): ranking, scales, points (100
-- points), numeric and content slides. A content slide's Markdown body is a
-- column of the activity. Answers keep their values per option in JSON
-- objects: ratings (scales: statement id -> rating) and option_points
-- (ranking: option id -> Borda points; points: option id -> points given),
-- and a numeric answer in number_value. The tallies count them like the
-- others, in the answers' own statements (00004, 00006): 'points' sums the
-- points of each option, 'scale' counts each (statement, rating) pair, keyed
-- "<option id>:<rating>". Numeric results (mean, median, histogram) are
-- aggregates the projector asks the database for.
ALTER TABLE activities DROP CONSTRAINT activities_type_check;
ALTER TABLE activities ADD CONSTRAINT activities_type_check
    CHECK (type IN ('poll', 'quiz', 'word_cloud', 'open_text', 'rating', 'qna', 'ranking', 'scales', 'points', 'numeric', 'content')) NOT VALID;
ALTER TABLE activities VALIDATE CONSTRAINT activities_type_check;
ALTER TABLE activities ADD COLUMN body text NOT NULL DEFAULT '' CHECK (char_length(body) <= 10000);

ALTER TABLE responses ADD COLUMN ratings jsonb NULL;
ALTER TABLE responses ADD COLUMN option_points jsonb NULL;
ALTER TABLE responses ADD COLUMN number_value double precision NULL;

ALTER TABLE result_tallies DROP CONSTRAINT result_tallies_kind_check;
ALTER TABLE result_tallies ADD CONSTRAINT result_tallies_kind_check
    CHECK (kind IN ('total', 'option', 'value', 'word', 'points', 'scale')) NOT VALID;
ALTER TABLE result_tallies VALIDATE CONSTRAINT result_tallies_kind_check;

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
            UNION ALL SELECT activity_id, 'points', p.key, p.value::bigint FROM new_rows, jsonb_each_text(option_points) p
            UNION ALL SELECT activity_id, 'scale', s.key || ':' || s.value, 1 FROM new_rows, jsonb_each_text(ratings) s
        ) c GROUP BY activity_id, kind, key HAVING sum(d) <> 0 ORDER BY activity_id, kind, key
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO result_tallies (activity_id, kind, key, shard, n)
        SELECT activity_id, kind, key, pg_backend_pid(), sum(d) FROM (
            SELECT activity_id, 'value' AS kind, value::text AS key, 1 AS d FROM new_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, 1 FROM new_rows WHERE normalized IS NOT NULL
            UNION ALL SELECT activity_id, 'option', o, 1 FROM new_rows, jsonb_array_elements_text(option_ids) o
            UNION ALL SELECT activity_id, 'points', p.key, p.value::bigint FROM new_rows, jsonb_each_text(option_points) p
            UNION ALL SELECT activity_id, 'scale', s.key || ':' || s.value, 1 FROM new_rows, jsonb_each_text(ratings) s
            UNION ALL SELECT activity_id, 'value', value::text, -1 FROM old_rows WHERE value IS NOT NULL
            UNION ALL SELECT activity_id, 'word', normalized, -1 FROM old_rows WHERE normalized IS NOT NULL
            UNION ALL SELECT activity_id, 'option', o, -1 FROM old_rows, jsonb_array_elements_text(option_ids) o
            UNION ALL SELECT activity_id, 'points', p.key, -(p.value::bigint) FROM old_rows, jsonb_each_text(option_points) p
            UNION ALL SELECT activity_id, 'scale', s.key || ':' || s.value, -1 FROM old_rows, jsonb_each_text(ratings) s
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
            UNION ALL SELECT activity_id, 'points', p.key, p.value::bigint FROM old_rows, jsonb_each_text(option_points) p
            UNION ALL SELECT activity_id, 'scale', s.key || ':' || s.value, 1 FROM old_rows, jsonb_each_text(ratings) s
        ) c WHERE EXISTS (SELECT 1 FROM activities a WHERE a.id = c.activity_id)
        GROUP BY activity_id, kind, key HAVING sum(d) <> 0 ORDER BY activity_id, kind, key
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = result_tallies.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose Down
-- The function of 00006 again; the new types' activities, answers and
-- tallies cannot stay under the old checks and go first.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION response_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
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
DELETE FROM activities WHERE type IN ('ranking', 'scales', 'points', 'numeric', 'content');
DELETE FROM result_tallies WHERE kind IN ('points', 'scale');
ALTER TABLE result_tallies DROP CONSTRAINT result_tallies_kind_check;
ALTER TABLE result_tallies ADD CONSTRAINT result_tallies_kind_check CHECK (kind IN ('total', 'option', 'value', 'word'));
ALTER TABLE responses DROP COLUMN number_value;
ALTER TABLE responses DROP COLUMN option_points;
ALTER TABLE responses DROP COLUMN ratings;
ALTER TABLE activities DROP COLUMN body;
ALTER TABLE activities DROP CONSTRAINT activities_type_check;
ALTER TABLE activities ADD CONSTRAINT activities_type_check CHECK (type IN ('poll', 'quiz', 'word_cloud', 'open_text', 'rating', 'qna'));
