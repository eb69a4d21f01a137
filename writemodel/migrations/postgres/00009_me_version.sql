-- +goose Up
-- Counts the changes to what participants' own documents (/participants/me)
-- may show without the phone itself acting: a kick, a change of an
-- activity's results visibility (quiz reveals), a moderated question. The
-- participant view carries it as me_marker, so phones refetch /me when it
-- moves instead of polling /me on a timer. Incremented in SQL, in the
-- change's own transaction.
ALTER TABLE sessions ADD COLUMN me_version bigint NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE sessions DROP COLUMN me_version;
