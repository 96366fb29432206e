-- Users, their place in the conversation, their answers, and the generic job table.
CREATE TABLE users (
    user_id        INTEGER PRIMARY KEY,
    chat_id        INTEGER NOT NULL,
    display_name   TEXT,
    ex_pronoun     TEXT NOT NULL DEFAULT 'they',
    ex_nickname    TEXT,
    breakup_date   TEXT,
    timezone       TEXT NOT NULL DEFAULT 'UTC',
    checkin_time   TEXT NOT NULL DEFAULT '20:00',
    no_contact_since TEXT,
    state          TEXT,
    state_data     TEXT NOT NULL DEFAULT '{}',
    onboarded_at   TEXT,
    active         INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE step_progress (
    user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    step         INTEGER NOT NULL CHECK (step BETWEEN 1 AND 7),
    status       TEXT NOT NULL CHECK (status IN ('started', 'done')),
    started_at   TEXT NOT NULL,
    completed_at TEXT,
    PRIMARY KEY (user_id, step)
);

CREATE TABLE answers (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    step       INTEGER NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX answers_user_step ON answers(user_id, step, key);

CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    due_at      TEXT NOT NULL,
    payload     TEXT NOT NULL DEFAULT '{}',
    dedupe_key  TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'done', 'missed', 'cancelled', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    UNIQUE (user_id, kind, dedupe_key)
);
CREATE INDEX jobs_due ON jobs(status, due_at);
