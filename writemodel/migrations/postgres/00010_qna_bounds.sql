-- +goose NO TRANSACTION
-- +goose Up
-- Which question an outbox row changed: the projector updates that
-- question's document in the paged list instead of re-reading them all.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS question_id uuid NULL;
-- A question's upvotes, kept by the database in the upvote's own
-- transaction (never +1 in Go), so that the top questions come from an
-- index (ORDER BY … LIMIT) instead of counting every question's upvotes.
ALTER TABLE questions ADD COLUMN IF NOT EXISTS upvotes integer NOT NULL DEFAULT 0;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION caja_question_upvotes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE questions SET upvotes = upvotes + 1 WHERE id = NEW.question_id;
    ELSE
        UPDATE questions SET upvotes = upvotes - 1 WHERE id = OLD.question_id;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
DROP TRIGGER IF EXISTS question_upvotes_tally ON question_upvotes;
CREATE TRIGGER question_upvotes_tally AFTER INSERT OR DELETE ON question_upvotes
    FOR EACH ROW EXECUTE FUNCTION caja_question_upvotes();
-- After the trigger exists, so an upvote during the migration is not lost.
UPDATE questions q SET upvotes = (SELECT COUNT(*) FROM question_upvotes u WHERE u.question_id = q.id);
-- The views' top questions: pinned first, then by upvotes, then oldest.
CREATE INDEX CONCURRENTLY IF NOT EXISTS questions_rank ON questions (activity_id, pinned DESC, upvotes DESC, created_at, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS questions_public_rank ON questions (activity_id, pinned DESC, upvotes DESC, created_at, id)
    WHERE status IN ('approved', 'answered');

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS questions_public_rank;
DROP INDEX CONCURRENTLY IF EXISTS questions_rank;
DROP TRIGGER IF EXISTS question_upvotes_tally ON question_upvotes;
DROP FUNCTION IF EXISTS caja_question_upvotes();
ALTER TABLE questions DROP COLUMN IF EXISTS upvotes;
ALTER TABLE outbox DROP COLUMN IF EXISTS question_id;
