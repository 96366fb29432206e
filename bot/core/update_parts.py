"""What the intake (bot/core/intake.py) reads from an update: whose lane it goes to, the words
it carries, what makes it a repeat, and the one message that stands for several merged ones."""

from __future__ import annotations

from typing import Any

from telegram import Update


def lane_key(update: object) -> tuple[str, int] | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return "user", update.effective_user.id
    if update.effective_chat is not None:
        return "chat", update.effective_chat.id
    return None


def words_of(update: object) -> str | None:
    """The words an update carries (text, caption, edit), or None (stickers, buttons...)."""
    if not isinstance(update, Update):
        return None
    message = update.message or update.edited_message
    if message is None:
        return None
    return message.text or message.caption or None


def fingerprint(update: object) -> tuple[str, str] | None:
    """What makes two updates the same thing said again."""
    if not isinstance(update, Update):
        return None
    if update.callback_query is not None:
        return "button", update.callback_query.data or ""
    message = update.message
    if message is None:
        return None
    if message.text or message.caption:
        return "words", message.text or message.caption or ""
    attachment = message.effective_attachment
    unique = getattr(attachment, "file_unique_id", None)
    if isinstance(attachment, tuple) and attachment:  # a photo: its sizes
        unique = attachment[-1].file_unique_id
    return ("file", unique) if unique else None


def merged_update(first: Update, words: str) -> Update:
    """One plain text message standing for several: the first one's id, sender, chat and
    date, the texts joined. Nothing else is carried over (entities, commands, attachments
    belonged to single messages)."""
    original = first.message or first.edited_message
    assert original is not None
    data = original.to_dict()
    message: dict[str, Any] = {
        name: data[name] for name in ("message_id", "date", "chat", "from") if name in data}
    message["text"] = words
    return Update.de_json({"update_id": first.update_id, "message": message}, first.get_bot())
