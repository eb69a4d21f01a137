-- +goose Up
-- See the Postgres migration: the question an outbox row changed, and a
-- question's upvotes kept by triggers for the ranked index.
ALTER TABLE outbox ADD COLUMN question_id text NULL;
ALTER TABLE questions ADD COLUMN upvotes integer NOT NULL DEFAULT 0;
UPDATE questions SET upvotes = (SELECT COUNT(*) FROM question_upvotes u WHERE u.question_id = questions.id);
-- +goose StatementBegin
CREATE TRIGGER question_upvotes_tally_insert AFTER INSERT ON question_upvotes BEGIN
    UPDATE questions SET upvotes = upvotes + 1 WHERE id = NEW.question_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER question_upvotes_tally_delete AFTER DELETE ON question_upvotes BEGIN
    UPDATE questions SET upvotes = upvotes - 1 WHERE id = OLD.question_id;
END;
-- +goose StatementEnd
CREATE INDEX questions_rank ON questions (activity_id, pinned DESC, upvotes DESC, created_at, id);
CREATE INDEX questions_public_rank ON questions (activity_id, pinned DESC, upvotes DESC, created_at, id)
    WHERE status IN ('approved', 'answered');

-- +goose Down
DROP INDEX questions_public_rank;
DROP INDEX questions_rank;
DROP TRIGGER question_upvotes_tally_delete;
DROP TRIGGER question_upvotes_tally_insert;
ALTER TABLE questions DROP COLUMN upvotes;
ALTER TABLE outbox DROP COLUMN question_id;
