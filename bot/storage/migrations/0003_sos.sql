-- The unsent-message box and the pep-talk rotation (urges themselves live in 0002's table).
CREATE TABLE drafts (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    urge_id      INTEGER REFERENCES urges(id) ON DELETE SET NULL,
    body         TEXT NOT NULL,
    written_at   TEXT NOT NULL,
    late_night   INTEGER NOT NULL DEFAULT 0 CHECK (late_night IN (0, 1)),
    -- The answer to "still want to send this?" when a late-night draft comes back.
    revisit      TEXT CHECK (revisit IN ('let_go', 'still', 'sent')),
    revisited_at TEXT
);
CREATE INDEX drafts_user ON drafts(user_id, written_at);

-- Which pep talks each user has been shown, so none repeats within the last few.
CREATE TABLE pep_history (
    id       INTEGER PRIMARY KEY,
    user_id  INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    pep_id   INTEGER NOT NULL,
    shown_at TEXT NOT NULL
);
CREATE INDEX pep_history_user ON pep_history(user_id, id);
