"""The getUpdates request, with updates PTB cannot read reduced to their id.

PTB parses a whole getUpdates batch at once; when one update in it fails to parse, PTB logs the
batch at CRITICAL and fetches the same batch again without confirming it: one malformed update
(a Bot API change, a local Bot API server's quirk) would stop the bot for good, in a tight loop
of requests and log lines (measured: 327 polls in 2 s). This wrapper around the request checks
each update of a getUpdates answer with Update.de_json and replaces one that fails with
{"update_id": id}: an empty update no handler takes, so PTB confirms it and moves on. A warning
names the update id and the error type, never the update's content.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)


class UpdatesWrapper(BaseRequest):
    """Wraps the request object PTB fetches updates with, forwarding every exchange to `inner`
    (only public BaseRequest API: PTB's post() parses, this forwards the raw exchange); a 200
    answer to getUpdates passes through `fetched` on its way back."""

    def __init__(self, inner: BaseRequest) -> None:
        self.inner = inner

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE, write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE, pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        code, payload = await self.inner.do_request(
            url, method, request_data, read_timeout=read_timeout, write_timeout=write_timeout,
            connect_timeout=connect_timeout, pool_timeout=pool_timeout)
        if code != 200 or not url.endswith("/getUpdates"):
            return code, payload
        return code, self.fetched(payload)

    def fetched(self, payload: bytes) -> bytes:
        """A getUpdates answer's body, as PTB is to read it."""
        return payload


class SkipUnreadable(UpdatesWrapper):
    def __init__(self, inner: BaseRequest) -> None:
        super().__init__(inner)
        self.skipped = 0

    def fetched(self, payload: bytes) -> bytes:
        return self.readable(payload)

    def readable(self, payload: bytes) -> bytes:
        try:
            data = json.loads(payload)
        except ValueError:
            return payload  # PTB reports an unreadable answer itself (and retries)
        result = data.get("result") if isinstance(data, dict) else None
        if not isinstance(result, list):
            return payload
        changed = False
        for index, item in enumerate(result):
            try:
                Update.de_json(item, None)
                continue
            except Exception as exc:
                error = type(exc).__name__
            update_id = item.get("update_id") if isinstance(item, dict) else None
            if not isinstance(update_id, int):
                continue  # without an id PTB fails on it too: nothing better to do
            log.warning("update %d cannot be read (%s): skipped", update_id, error)
            result[index] = {"update_id": update_id}
            self.skipped += 1
            changed = True
        return json.dumps(data).encode() if changed else payload
