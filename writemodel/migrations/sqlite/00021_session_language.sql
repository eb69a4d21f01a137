-- +goose Up
-- The display's language (see the Postgres migration).
ALTER TABLE sessions ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
    CHECK (language IN ('en', 'de', 'fr', 'es', 'pt', 'it', 'ar'));

-- +goose Down
ALTER TABLE sessions DROP COLUMN language;
