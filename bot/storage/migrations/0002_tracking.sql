-- No contact, check-ins, urges and the outbox: the shared tables several features read.
ALTER TABLE users ADD COLUMN checkins_paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN next_checkin_at TEXT;
ALTER TABLE users ADD COLUMN weekly_summary_day INTEGER NOT NULL DEFAULT 6;
CREATE INDEX users_next_checkin ON users(next_checkin_at) WHERE next_checkin_at IS NOT NULL;

-- One row per slip (the user contacted the ex): the streak restarts, the history stays.
CREATE TABLE slips (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    occurred_on TEXT NOT NULL,           -- local date of the slip
    note        TEXT,                    -- what set it off (optional)
    streak_days INTEGER NOT NULL,        -- the streak it ended
    created_at  TEXT NOT NULL
);
CREATE INDEX slips_user ON slips(user_id, occurred_on);

-- One row per daily check-in answered (or started) by the user.
CREATE TABLE checkins (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    local_date   TEXT NOT NULL,
    mood         INTEGER CHECK (mood BETWEEN 1 AND 5),
    contacted    INTEGER CHECK (contacted IN (0, 1)),
    urge         INTEGER CHECK (urge BETWEEN 0 AND 10),
    note         TEXT,
    created_at   TEXT NOT NULL,
    completed_at TEXT,
    UNIQUE (user_id, local_date)
);

-- Every scheduled message (check-ins, milestones, weekly summaries): one row per user, kind and
-- local date, so nothing goes out twice even across restarts or two processes.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    local_date TEXT NOT NULL,
    due_at     TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'sending', 'sent', 'missed', 'uncertain', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    sent_at    TEXT,
    message_id INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, kind, local_date)
);
CREATE INDEX outbox_status ON outbox(status, due_at);

-- Every urge to reach out: from /sos, the "I want to text them" button, free text, or a check-in.
CREATE TABLE urges (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    occurred_at TEXT NOT NULL,
    source      TEXT NOT NULL,           -- 'sos' | 'button' | 'text' | 'checkin'
    intensity   INTEGER CHECK (intensity BETWEEN 0 AND 10),
    trigger     TEXT,
    outcome     TEXT CHECK (outcome IN ('resisted', 'wrote_it', 'contacted', 'open')),
    created_at  TEXT NOT NULL
);
CREATE INDEX urges_user ON urges(user_id, occurred_at);
