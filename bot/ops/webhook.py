"""The webhook endpoint, served by us rather than by PTB's built-in server.

PTB's server (tornado underneath) reads the whole body, up to 100 MB, before it looks at the
secret header, and sets no body timeout: ten connections each holding a 94 MB partial body took
the bot from 61 MB to 1 GB. This handler streams the body (tornado's @stream_request_body), so
prepare() runs on the headers alone: a wrong or missing secret gets 403 and a declared length
over MAX_BODY gets 413 before a byte of the body is read, and the connection is closed. The
server caps every body at MAX_BODY and gives it BODY_TIMEOUT seconds to arrive. A good update
goes to `application.update_queue` (public API), exactly where PTB's own server puts it.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from typing import Any

from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApp
from tornado.web import RequestHandler, stream_request_body

log = logging.getLogger(__name__)
MAX_BODY = 1 << 20  # Telegram's updates are a few KB; 1 MB leaves room for any real one
BODY_TIMEOUT = 10.0  # seconds a body may take to arrive
IDLE_TIMEOUT = 30.0  # seconds a kept-alive connection may sit without a request
MAX_HEADERS = 16 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@stream_request_body
class UpdateHandler(RequestHandler):
    def initialize(self, app: Application[Any, Any, Any, Any, Any, Any], secret: str) -> None:
        self.app = app
        self.secret = secret.encode()
        self.body = bytearray()

    def prepare(self) -> None:
        """Checks method, secret and declared length on the headers alone."""
        if self.request.method != "POST":
            self._refuse(405)
        elif not hmac.compare_digest(
                self.request.headers.get(SECRET_HEADER, "").encode(), self.secret):
            self._refuse(403)
        else:
            length = self.request.headers.get("Content-Length", "")
            if not length.isdigit():
                self._refuse(411)  # Telegram always says how long its body is
            elif int(length) > MAX_BODY:
                self._refuse(413)

    def _refuse(self, status: int) -> None:
        self.set_status(status)
        self.finish()  # before the body: tornado then closes the connection unread

    def data_received(self, chunk: bytes) -> None:
        self.body += chunk  # the server's max_body_size stops it at MAX_BODY

    async def post(self) -> None:
        """Queues the update for the application; answers 200 at once, as Telegram wants."""
        try:
            update = Update.de_json(json.loads(self.body), self.app.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # Not an update Telegram would send. 200 anyway: a 4xx/5xx makes Telegram send
            # the same body again and again. The body itself is never logged (user words).
            log.warning("webhook: ignored a body of %d bytes that is not an update (%s)",
                        len(self.body), type(exc).__name__)
            return
        await self.app.update_queue.put(update)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish()  # no traceback or page, whatever went wrong


def serve(app: Application[Any, Any, Any, Any, Any, Any], *, listen: str, port: int,
          path: str, secret: str) -> HTTPServer:
    """Starts listening on `listen:port` for POST /`path`; returns the server to stop later."""
    route = "/" + re.escape(path.strip("/"))
    web = WebApp([(route, UpdateHandler, {"app": app, "secret": secret})])
    server = HTTPServer(web, max_body_size=MAX_BODY, body_timeout=BODY_TIMEOUT,
                        idle_connection_timeout=IDLE_TIMEOUT, max_header_size=MAX_HEADERS,
                        decompress_request=False)
    server.listen(port, address=listen)
    return server
