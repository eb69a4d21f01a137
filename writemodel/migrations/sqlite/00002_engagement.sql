-- +goose Up
CREATE TABLE activities (
    id              text PRIMARY KEY,
    session_id      text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    type            text NOT NULL CHECK (type IN ('poll', 'quiz', 'word_cloud', 'open_text', 'rating', 'qna')),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 255),
    settings        text NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    position        integer NOT NULL,
    results_visible boolean NOT NULL DEFAULT false,
    opened_at       datetime NULL,
    created_at      datetime NOT NULL,
    updated_at      datetime NOT NULL
);
CREATE INDEX activities_session ON activities (session_id, position);

CREATE TABLE activity_options (
    id          text PRIMARY KEY,
    activity_id text NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    correct     boolean NOT NULL DEFAULT false
);
CREATE INDEX activity_options_activity ON activity_options (activity_id, position);

CREATE TABLE participants (
    id           text PRIMARY KEY,
    session_id   text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    nickname     text NOT NULL,
    -- NFC-normalised, case-folded nickname: the uniqueness key.
    nickname_key text NOT NULL,
    token_hash   blob NOT NULL UNIQUE,
    kicked_at    datetime NULL,
    created_at   datetime NOT NULL
);
CREATE UNIQUE INDEX participants_nickname ON participants (session_id, nickname_key) WHERE kicked_at IS NULL;
CREATE INDEX participants_session ON participants (session_id);

-- One row per answer. slot is 0 except for word clouds, where it numbers a
-- participant's entries (0 .. max-1): the unique key then allows exactly
-- max entries, whatever the concurrency.
CREATE TABLE responses (
    id             text PRIMARY KEY,
    session_id     text NOT NULL,
    activity_id    text NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    participant_id text NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    slot           integer NOT NULL DEFAULT 0,
    text           text NULL,
    normalized     text NULL,
    value          integer NULL,
    correct        boolean NULL,
    points         integer NOT NULL DEFAULT 0,
    created_at     datetime NOT NULL,
    updated_at     datetime NOT NULL,
    CONSTRAINT responses_one_per_slot UNIQUE (activity_id, participant_id, slot)
);
CREATE INDEX responses_session ON responses (session_id, participant_id);

CREATE TABLE response_options (
    response_id text NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    activity_id text NOT NULL,
    option_id   text NOT NULL REFERENCES activity_options (id) ON DELETE CASCADE,
    PRIMARY KEY (response_id, option_id)
);
CREATE INDEX response_options_activity ON response_options (activity_id, option_id);

CREATE TABLE questions (
    id             text PRIMARY KEY,
    session_id     text NOT NULL,
    activity_id    text NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    participant_id text NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    text           text NOT NULL,
    status         text NOT NULL CHECK (status IN ('pending', 'approved', 'hidden', 'answered')),
    pinned         boolean NOT NULL DEFAULT false,
    created_at     datetime NOT NULL
);
CREATE INDEX questions_activity ON questions (activity_id);
-- At most one pinned question per activity.
CREATE UNIQUE INDEX questions_one_pinned ON questions (activity_id) WHERE pinned = 1;

CREATE TABLE question_upvotes (
    question_id    text NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    participant_id text NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    created_at     datetime NOT NULL,
    PRIMARY KEY (question_id, participant_id)
);

ALTER TABLE outbox ADD COLUMN activity_id text NULL;

-- +goose Down
ALTER TABLE outbox DROP COLUMN activity_id;
DROP TABLE question_upvotes;
DROP TABLE questions;
DROP TABLE response_options;
DROP TABLE responses;
DROP TABLE participants;
DROP TABLE activity_options;
DROP TABLE activities;
