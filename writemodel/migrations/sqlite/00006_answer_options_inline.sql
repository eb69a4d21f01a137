-- +goose Up
-- The options an answer chose are part of the answer row, a JSON array of
-- option ids (see the Postgres migration).
ALTER TABLE responses ADD COLUMN option_ids text NULL;

-- The update trigger watches value and normalized only: this changes no tally.
UPDATE responses SET option_ids = (
    SELECT json_group_array(option_id) FROM (SELECT option_id FROM response_options ro WHERE ro.response_id = responses.id ORDER BY option_id)
) WHERE EXISTS (SELECT 1 FROM response_options ro WHERE ro.response_id = responses.id);

DROP TRIGGER response_options_tally_delete;
DROP TRIGGER response_options_tally_insert;
DROP TABLE response_options;

DROP TRIGGER responses_tally_insert;
DROP TRIGGER responses_tally_update;
DROP TRIGGER responses_tally_delete;

-- +goose StatementBegin
CREATE TRIGGER responses_tally_insert AFTER INSERT ON responses BEGIN
    INSERT INTO result_tallies (activity_id, kind, key, n) VALUES (NEW.activity_id, 'total', '', 1)
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'value', CAST(NEW.value AS text), 1 WHERE NEW.value IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'word', NEW.normalized, 1 WHERE NEW.normalized IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'option', o.value, 1 FROM json_each(COALESCE(NEW.option_ids, '[]')) o WHERE true
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER responses_tally_update AFTER UPDATE OF value, normalized, option_ids ON responses BEGIN
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'value' AND key = CAST(OLD.value AS text);
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'word' AND key = OLD.normalized;
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'option' AND key IN (SELECT value FROM json_each(COALESCE(OLD.option_ids, '[]')));
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'value', CAST(NEW.value AS text), 1 WHERE NEW.value IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'word', NEW.normalized, 1 WHERE NEW.normalized IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'option', o.value, 1 FROM json_each(COALESCE(NEW.option_ids, '[]')) o WHERE true
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER responses_tally_delete AFTER DELETE ON responses BEGIN
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'total' AND key = '';
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'value' AND key = CAST(OLD.value AS text);
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'word' AND key = OLD.normalized;
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'option' AND key IN (SELECT value FROM json_each(COALESCE(OLD.option_ids, '[]')));
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER responses_tally_insert;
DROP TRIGGER responses_tally_update;
DROP TRIGGER responses_tally_delete;

-- +goose StatementBegin
CREATE TRIGGER responses_tally_insert AFTER INSERT ON responses BEGIN
    INSERT INTO result_tallies (activity_id, kind, key, n) VALUES (NEW.activity_id, 'total', '', 1)
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'value', CAST(NEW.value AS text), 1 WHERE NEW.value IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'word', NEW.normalized, 1 WHERE NEW.normalized IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER responses_tally_update AFTER UPDATE OF value, normalized ON responses BEGIN
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'value' AND key = CAST(OLD.value AS text);
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'word' AND key = OLD.normalized;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'value', CAST(NEW.value AS text), 1 WHERE NEW.value IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'word', NEW.normalized, 1 WHERE NEW.normalized IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER responses_tally_delete AFTER DELETE ON responses BEGIN
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'total' AND key = '';
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'value' AND key = CAST(OLD.value AS text);
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'word' AND key = OLD.normalized;
END;
-- +goose StatementEnd

CREATE TABLE response_options (
    response_id text NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    activity_id text NOT NULL,
    option_id   text NOT NULL REFERENCES activity_options (id) ON DELETE CASCADE,
    PRIMARY KEY (response_id, option_id)
);
CREATE INDEX response_options_activity ON response_options (activity_id, option_id);
INSERT INTO response_options (response_id, activity_id, option_id)
SELECT r.id, r.activity_id, o.value FROM responses r, json_each(r.option_ids) o WHERE r.option_ids IS NOT NULL;
ALTER TABLE responses DROP COLUMN option_ids;

-- +goose StatementBegin
CREATE TRIGGER response_options_tally_insert AFTER INSERT ON response_options BEGIN
    INSERT INTO result_tallies (activity_id, kind, key, n) VALUES (NEW.activity_id, 'option', NEW.option_id, 1)
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER response_options_tally_delete AFTER DELETE ON response_options BEGIN
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'option' AND key = OLD.option_id;
END;
-- +goose StatementEnd
