-- +goose Up
-- Rows of a participant, found by the participant alone (see the Postgres
-- migration).
CREATE INDEX IF NOT EXISTS responses_participant ON responses (participant_id);
CREATE INDEX IF NOT EXISTS questions_participant ON questions (participant_id);
CREATE INDEX IF NOT EXISTS questions_session ON questions (session_id);
CREATE INDEX IF NOT EXISTS question_upvotes_participant ON question_upvotes (participant_id);

-- +goose Down
DROP INDEX IF EXISTS question_upvotes_participant;
DROP INDEX IF EXISTS questions_session;
DROP INDEX IF EXISTS questions_participant;
DROP INDEX IF EXISTS responses_participant;
