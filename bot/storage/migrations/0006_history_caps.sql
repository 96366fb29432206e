-- Caps on the per-user tables that grow with use: each insert beyond the cap deletes that user's
-- oldest rows, so one user (or a flood of messages) cannot grow the file without bound. The
-- numbers are in the table modules too (URGES_KEPT ...); tests/test_history_caps.py checks both.
-- Tables not capped here grow at most a few rows a day: users, safety and step_progress (one
-- row per user or step), checkins (one per local day), slips (one per local day at most).

-- Urges: the newest 1000 per user (counts on /progress are over these).
CREATE TRIGGER urges_cap AFTER INSERT ON urges
WHEN (SELECT COUNT(*) FROM urges WHERE user_id = NEW.user_id) > 1000
BEGIN
    DELETE FROM urges WHERE user_id = NEW.user_id AND id NOT IN (
        SELECT id FROM urges WHERE user_id = NEW.user_id ORDER BY id DESC LIMIT 1000);
END;

-- Unsent drafts: the newest 500 per user (/drafts shows the last few).
CREATE TRIGGER drafts_cap AFTER INSERT ON drafts
WHEN (SELECT COUNT(*) FROM drafts WHERE user_id = NEW.user_id) > 500
BEGIN
    DELETE FROM drafts WHERE user_id = NEW.user_id AND id NOT IN (
        SELECT id FROM drafts WHERE user_id = NEW.user_id ORDER BY id DESC LIMIT 500);
END;

-- Pep talks shown: the rotation only looks at the last 30.
CREATE TRIGGER pep_history_cap AFTER INSERT ON pep_history
WHEN (SELECT COUNT(*) FROM pep_history WHERE user_id = NEW.user_id) > 30
BEGIN
    DELETE FROM pep_history WHERE user_id = NEW.user_id AND id NOT IN (
        SELECT id FROM pep_history WHERE user_id = NEW.user_id ORDER BY id DESC LIMIT 30);
END;

-- Step answers: the newest 50 per user, step and question (the steps ask for at most 30).
CREATE TRIGGER answers_cap AFTER INSERT ON answers
WHEN (SELECT COUNT(*) FROM answers
      WHERE user_id = NEW.user_id AND step = NEW.step AND key = NEW.key) > 50
BEGIN
    DELETE FROM answers WHERE user_id = NEW.user_id AND step = NEW.step AND key = NEW.key
        AND id NOT IN (SELECT id FROM answers WHERE user_id = NEW.user_id AND step = NEW.step
                       AND key = NEW.key ORDER BY id DESC LIMIT 50);
END;

-- Jobs: the newest 200 per user; an older one goes once it has run (pending ones always stay).
CREATE TRIGGER jobs_cap AFTER INSERT ON jobs
WHEN (SELECT COUNT(*) FROM jobs WHERE user_id = NEW.user_id) > 200
BEGIN
    DELETE FROM jobs WHERE user_id = NEW.user_id AND status NOT IN ('pending', 'sending')
        AND id NOT IN (SELECT id FROM jobs WHERE user_id = NEW.user_id ORDER BY id DESC LIMIT 200);
END;

-- Outbox: the newest 400 rows per user (over a year of daily check-ins); an older one goes once
-- it is settled. A row's slot only matters on its own local date.
CREATE TRIGGER outbox_cap AFTER INSERT ON outbox
WHEN (SELECT COUNT(*) FROM outbox WHERE user_id = NEW.user_id) > 400
BEGIN
    DELETE FROM outbox WHERE user_id = NEW.user_id AND status NOT IN ('pending', 'sending')
        AND id NOT IN (SELECT id FROM outbox WHERE user_id = NEW.user_id
                       ORDER BY id DESC LIMIT 400);
END;
