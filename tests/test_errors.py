"""One bad update never takes the bot down: the error handler logs it and tells the user."""

import logging

import pytest
from telegram import Update
from telegram.ext import CommandHandler

from bot.core.context import BotContext
from tests.harness import Harness


async def test_a_crashing_handler_gets_a_plain_apology_and_the_bot_goes_on(
    harness: Harness, caplog: pytest.LogCaptureFixture,
) -> None:
    async def boom(update: Update, context: BotContext) -> None:
        raise RuntimeError("something internal broke")

    # Group -1 runs before the bot's own handlers, so /boom reaches this one.
    harness.app.add_handler(CommandHandler("boom", boom), group=-1)
    sam = harness.user(42)
    await sam.onboard()
    with caplog.at_level(logging.ERROR):
        replies = await sam.send("/boom")
    assert "Sorry, something went wrong" in sam.texts(replies)
    assert "something internal broke" not in sam.texts(replies)  # no internals to the user
    assert any("update failed with RuntimeError" in r.getMessage() for r in caplog.records)
    assert any(r.exc_info for r in caplog.records)  # the traceback is in the log
    replies = await sam.send("/help")  # and the bot carries on
    assert "What I can do" in sam.texts(replies)


async def test_the_error_reply_failing_too_is_survived(harness: Harness) -> None:
    def fault(method: str, params: dict) -> tuple[int, dict] | None:  # type: ignore[type-arg]
        if method == "sendMessage":
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        return None

    sam = harness.user(42)
    await sam.onboard()
    harness.request.fault = fault
    await sam.send("/help")  # the reply fails, and so does the apology: nothing escapes
    harness.request.fault = None
    assert "What I can do" in sam.texts(await sam.send("/help"))
