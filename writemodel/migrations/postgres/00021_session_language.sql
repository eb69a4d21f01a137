-- +goose Up
-- The display's language, one of the web app's translations (a constant
-- default: no table rewrite).
ALTER TABLE sessions ADD COLUMN language text NOT NULL DEFAULT 'en'
    CHECK (language IN ('en', 'de', 'fr', 'es', 'pt', 'it', 'ar'));

-- +goose Down
ALTER TABLE sessions DROP COLUMN language;
