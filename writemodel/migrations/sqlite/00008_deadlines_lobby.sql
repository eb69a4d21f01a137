-- +goose Up
-- An activity's deadline and the session's "Present also opens" setting,
-- with the indexes of the deadline sweep and the lobby (see the Postgres
-- migration). Quizzes open at the upgrade keep no deadline here: the
-- embedded mode is one process, and its organizer closes them.
ALTER TABLE activities ADD COLUMN closes_at datetime NULL;
ALTER TABLE sessions ADD COLUMN open_on_present boolean NOT NULL DEFAULT true;
CREATE INDEX activities_due ON activities (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL;
CREATE INDEX participants_recent ON participants (session_id, created_at DESC, id DESC) WHERE kicked_at IS NULL;

-- +goose Down
DROP INDEX participants_recent;
DROP INDEX activities_due;
ALTER TABLE sessions DROP COLUMN open_on_present;
ALTER TABLE activities DROP COLUMN closes_at;
