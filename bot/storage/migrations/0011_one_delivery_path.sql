-- One delivery path (bot/delivery/__init__.py): every message the bot sends on its own initiative
-- is an outbox row, due now or later, claimed and delivered by the one paced sender. The jobs
-- table is folded into the outbox (a job was "a message due later"); recurring schedules are
-- users columns that a producer turns into outbox rows when they come due.

-- The outbox, keyed by (user, kind, key): the local date for daily and weekly kinds, the thing
-- followed up for the others ('u12' an urge, 'd7' a draft, 'sent2' a step-7 message).
--   queued:     handed to the sender of the running process (back to pending at start-up)
--   not_before: held back (an open question): not looked at again before this
--   reason:     why a row was missed, skipped or cancelled (late, paused, crisis, settled ...)
CREATE TABLE outbox_new (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    local_date TEXT NOT NULL,
    due_at     TEXT NOT NULL,
    not_before TEXT,
    priority   INTEGER NOT NULL DEFAULT 1,
    payload    TEXT NOT NULL DEFAULT '{}',
    status     TEXT NOT NULL DEFAULT 'pending'
               CHECK (status IN ('pending', 'queued', 'sending', 'sent', 'missed', 'skipped',
                                 'uncertain', 'failed', 'cancelled')),
    reason     TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    sent_at    TEXT,
    message_id INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, kind, key)
);

INSERT INTO outbox_new (id, user_id, kind, key, local_date, due_at, priority, status, attempts,
                        sent_at, message_id, created_at)
SELECT id, user_id, kind, local_date, local_date, due_at,
       CASE kind WHEN 'weekly_summary' THEN 2 ELSE 1 END, status, attempts, sent_at, message_id,
       created_at
FROM outbox;

-- Follow-ups still to come move over as they were; one a crashed run had started may have gone
-- out, so it is recorded uncertain and never sent again. (Weekly summaries become
-- users.next_summary_at below.) The crisis follow-up that 0009's listening work booked as a
-- 'safety.followup' job is the outbox's 'crisis_followup', keyed like one booked from now on by
-- the date it is due on.
INSERT INTO outbox_new (user_id, kind, key, local_date, due_at, priority, payload, status,
                        attempts, created_at)
SELECT user_id,
       CASE kind WHEN 'safety.followup' THEN 'crisis_followup' ELSE kind END,
       CASE kind WHEN 'safety.followup' THEN substr(due_at, 1, 10) ELSE dedupe_key END,
       substr(due_at, 1, 10), due_at,
       CASE WHEN kind IN ('sos.wait', 'safety.followup') THEN 0 ELSE 1 END, payload,
       CASE status WHEN 'pending' THEN 'pending' ELSE 'uncertain' END, attempts, created_at
FROM jobs
WHERE kind IN ('sos.wait', 'sos.morning', 'step7.followup', 'step7.remind', 'safety.followup')
  AND status IN ('pending', 'sending')
ON CONFLICT (user_id, kind, key) DO NOTHING;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;

-- The dispatcher reads due pending rows in (priority, due) order; rows due later are few
-- (follow-ups), rows that are settled are most of the table and stay out of this index.
CREATE INDEX outbox_pending ON outbox(priority, due_at) WHERE status = 'pending';
CREATE INDEX outbox_status ON outbox(status);

-- Outbox: the newest 400 rows per user (over a year of daily messages); an older one goes once
-- it is settled. A row's slot only matters on its own local date.
CREATE TRIGGER outbox_cap AFTER INSERT ON outbox
WHEN (SELECT COUNT(*) FROM outbox WHERE user_id = NEW.user_id) > 400
BEGIN
    DELETE FROM outbox WHERE user_id = NEW.user_id
        AND status NOT IN ('pending', 'queued', 'sending')
        AND id NOT IN (SELECT id FROM outbox WHERE user_id = NEW.user_id
                       ORDER BY id DESC LIMIT 400);
END;

-- Recurring schedules: when each user's next weekly summary and morning item are due (the
-- daily check-in's is next_checkin_at, from 0002). Each has the index the producer reads due
-- users with, and one for users who should have a due time but have none (new, resumed, back).
ALTER TABLE users ADD COLUMN next_summary_at TEXT;
ALTER TABLE users ADD COLUMN next_programme_at TEXT;
-- The daily programme: the local time of the morning item (NULL: none), and whether the user
-- was asked (once, after step 4).
ALTER TABLE users ADD COLUMN programme_time TEXT;
ALTER TABLE users ADD COLUMN programme_asked INTEGER NOT NULL DEFAULT 0;
-- When users.state was last set: a question asked hours ago no longer holds messages back.
ALTER TABLE users ADD COLUMN state_at TEXT;

CREATE INDEX users_next_summary ON users(next_summary_at) WHERE next_summary_at IS NOT NULL;
CREATE INDEX users_next_programme ON users(next_programme_at)
    WHERE next_programme_at IS NOT NULL;
CREATE INDEX users_needing_summary ON users(user_id)
    WHERE next_summary_at IS NULL AND active = 1 AND checkins_paused = 0
      AND onboarded_at IS NOT NULL;
CREATE INDEX users_needing_programme ON users(user_id)
    WHERE next_programme_at IS NULL AND programme_time IS NOT NULL AND active = 1
      AND checkins_paused = 0 AND no_contact_since IS NOT NULL AND onboarded_at IS NOT NULL;

UPDATE users SET next_summary_at = (
    SELECT MIN(due_at) FROM jobs j
    WHERE j.user_id = users.user_id AND j.kind = 'weekly_summary' AND j.status = 'pending');

DROP TABLE jobs;

-- Crisis mode is safety.crisis_until (0009_listening): bot/delivery/hold.py reads it to hold
-- check-ins, milestones, morning items and prompts back.


-- The daily programme: which item each user got on each local day. An item counts as used once
-- its morning message was sent or /today showed it (shown_at), so an item held back by crisis
-- mode is offered again on a later morning; no item is ever used twice (the picker's rule).
CREATE TABLE programme_days (
    user_id    INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    local_date TEXT NOT NULL,
    item_id    INTEGER NOT NULL,
    shown_at   TEXT,
    answer     TEXT CHECK (answer IN ('yes', 'no')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, local_date)
);
