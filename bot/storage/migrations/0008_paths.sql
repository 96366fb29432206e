-- The plan's path (issue 10): chosen by step 1's "do you actually want them back?", changed in
-- /settings or step 7; 'safety' while the abuse screen's flag holds (bot/core/paths.py).
-- NULL until step 1 is answered: the words then stay neutral.
ALTER TABLE users ADD COLUMN path TEXT
    CHECK (path IS NULL OR path IN ('reconnect', 'unsure', 'moving_on', 'safety'));

-- Users who answered step 1 before paths existed follow their latest answer...
UPDATE users SET path = CASE (
        SELECT value FROM answers
        WHERE answers.user_id = users.user_id AND step = 1 AND key = 'want_back'
        ORDER BY id DESC LIMIT 1)
    WHEN 'yes' THEN 'reconnect' WHEN 'unsure' THEN 'unsure' WHEN 'no' THEN 'moving_on' END;

-- ...and anyone the abuse screen flagged, who has not confirmed since, is on the safety path.
UPDATE users SET path = 'safety' WHERE user_id IN (
    SELECT user_id FROM safety
    WHERE abuse_flag_at IS NOT NULL AND step7_confirmed_at IS NULL);

-- A check-in's "did you contact them?" on the day the user sent their planned step-7 message:
-- 1 when the contact that day was that message and nothing else (not a slip).
ALTER TABLE checkins ADD COLUMN contact_planned INTEGER NOT NULL DEFAULT 0
    CHECK (contact_planned IN (0, 1));
