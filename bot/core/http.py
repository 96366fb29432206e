"""The HTTP client for the replies' Bot API calls: PTB's public BaseRequest over aiohttp.

PTB's own HTTPXRequest (httpx, httpcore, h11 and anyio) was the largest share of the bot's CPU
in `python -m bench.compare` (py-spy: about 45% of samples, most of it per request: building
the request, httpcore's scan of every pooled connection, anyio's stream wrappers). aiohttp parses
HTTP in C and keeps its pool in a dict, so each call costs a fraction (bench/RESULTS.md). The
replies and getUpdates use it; the paced sender (bot/delivery) keeps PTB's HTTPXRequest.

What PTB expects of a BaseRequest is kept: the same form-encoded (or multipart, for files) body
HTTPXRequest sends, its default timeouts (5 s to connect, 5 s between reads of the answer, 1 s
waiting for a free pooled connection; aiohttp has no write timeout, and a body here is a few kB),
TimedOut for a timeout and NetworkError for any other transport failure, and the status with the
raw body returned for PTB to read (PTB turns 4xx/5xx into its errors, as with httpx)."""

from __future__ import annotations

import ssl
from typing import Any

import aiohttp
import certifi
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_TIMEOUT = 5.0
DEFAULT_POOL_TIMEOUT = 1.0


class AiohttpRequest(BaseRequest):
    """`connection_pool_size` connections at most, kept alive between calls."""

    def __init__(self, connection_pool_size: int = 16, *,
                 read_timeout: float | None = DEFAULT_TIMEOUT,
                 connect_timeout: float | None = DEFAULT_TIMEOUT,
                 pool_timeout: float | None = DEFAULT_POOL_TIMEOUT) -> None:
        self._size = connection_pool_size
        self._read = read_timeout
        self._connect = connect_timeout
        self._pool = pool_timeout
        self._session: aiohttp.ClientSession | None = None
        # Built once per combination (a handful: the defaults, getUpdates' longer read):
        # ClientTimeout's attrs-made __init__ was 3.8% of the bot's py-spy samples per call.
        self._timeouts: dict[tuple[Any, Any, Any], aiohttp.ClientTimeout] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            # The certificates httpx trusts (certifi's), not whatever the system has.
            context = ssl.create_default_context(cafile=certifi.where())
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._size, limit_per_host=self._size,
                                               ssl=context),
                headers={"User-Agent": self.USER_AGENT},
                # Telegram's answers are JSON read by PTB; nothing here follows redirects or
                # keeps cookies.
                cookie_jar=aiohttp.DummyCookieJar(), auto_decompress=True,
            )

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        read = self._read if read_timeout is BaseRequest.DEFAULT_NONE else read_timeout
        connect = self._connect if connect_timeout is BaseRequest.DEFAULT_NONE else connect_timeout
        pool = self._pool if pool_timeout is BaseRequest.DEFAULT_NONE else pool_timeout
        timeout = self._timeouts.get((read, connect, pool))
        if timeout is None:
            timeout = self._timeouts[read, connect, pool] = _timeout(read, connect, pool)
        body: Any = None
        if request_data is not None:
            files = request_data.multipart_data
            if files:
                form = aiohttp.FormData()
                for name, value in request_data.json_parameters.items():
                    form.add_field(name, value)
                for name, (filename, content, mimetype) in files.items():
                    form.add_field(name, content, filename=filename, content_type=mimetype)
                body = form
            else:
                body = request_data.json_parameters or None
        try:
            async with session.request(method, url, data=body, timeout=timeout,
                                       allow_redirects=False) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            # The URL holds the token: the message names the method instead.
            detail = str(exc).replace(url, url.rsplit("/", 1)[-1])
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {detail}") from exc


def _timeout(read: float | None, connect: float | None, pool: float | None
             ) -> aiohttp.ClientTimeout:
    """`write_timeout` has no counterpart (see above). The wait for a pooled connection counts
    against aiohttp's `connect`, as pool plus connect time."""
    return aiohttp.ClientTimeout(
        total=None, sock_connect=connect,
        connect=None if connect is None or pool is None else connect + pool, sock_read=read)
