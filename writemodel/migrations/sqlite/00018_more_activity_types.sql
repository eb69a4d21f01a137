-- +goose NO TRANSACTION
-- +goose Up
-- Five more activity types (see the Postgres migration). SQLite cannot
-- change a CHECK constraint in place: activities and result_tallies are
-- rebuilt with the new lists, by SQLite's documented procedure (foreign
-- keys off, the rebuild in one transaction, so that dropping the old table
-- cascades to nothing). It runs on goose's one connection outside a goose
-- transaction, since the foreign_keys pragma does nothing inside one.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DROP TRIGGER responses_tally_insert;
DROP TRIGGER responses_tally_update;
DROP TRIGGER responses_tally_delete;

CREATE TABLE activities_rebuilt (
    id              text PRIMARY KEY,
    session_id      text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    type            text NOT NULL CHECK (type IN ('poll', 'quiz', 'word_cloud', 'open_text', 'rating', 'qna', 'ranking', 'scales', 'points', 'numeric', 'content')),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 255),
    settings        text NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    position        integer NOT NULL,
    results_visible boolean NOT NULL DEFAULT false,
    opened_at       datetime NULL,
    created_at      datetime NOT NULL,
    updated_at      datetime NOT NULL,
    closes_at       datetime NULL,
    revealed_at     datetime NULL,
    notes           text NOT NULL DEFAULT '',
    body            text NOT NULL DEFAULT '' CHECK (length(body) <= 10000)
);
INSERT INTO activities_rebuilt (id, session_id, type, title, settings, status, position, results_visible, opened_at, created_at, updated_at, closes_at, revealed_at, notes) SELECT id, session_id, type, title, settings, status, position, results_visible, opened_at, created_at, updated_at, closes_at, revealed_at, notes FROM activities;
DROP TABLE activities;
ALTER TABLE activities_rebuilt RENAME TO activities;
CREATE INDEX activities_session ON activities (session_id, position);
CREATE INDEX activities_due ON activities (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL;

CREATE TABLE result_tallies_rebuilt (
    activity_id text    NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    kind        text    NOT NULL CHECK (kind IN ('total', 'option', 'value', 'word', 'points', 'scale')),
    key         text    NOT NULL,
    shard       integer NOT NULL DEFAULT 0, -- one writer: always 0 here
    n           integer NOT NULL,
    PRIMARY KEY (activity_id, kind, key, shard)
);
INSERT INTO result_tallies_rebuilt (activity_id, kind, key, shard, n) SELECT activity_id, kind, key, shard, n FROM result_tallies;
DROP TABLE result_tallies;
ALTER TABLE result_tallies_rebuilt RENAME TO result_tallies;

ALTER TABLE responses ADD COLUMN ratings text NULL;
ALTER TABLE responses ADD COLUMN option_points text NULL;
ALTER TABLE responses ADD COLUMN number_value real NULL;

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
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'points', p.key, p.value FROM json_each(COALESCE(NEW.option_points, '{}')) p WHERE p.value <> 0
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + excluded.n;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'scale', s.key || ':' || s.value, 1 FROM json_each(COALESCE(NEW.ratings, '{}')) s WHERE true
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER responses_tally_update AFTER UPDATE OF value, normalized, option_ids, option_points, ratings ON responses BEGIN
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'value' AND key = CAST(OLD.value AS text);
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'word' AND key = OLD.normalized;
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'option' AND key IN (SELECT value FROM json_each(COALESCE(OLD.option_ids, '[]')));
    UPDATE result_tallies SET n = n - (SELECT p.value FROM json_each(OLD.option_points) p WHERE p.key = result_tallies.key)
        WHERE activity_id = OLD.activity_id AND kind = 'points' AND key IN (SELECT key FROM json_each(COALESCE(OLD.option_points, '{}')));
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'scale' AND key IN (SELECT s.key || ':' || s.value FROM json_each(COALESCE(OLD.ratings, '{}')) s);
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'value', CAST(NEW.value AS text), 1 WHERE NEW.value IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'word', NEW.normalized, 1 WHERE NEW.normalized IS NOT NULL
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'option', o.value, 1 FROM json_each(COALESCE(NEW.option_ids, '[]')) o WHERE true
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'points', p.key, p.value FROM json_each(COALESCE(NEW.option_points, '{}')) p WHERE p.value <> 0
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + excluded.n;
    INSERT INTO result_tallies (activity_id, kind, key, n) SELECT NEW.activity_id, 'scale', s.key || ':' || s.value, 1 FROM json_each(COALESCE(NEW.ratings, '{}')) s WHERE true
        ON CONFLICT (activity_id, kind, key, shard) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER responses_tally_delete AFTER DELETE ON responses BEGIN
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'total' AND key = '';
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'value' AND key = CAST(OLD.value AS text);
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'word' AND key = OLD.normalized;
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'option' AND key IN (SELECT value FROM json_each(COALESCE(OLD.option_ids, '[]')));
    UPDATE result_tallies SET n = n - (SELECT p.value FROM json_each(OLD.option_points) p WHERE p.key = result_tallies.key)
        WHERE activity_id = OLD.activity_id AND kind = 'points' AND key IN (SELECT key FROM json_each(COALESCE(OLD.option_points, '{}')));
    UPDATE result_tallies SET n = n - 1 WHERE activity_id = OLD.activity_id AND kind = 'scale' AND key IN (SELECT s.key || ':' || s.value FROM json_each(COALESCE(OLD.ratings, '{}')) s);
END;
-- +goose StatementEnd
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
-- The new types' activities go first, with everything that hangs on them
-- (foreign keys still on), then the rebuild back.
DELETE FROM activities WHERE type IN ('ranking', 'scales', 'points', 'numeric', 'content');
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
DROP TRIGGER responses_tally_insert;
DROP TRIGGER responses_tally_update;
DROP TRIGGER responses_tally_delete;
DELETE FROM result_tallies WHERE kind IN ('points', 'scale');
ALTER TABLE responses DROP COLUMN number_value;
ALTER TABLE responses DROP COLUMN option_points;
ALTER TABLE responses DROP COLUMN ratings;

CREATE TABLE activities_rebuilt (
    id              text PRIMARY KEY,
    session_id      text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    type            text NOT NULL CHECK (type IN ('poll', 'quiz', 'word_cloud', 'open_text', 'rating', 'qna')),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 255),
    settings        text NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    position        integer NOT NULL,
    results_visible boolean NOT NULL DEFAULT false,
    opened_at       datetime NULL,
    created_at      datetime NOT NULL,
    updated_at      datetime NOT NULL,
    closes_at       datetime NULL,
    revealed_at     datetime NULL,
    notes           text NOT NULL DEFAULT ''
);
INSERT INTO activities_rebuilt (id, session_id, type, title, settings, status, position, results_visible, opened_at, created_at, updated_at, closes_at, revealed_at, notes) SELECT id, session_id, type, title, settings, status, position, results_visible, opened_at, created_at, updated_at, closes_at, revealed_at, notes FROM activities;
DROP TABLE activities;
ALTER TABLE activities_rebuilt RENAME TO activities;
CREATE INDEX activities_session ON activities (session_id, position);
CREATE INDEX activities_due ON activities (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL;

CREATE TABLE result_tallies_rebuilt (
    activity_id text    NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    kind        text    NOT NULL CHECK (kind IN ('total', 'option', 'value', 'word')),
    key         text    NOT NULL,
    shard       integer NOT NULL DEFAULT 0, -- one writer: always 0 here
    n           integer NOT NULL,
    PRIMARY KEY (activity_id, kind, key, shard)
);
INSERT INTO result_tallies_rebuilt (activity_id, kind, key, shard, n) SELECT activity_id, kind, key, shard, n FROM result_tallies;
DROP TABLE result_tallies;
ALTER TABLE result_tallies_rebuilt RENAME TO result_tallies;

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
COMMIT;
PRAGMA foreign_keys = ON;
