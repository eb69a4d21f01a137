-- +goose Up
-- Speaker notes of an activity (Markdown, at most 5,000 characters, checked
-- by the commands): the organizer's only, never in a participant's or the
-- display's view.
ALTER TABLE activities ADD COLUMN notes text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE activities DROP COLUMN notes;
