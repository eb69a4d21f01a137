-- +goose Up
-- Moderation of free text: an open-text answer the organizer hid, and the
-- word-cloud words hidden per activity (a word hides every entry of that
-- normalised word, also the ones sent after it was hidden). Hidden entries
-- stay in the organizer's views and the export.
ALTER TABLE responses ADD COLUMN hidden boolean NOT NULL DEFAULT false;

CREATE TABLE hidden_words (
    activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    normalized  text NOT NULL,
    PRIMARY KEY (activity_id, normalized)
);

-- One entry per word of a word cloud: the id the organizer's view names a
-- word by.
CREATE INDEX responses_activity_word ON responses (activity_id, normalized) WHERE normalized IS NOT NULL;

-- +goose Down
DROP INDEX responses_activity_word;
DROP TABLE hidden_words;
ALTER TABLE responses DROP COLUMN hidden;
