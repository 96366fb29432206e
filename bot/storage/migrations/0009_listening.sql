-- Listening (issue 9): crisis mode, what an abuse disclosure said, the country for helplines.
-- (As first released, this file also created journal_entries for the companion's "keep it in my
-- journal"; the journal's migration, 0010, now creates that table, and takes it as it is where
-- this file made it already: tests/test_migrations_journal.py walks both ways.)

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
