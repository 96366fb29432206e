"""Builds real telegram.Update objects (via de_json) for the console chat and the tests."""

from __future__ import annotations

import itertools
import time
from typing import Any

from telegram import Bot, Update


class UpdateFactory:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        # Ids go on from run to run (like Telegram's): a restarted console or test bot over
        # the same database must not look like a redelivery (bot/core/once.py).
        self._update_ids = itertools.count(time.time_ns() // 1000)
        self._message_ids = itertools.count(10_000)

    def _user(self, user_id: int, first_name: str = "Sam") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}

    def _chat(self, chat_id: int, chat_type: str = "private") -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Sam"
        else:
            chat["title"] = "Some group"
        return chat

    def _wrap(self, **payload: Any) -> Update:
        return Update.de_json({"update_id": next(self._update_ids), **payload}, self.bot)

    def message_dict(
        self, user_id: int, text: str | None = None, *, chat_id: int | None = None,
        chat_type: str = "private", **extra: Any,
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids), "date": int(time.time()),
            "chat": self._chat(chat_id if chat_id is not None else user_id, chat_type),
            "from": self._user(user_id),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        message.update(extra)
        return message

    def text(self, user_id: int, text: str, **kwargs: Any) -> Update:
        return self._wrap(message=self.message_dict(user_id, text, **kwargs))

    def channel_post(self, chat_id: int, text: str) -> Update:
        post = {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "channel", "title": "A channel"}, "text": text}
        return self._wrap(channel_post=post)

    def edited(self, user_id: int, text: str) -> Update:
        message = self.message_dict(user_id, text)
        message["edit_date"] = int(time.time())
        return self._wrap(edited_message=message)

    def sticker(self, user_id: int) -> Update:
        sticker = {"file_id": "s1", "file_unique_id": "s1", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "type": "regular"}
        return self._wrap(message=self.message_dict(user_id, sticker=sticker))

    def photo(self, user_id: int) -> Update:
        size = {"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}
        return self._wrap(message=self.message_dict(user_id, photo=[size]))

    def voice(self, user_id: int) -> Update:
        voice = {"file_id": "v1", "file_unique_id": "v1", "duration": 3}
        return self._wrap(message=self.message_dict(user_id, voice=voice))

    def callback(
        self, user_id: int, data: str, *, message_id: int = 1, chat_id: int | None = None,
        text: str = "",
    ) -> Update:
        message = {
            "message_id": message_id, "date": int(time.time()),
            "chat": self._chat(chat_id if chat_id is not None else user_id),
            "from": {"id": 123456789, "is_bot": True, "first_name": "Comeback Coach"},
            "text": text or "…",
        }
        query = {"id": str(next(self._update_ids)), "from": self._user(user_id),
                 "chat_instance": "ci", "data": data, "message": message}
        return self._wrap(callback_query=query)
