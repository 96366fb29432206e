"""The app factory: builds the PTB Application, wires features in one ordered registry, and
holds the start-up and shut-down coroutines that tests, the console and the runner all share."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot import errors, onboarding, commands
from bot.clock import Clock
from bot.config import Settings
from bot.context import BotContext, services_of
from bot.feature import Feature
from bot.ratelimit import ChatRateLimiter
from bot.router import Router
from bot.scheduler import scheduler_loop, stop
from bot.services import Services
from bot.steps import STEP_FEATURES
from bot.storage import db
from bot.texts import plain

log = logging.getLogger(__name__)
# A syntactically valid token for runs that never reach Telegram (console, tests, benchmarks).
OFFLINE_TOKEN = "123456789:offline-console-token-000000000000000"


def features() -> list[Feature]:
    """The one ordered registry. Order matters only for interceptors, which run first to last."""
    return [
        onboarding.FEATURE,  # /start and the onboarding questions
        *STEP_FEATURES,  # the seven steps, in order
        commands.FEATURE,  # /help, /steps, /journal, /cancel
    ]


def build_application(
    settings: Settings, *, request: BaseRequest | None = None, clock: Clock | None = None,
    token: str | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Wires the application; pass `request` to talk to a Bot API stand-in instead of Telegram."""
    if token is None:
        token = settings.bot_token.get_secret_value() if settings.bot_token else OFFLINE_TOKEN
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.file_base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=None))
        .context_types(ContextTypes(context=BotContext))
        # Persistence writes on a timer, so SQLite (written before each reply) is our only record.
        .concurrent_updates(True)
        .post_init(startup)
        .post_stop(stop_background)
        .post_shutdown(shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        # Not AIORateLimiter: its 30/s overall cap and global pause on a 429 stall every chat.
        builder = builder.rate_limiter(ChatRateLimiter(
            max_retries=2, overall_per_second=settings.rate_limit_per_second))
    app = builder.build()
    router = Router(features())
    for handler in router.handlers():
        app.add_handler(handler)
    app.add_error_handler(errors.on_error)
    app.bot_data["services"] = Services(
        settings=settings, clock=clock or Clock(), router=router, bot=app.bot
    )
    return app


async def startup(app: Application[Any, Any, Any, Any, Any, Any], *, background: bool = True) -> None:
    """Opens the database, migrates, recovers claimed jobs, registers the command menu and starts
    the scheduler loop. PTB calls it as post_init; tests call it directly (background=False)."""
    services = services_of(app)
    services.attach(await db.connect(services.settings.database_path))
    released = await services.repo.release_stuck_jobs()
    if released:
        log.info("re-queued %d job(s) left claimed by an earlier run", released)
    await app.bot.set_my_commands(command_menu())
    if background:
        services.extras["scheduler"] = asyncio.create_task(scheduler_loop(services))


async def stop_background(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """PTB calls it as post_stop, once updates stopped and running handlers finished, while
    the bot can still send: the scheduler finishes the message in hand (a few seconds at most)."""
    services = services_of(app)
    await stop(services.extras.pop("scheduler", None), services)


async def shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """PTB calls it as post_shutdown: stops anything still running, then closes the database."""
    await stop_background(app)
    services = services_of(app)
    if services.conn is not None:
        await services.conn.close()
        services.conn = None


def command_menu() -> list[BotCommand]:
    """The menu registered with setMyCommands, from templates/common/command_menu.txt."""
    menu = []
    for line in plain("common/command_menu").splitlines():
        command, _, description = (part.strip() for part in line.partition("|"))
        if command:
            menu.append(BotCommand(command, description))
    return menu


async def process(app: Application[Any, Any, Any, Any, Any, Any], update: Update) -> None:
    """Feeds one update through the application (tests and the console use this)."""
    await app.process_update(update)
