"""Runs the bot against Telegram: long polling, or a webhook (bot/ops/webhook.py, behind a
TLS-terminating proxy) when MODE=webhook. Both stop gracefully on SIGTERM/SIGINT: fetching
stops, running handlers finish, then the scheduler and the database close.

PTB's run_polling/run_webhook would do all this in one call, but their start-up calls fail on
the first 5xx, and run_webhook's server reads a whole body before checking the secret. So the
life cycle is spelled out here with PTB's public pieces (initialize, updater.start_polling,
start, stop, shutdown), the way PTB documents it for custom set-ups; the start-up Bot API calls
go through `retrying` (5xx and network failures repeated for up to STARTUP_BUDGET seconds)."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from bot.app import STARTUP_BUDGET, build_application, shutdown, startup, stop_background
from bot.config import Settings
from bot.delivery.backoff import retrying
from bot.ops import webhook
from bot.ops.logs import loop_exception_handler

log = logging.getLogger(__name__)
App = Application[Any, Any, Any, Any, Any, Any]
BOOTSTRAP_RETRIES = 3  # PTB's own retries of deleteWebhook when polling starts


class StartupFailed(Exception):
    """Start-up gave up; the message is one line for the operator, `code` the exit status
    (2: the configuration is wrong, 1: something outside did not answer)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def run_telegram(settings: Settings) -> int:
    """Runs until SIGTERM/SIGINT; returns the process exit code."""
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        return runner.run(serve(settings))


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed (a dependency, but it has no Windows build):
    in `python -m bench.compare` the CPU per action went from 1.66x to 1.41x of the echo bot's
    (bench/RESULTS.md). Else asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


async def serve(settings: Settings) -> int:
    app = build_application(settings)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(loop_exception_handler)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    server: list[HTTPServer] = []
    try:
        if not await _unless_stopped(_start(app, settings, server), stopping):
            return 0
        log.info("running in %s mode", settings.mode)
        await stopping.wait()
        log.info("stopping")
        return 0
    except InvalidToken as exc:
        raise StartupFailed(
            "Telegram refused BOT_TOKEN (401 Unauthorized): check the token with @BotFather", 2
        ) from exc
    except NetworkError as exc:
        if isinstance(exc, BadRequest):
            raise StartupFailed(f"Telegram refused a start-up call: {exc}", 2) from exc
        raise StartupFailed(
            f"could not reach the Bot API for {STARTUP_BUDGET:.0f} s at start-up "
            f"({type(exc).__name__}): is Telegram or TELEGRAM_BASE_URL reachable?", 1
        ) from exc
    except TelegramError as exc:
        raise StartupFailed(f"Telegram refused a start-up call ({type(exc).__name__}): {exc}",
                            1) from exc
    finally:
        await _stop(app, server[0] if server else None)


async def _start(app: App, settings: Settings, server: list[HTTPServer]) -> None:
    await retrying(app.initialize, "getMe", STARTUP_BUDGET)
    await startup(app)
    if settings.mode == "webhook":
        assert settings.webhook_secret is not None and settings.webhook_url is not None
        secret = settings.webhook_secret.get_secret_value()
        server.append(webhook.serve(app, listen=settings.webhook_listen,
                                    port=settings.webhook_port, path=settings.webhook_path,
                                    secret=secret))
        # Telegram sends the secret in X-Telegram-Bot-Api-Secret-Token with every update.
        await retrying(lambda: app.bot.set_webhook(
            settings.webhook_url or "", secret_token=secret, allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False), "setWebhook", STARTUP_BUDGET)
        log.info("webhook served on %s:%d/%s", settings.webhook_listen, settings.webhook_port,
                 settings.webhook_path)
    else:
        assert app.updater is not None
        # start_polling deletes a webhook left from an earlier deployment (its bootstrap).
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES,
                                        drop_pending_updates=False,
                                        bootstrap_retries=BOOTSTRAP_RETRIES)
    await app.start()


async def _unless_stopped(work: Awaitable[None], stopping: asyncio.Event) -> bool:
    """Runs `work` unless a stop signal comes first (then cancels it); True when it finished."""
    task = asyncio.ensure_future(work)
    stop = asyncio.create_task(stopping.wait())
    await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
    stop.cancel()
    if not task.done():
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return False
    task.result()
    return True


async def _stop(app: App, server: HTTPServer | None) -> None:
    """The order PTB's run_polling uses: stop fetching, stop the application (running
    handlers finish), then the background work, then shut everything down."""
    if server is not None:
        server.stop()
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
        await stop_background(app)
    await app.shutdown()
    await shutdown(app)
    if server is not None:
        await server.close_all_connections()
