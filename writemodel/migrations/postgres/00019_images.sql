-- +goose Up
-- Images an organizer uploads for activities and options (issue 17). An
-- image is stored once, addressed by the SHA-256 (hex) of its stored bytes,
-- so uploading the same file twice, or to two sessions, keeps one row;
-- session_images says which sessions may use it. A duplicated session gets
-- links of its own to the same images; deleting a session deletes its links
-- (cascade) and the trigger below deletes each image no session links any
-- more, in the same statement.
CREATE TABLE images (
    id           text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
    content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    width        integer NOT NULL CHECK (width BETWEEN 1 AND 1920),
    height       integer NOT NULL CHECK (height BETWEEN 1 AND 1920),
    data         bytea NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE TABLE session_images (
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    image_id   text NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, image_id)
);
CREATE INDEX session_images_image ON session_images (image_id);

-- +goose StatementBegin
CREATE FUNCTION session_images_release() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM images i
     WHERE i.id = OLD.image_id
       AND NOT EXISTS (SELECT 1 FROM session_images s WHERE s.image_id = OLD.image_id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER session_images_release AFTER DELETE ON session_images
    FOR EACH ROW EXECUTE FUNCTION session_images_release();

-- The image shown with an activity or an option. Commands accept only an
-- image linked to the activity's session; the key keeps a reference from
-- outliving its image.
ALTER TABLE activities ADD COLUMN image_id text REFERENCES images (id) ON DELETE SET NULL;
ALTER TABLE activity_options ADD COLUMN image_id text REFERENCES images (id) ON DELETE SET NULL;
CREATE INDEX activities_image ON activities (image_id) WHERE image_id IS NOT NULL;
CREATE INDEX activity_options_image ON activity_options (image_id) WHERE image_id IS NOT NULL;

-- +goose Down
DROP INDEX activity_options_image;
DROP INDEX activities_image;
ALTER TABLE activity_options DROP COLUMN image_id;
ALTER TABLE activities DROP COLUMN image_id;
DROP TRIGGER session_images_release ON session_images;
DROP FUNCTION session_images_release();
DROP TABLE session_images;
DROP TABLE images;
