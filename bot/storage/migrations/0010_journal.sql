-- The journal, the trusted person, and the last button handled on each message.
-- Free journal entries (and the "keep it in my journal" offers): kept_at stays NULL while the
-- words are only offered; such rows are not in the journal and are forgotten after a day.
-- A database migrated by 0009 as first released has this table already, in this same shape
-- (the companion's stand-in for the journal): IF NOT EXISTS takes it, and its rows, as they are.
CREATE TABLE IF NOT EXISTS journal_entries (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    prompt     TEXT,                    -- the prompt the user asked for, as it was shown
    source     TEXT NOT NULL DEFAULT 'write',   -- 'write' | 'fallback' | another feature's name
    created_at TEXT NOT NULL,
    edited_at  TEXT,
    kept_at    TEXT
);
CREATE INDEX IF NOT EXISTS journal_entries_user ON journal_entries(user_id, kept_at, id);
CREATE INDEX IF NOT EXISTS journal_offers ON journal_entries(created_at) WHERE kept_at IS NULL;
-- That stand-in kept the newest 1000 rows per user and deleted older ones. A journal keeps every
-- entry the user chose to keep (each a deliberate /write or tap; offers are one per user).
DROP TRIGGER IF EXISTS journal_entries_cap;

-- The one person the user would call when it gets hard (step 2, /settings, SOS "talk").
CREATE TABLE trusted_people (
    user_id    INTEGER NOT NULL PRIMARY KEY REFERENCES users(user_id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    reach      TEXT,                    -- how to reach them, as the user wrote it
    updated_at TEXT NOT NULL
);

-- The last button handled on each message, so a double tap gets a toast, not a second run.
-- Ids and callback data only, nothing the user wrote; pruned after a week.
CREATE TABLE button_taps (
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL,
    data       TEXT NOT NULL,
    tapped_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, message_id)
);
CREATE INDEX button_taps_at ON button_taps(tapped_at);
