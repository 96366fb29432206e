-- Safety: one row per user the safety feature has something to remember about.
-- paused_*: the conversation state a crisis message interrupted, so "carry on" can resume it.
-- abuse_flag_*: the user told step 1 they did not feel safe, or named violence, threats or
-- control; step 7 (reaching out to the ex) stays locked until step7_confirmed_at is set.
CREATE TABLE safety (
    user_id            INTEGER NOT NULL PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
    paused_state       TEXT,
    paused_data        TEXT,
    crisis_count       INTEGER NOT NULL DEFAULT 0,
    last_crisis_at     TEXT,
    abuse_flag_at      TEXT,
    abuse_flag_source  TEXT,
    step7_confirmed_at TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
