-- +goose Up
-- Moderation of free text before it shows (see the Postgres migration).
ALTER TABLE sessions ADD COLUMN profanity_filter TEXT NOT NULL DEFAULT 'hold'
    CHECK (profanity_filter IN ('off', 'hold', 'hide'));
ALTER TABLE sessions ADD COLUMN profanity_words TEXT;
ALTER TABLE responses ADD COLUMN approved INTEGER NOT NULL DEFAULT 0;

CREATE TABLE approved_words (
    activity_id TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    normalized  TEXT NOT NULL,
    PRIMARY KEY (activity_id, normalized)
);

-- +goose Down
DROP TABLE approved_words;
ALTER TABLE responses DROP COLUMN approved;
ALTER TABLE sessions DROP COLUMN profanity_words;
ALTER TABLE sessions DROP COLUMN profanity_filter;
