-- The dispatcher looks every few seconds for users who should have a check-in scheduled but have
-- none; at 100,000 users a full scan per pass is too slow, so index exactly that set.
CREATE INDEX users_needing_schedule ON users(user_id)
    WHERE next_checkin_at IS NULL AND active = 1 AND checkins_paused = 0
      AND no_contact_since IS NOT NULL AND onboarded_at IS NOT NULL;
