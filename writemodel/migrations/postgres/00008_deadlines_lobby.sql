-- +goose NO TRANSACTION
-- +goose Up
-- An activity's deadline (a quiz's time limit, set when it opens): the
-- server closes it then, with no organizer click, and refuses answers
-- that arrive later than a short grace. A column, not a timer in memory,
-- so that a restart, or another replica, still closes it.
ALTER TABLE activities ADD COLUMN IF NOT EXISTS closes_at timestamptz NULL;
-- Whether the dashboard's Present also opens the activity.
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS open_on_present boolean NOT NULL DEFAULT true;
-- Quizzes already open keep their time limit.
UPDATE activities
SET closes_at = opened_at + make_interval(secs => COALESCE(CAST(CAST(settings AS jsonb)->>'time_limit_s' AS integer), 20))
WHERE type = 'quiz' AND status = 'open' AND opened_at IS NOT NULL AND closes_at IS NULL;
-- The deadline sweep reads the due activities from this index only.
-- CONCURRENTLY: answers keep coming while a live database is migrated
-- (see 00005 for a build that failed midway).
CREATE INDEX CONCURRENTLY IF NOT EXISTS activities_due ON activities (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL;
-- The lobby's newest participants (ORDER BY created_at DESC LIMIT 50).
CREATE INDEX CONCURRENTLY IF NOT EXISTS participants_recent ON participants (session_id, created_at DESC, id DESC) WHERE kicked_at IS NULL;

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS participants_recent;
DROP INDEX CONCURRENTLY IF EXISTS activities_due;
ALTER TABLE sessions DROP COLUMN IF EXISTS open_on_present;
ALTER TABLE activities DROP COLUMN IF EXISTS closes_at;
