"""An in-process stand-in for the Bot API at PTB's request layer: it answers every method the
bot uses as Telegram would and records what was sent. The console chat and the tests use it."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.ui import tghtml

BOT_ID = 123456789
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Comeback Coach", "username": "comeback_coach_bot",
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": False}
# A fault hook may answer a call itself: return (status, body-dict) to fail it, None to pass.
FaultFn = Callable[[str, dict[str, Any]], "tuple[int, dict[str, Any]] | None"]


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    message_id: int | None = None  # the message sent (or edited), as Telegram numbers it

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def markup(self) -> dict[str, Any] | None:
        raw = self.params.get("reply_markup")
        if isinstance(raw, str):
            return json.loads(raw)  # type: ignore[no-any-return]
        return raw  # type: ignore[no-any-return]

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data or label) for every button on this message."""
        markup = self.markup or {}
        out: list[tuple[str, str]] = []
        for row in markup.get("inline_keyboard", []):
            out.extend((b["text"], b.get("callback_data", "")) for b in row)
        for row in markup.get("keyboard", []):
            out.extend((b["text"] if isinstance(b, dict) else b, "") for b in row)
        return out


class StandInRequest(BaseRequest):
    """Answers Bot API calls locally. `calls` keeps every call; `fault` can inject failures."""

    SENDS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})

    def __init__(self, fault: FaultFn | None = None, delay: float = 0.0) -> None:
        self.calls: list[Call] = []
        # Calls refused the way Telegram would refuse them, with the error description.
        self.rejected: list[tuple[Call, str]] = []
        self.fault = fault
        self.delay = delay
        self._ids = itertools.count(1)
        self._files = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def sent(self, chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls if c.method in self.SENDS | {"editMessageText"}
                and (chat_id is None or c.chat_id == chat_id)]

    def clear(self) -> None:
        self.calls.clear()

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None,
        read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        if request_data and request_data.multipart_data:
            for name, value in request_data.multipart_data.items():
                params[f"file:{name}"] = value[1] if isinstance(value, tuple) else value
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.fault is not None:
            failure = self.fault(api_method, params)
            if failure is not None:
                status, body = failure
                return status, json.dumps(body).encode()
        refusal = self._refusal(api_method, params)
        if refusal is not None:
            self.rejected.append((Call(api_method, params), refusal))
            body = {"ok": False, "error_code": 400, "description": f"Bad Request: {refusal}"}
            return 400, json.dumps(body).encode()
        call = Call(api_method, params)
        self.calls.append(call)
        result = self._answer(api_method, params)
        if api_method.startswith("edit") and "message_id" in params:
            call.message_id = int(params["message_id"])
        elif isinstance(result, dict) and "message_id" in result:
            call.message_id = int(result["message_id"])
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _refusal(self, method: str, params: dict[str, Any]) -> str | None:
        """What Telegram would answer with a 400: bad HTML, empty or overlong text, bad buttons."""
        html_mode = str(params.get("parse_mode", "")).upper() == "HTML"
        if method in ("sendMessage", "editMessageText"):
            text = str(params.get("text", ""))
            if html_mode:
                problem = tghtml.message_problem(text)
            elif not text.strip():
                problem = "message text is empty"
            elif tghtml.utf16_len(text) > tghtml.MAX_MESSAGE:
                problem = "message is too long"
            else:
                problem = None
            if problem is not None:
                return problem
        if params.get("caption") and html_mode:
            caption = str(params["caption"])
            problem = tghtml.problem(caption)
            if problem is None and tghtml.utf16_len(tghtml.visible_text(caption)) > 1024:
                problem = "message caption is too long"
            if problem is not None:
                return problem
        markup = params.get("reply_markup")
        if markup:
            markup = json.loads(markup) if isinstance(markup, str) else markup
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    data = button.get("callback_data")
                    if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                        return "BUTTON_DATA_INVALID"
        return None

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 0))
        message = {
            "message_id": next(self._ids), "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
        }
        if "reply_markup" in params:
            markup = params["reply_markup"]
            markup = json.loads(markup) if isinstance(markup, str) else markup
            if "inline_keyboard" in markup:
                message["reply_markup"] = markup
        message.update(extra)
        return message

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            return self._message(params, text=params.get("text", ""))
        if method in ("editMessageText", "editMessageReplyMarkup"):
            if "inline_message_id" in params:
                return True
            # An edit keeps the message its id.
            kept = {"message_id": int(params["message_id"])} if "message_id" in params else {}
            return self._message(params, text=params.get("text", ""), edit_date=int(time.time()),
                                 **kept)
        if method == "sendPhoto":
            size = {"file_id": f"photo{next(self._files)}", "file_unique_id": "p", "width": 800,
                    "height": 400}
            return self._message(params, photo=[size], caption=params.get("caption"))
        if method == "sendDocument":
            doc = {"file_id": f"doc{next(self._files)}", "file_unique_id": "d"}
            return self._message(params, document=doc, caption=params.get("caption"))
        if method == "getUpdates":
            return []
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True
