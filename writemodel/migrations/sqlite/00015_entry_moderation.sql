-- +goose Up
-- Moderation of free text (see the Postgres migration).
ALTER TABLE responses ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

CREATE TABLE hidden_words (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    normalized  TEXT NOT NULL,
    PRIMARY KEY (activity_id, normalized)
);

CREATE INDEX responses_activity_word ON responses (activity_id, normalized) WHERE normalized IS NOT NULL;

-- +goose Down
DROP INDEX responses_activity_word;
DROP TABLE hidden_words;
ALTER TABLE responses DROP COLUMN hidden;
