-- Updates whose handling saved something (bot/storage/handled.py): a redelivered update id is
-- recognised and not handled twice. Ids only, nothing the user wrote; pruned after two days.
CREATE TABLE processed_updates (
    bot_id     INTEGER NOT NULL,
    update_id  INTEGER NOT NULL,
    handled_at TEXT NOT NULL,
    PRIMARY KEY (bot_id, update_id)
) WITHOUT ROWID;
CREATE INDEX processed_updates_at ON processed_updates(handled_at);
