-- +goose Up
-- Moderation of free text before it shows: the session's profanity filter
-- (off, hold: entries with a listed word wait for approval, hide: they are
-- hidden) with the organizer's own words (a JSON array, NULL: none), and
-- the approvals: an open-text answer approved, a word-cloud word approved
-- (every entry of that normalised word). Whether an entry is held is
-- decided when it is rendered, from these and the activity's
-- settings.moderation, so the answer path writes nothing more.
ALTER TABLE sessions ADD COLUMN profanity_filter text NOT NULL DEFAULT 'hold'
    CHECK (profanity_filter IN ('off', 'hold', 'hide'));
ALTER TABLE sessions ADD COLUMN profanity_words text;
ALTER TABLE responses ADD COLUMN approved boolean NOT NULL DEFAULT false;

CREATE TABLE approved_words (
    activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    normalized  text NOT NULL,
    PRIMARY KEY (activity_id, normalized)
);

-- +goose Down
DROP TABLE approved_words;
ALTER TABLE responses DROP COLUMN approved;
ALTER TABLE sessions DROP COLUMN profanity_words;
ALTER TABLE sessions DROP COLUMN profanity_filter;
