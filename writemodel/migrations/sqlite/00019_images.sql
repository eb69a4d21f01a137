-- +goose Up
-- Images of activities and options (see the Postgres migration).
CREATE TABLE images (
    id           text PRIMARY KEY CHECK (length(id) = 64),
    content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    width        integer NOT NULL CHECK (width BETWEEN 1 AND 1920),
    height       integer NOT NULL CHECK (height BETWEEN 1 AND 1920),
    data         blob NOT NULL,
    created_at   datetime NOT NULL
);

CREATE TABLE session_images (
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    image_id   text NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    created_at datetime NOT NULL,
    PRIMARY KEY (session_id, image_id)
);
CREATE INDEX session_images_image ON session_images (image_id);

-- +goose StatementBegin
CREATE TRIGGER session_images_release AFTER DELETE ON session_images BEGIN
    DELETE FROM images
     WHERE id = OLD.image_id
       AND NOT EXISTS (SELECT 1 FROM session_images s WHERE s.image_id = OLD.image_id);
END;
-- +goose StatementEnd

ALTER TABLE activities ADD COLUMN image_id text REFERENCES images (id) ON DELETE SET NULL;
ALTER TABLE activity_options ADD COLUMN image_id text REFERENCES images (id) ON DELETE SET NULL;
CREATE INDEX activities_image ON activities (image_id) WHERE image_id IS NOT NULL;
CREATE INDEX activity_options_image ON activity_options (image_id) WHERE image_id IS NOT NULL;

-- +goose Down
DROP INDEX activity_options_image;
DROP INDEX activities_image;
ALTER TABLE activity_options DROP COLUMN image_id;
ALTER TABLE activities DROP COLUMN image_id;
DROP TRIGGER session_images_release;
DROP TABLE session_images;
DROP TABLE images;
