-- +goose Up
-- Results kept as tallies maintained by the database in the answer's
-- transaction (see the Postgres migration; SQLite has row-level triggers
-- and a single writer, so one shard).
CREATE TABLE result_tallies (
    activity_id text    NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    kind        text    NOT NULL CHECK (kind IN ('total', 'option', 'value', 'word')),
    key         text    NOT NULL,
    shard       integer NOT NULL DEFAULT 0, -- one writer: always 0 here
    n           integer NOT NULL,
    PRIMARY KEY (activity_id, kind, key, shard)
);

INSERT INTO result_tallies (activity_id, kind, key, n)
SELECT activity_id, 'total', '', count(*) FROM responses GROUP BY activity_id
UNION ALL
SELECT activity_id, 'value', CAST(value AS text), count(*) FROM responses WHERE value IS NOT NULL GROUP BY activity_id, value
UNION ALL
SELECT activity_id, 'word', normalized, count(*) FROM responses WHERE normalized IS NOT NULL GROUP BY activity_id, normalized
UNION ALL
SELECT activity_id, 'option', option_id, count(*) FROM response_options GROUP BY activity_id, option_id;

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

-- +goose Down
DROP TRIGGER response_options_tally_delete;
DROP TRIGGER response_options_tally_insert;
DROP TRIGGER responses_tally_delete;
DROP TRIGGER responses_tally_update;
DROP TRIGGER responses_tally_insert;
DROP TABLE result_tallies;
