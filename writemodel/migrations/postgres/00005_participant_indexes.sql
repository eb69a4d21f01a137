-- +goose NO TRANSACTION
-- +goose Up
-- Rows of a participant, found by the participant alone. The projector
-- re-reads the answers, questions and upvotes of the participants each
-- batch touched; keyed by session as well, a plan made before the session's
-- answers were counted (a burst outruns autovacuum's ANALYZE) reads every
-- answer of the session to find them: ~3 ms per batch at 40,000 answers.
-- The foreign keys' ON DELETE CASCADE needs the same indexes: without
-- them, deleting a session of 40,000 participants scanned the session's
-- answers once per participant (15 s). CONCURRENTLY: answers keep coming
-- while a live database is migrated. Should a build fail midway, Postgres
-- keeps an invalid index that IF NOT EXISTS would then skip: drop it
-- (DROP INDEX CONCURRENTLY name) and run `caja migrate up` again.
CREATE INDEX CONCURRENTLY IF NOT EXISTS responses_participant ON responses (participant_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS questions_participant ON questions (participant_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS questions_session ON questions (session_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS question_upvotes_participant ON question_upvotes (participant_id);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS question_upvotes_participant;
DROP INDEX CONCURRENTLY IF EXISTS questions_session;
DROP INDEX CONCURRENTLY IF EXISTS questions_participant;
DROP INDEX CONCURRENTLY IF EXISTS responses_participant;
