-- Listening (issue 9): crisis mode, what an abuse disclosure said, the country for helplines,
-- and words kept from the chat.

-- Crisis mode: after a crisis reply, until the user taps "I'm okay to carry on" or this time
-- passes (24 hours), every message gets a caring reply and scheduled messages are held back.
ALTER TABLE safety ADD COLUMN crisis_until TEXT;
-- The user's own words when they told the bot about abuse (a JSON list, newest last, a few
-- at most): the informed confirmation before step 7 shows them again.
ALTER TABLE safety ADD COLUMN abuse_words TEXT;
-- When the informed confirmation screen was shown: its final button counts only after it.
ALTER TABLE safety ADD COLUMN hold_reviewed_at TEXT;

-- Telegram's language code from the user's updates, and the country the user picked or typed
-- for helplines (else it is inferred from the time zone, then the language code).
ALTER TABLE users ADD COLUMN language_code TEXT;
ALTER TABLE users ADD COLUMN country TEXT;

-- Words kept from the chat ("keep it in my journal" under the companion's reply). Same shape
-- as the journal feature's table, so the two merge into one: kept_at stays NULL while the
-- words are only offered; such rows are forgotten when a newer offer replaces them.
CREATE TABLE journal_entries (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    prompt     TEXT,
    source     TEXT NOT NULL DEFAULT 'write',
    created_at TEXT NOT NULL,
    edited_at  TEXT,
    kept_at    TEXT
);
CREATE INDEX journal_entries_user ON journal_entries(user_id, kept_at, id);

-- Kept words: the newest 1000 per user.
CREATE TRIGGER journal_entries_cap AFTER INSERT ON journal_entries
WHEN (SELECT COUNT(*) FROM journal_entries WHERE user_id = NEW.user_id) > 1000
BEGIN
    DELETE FROM journal_entries WHERE user_id = NEW.user_id AND id NOT IN (
        SELECT id FROM journal_entries WHERE user_id = NEW.user_id ORDER BY id DESC LIMIT 1000);
END;
