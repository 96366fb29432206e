"""No token and no user words in anything the bot process prints, at DEBUG too: a 401 at
start-up (PTB's InvalidToken quotes the token), a conversation whose replies repeat the user's
words, and an update PTB cannot parse (PTB dumps such a batch at CRITICAL, then re-fetches it
forever). The real bot runs as a child process against the HTTP stand-in."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import pytest

from bench.http_standin import HttpStandIn
from bench.proc import FAKE_TOKEN, ROOT, BotProcess, bot_env
from bot.ops.logs import REDACTED, RedactSecrets, format_exception, plain_arg
from tests.crashkit import no_orphans  # noqa: F401  (autouse: kills leftover bots)

pytestmark = pytest.mark.faults
SECRET_PART = FAKE_TOKEN.split(":", 1)[1]
MARKERS = ("Zebracactus", "xylophonerain", "quokkalantern")


def assert_clean(text: str) -> None:
    assert FAKE_TOKEN not in text and SECRET_PART not in text
    for marker in MARKERS:
        assert marker.lower() not in text.lower(), marker


async def test_a_401_at_start_is_one_line_without_the_token(tmp_path: Path) -> None:
    async with HttpStandIn(lifetime=60, token="987654321:AAOtherTokenThanTheBotHas_0123456789") as api:
        env = bot_env(api, tmp_path / "bot.sqlite3", LOG_LEVEL="DEBUG")
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert any(c.method == "getMe" and c.status == 401 for c in api.calls)  # really refused
    assert proc.returncode == 2
    errors = [line for line in err.decode().splitlines() if line.startswith("error:")]
    assert errors == [("error: Telegram refused BOT_TOKEN (401 Unauthorized): check the token "
                       "with @BotFather")]
    assert "Traceback" not in err.decode()
    assert_clean(out.decode() + err.decode())


async def test_words_and_a_malformed_update_stay_out_of_a_debug_log(tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    async with HttpStandIn(lifetime=60) as api:
        env = bot_env(api, tmp_path / "bot.sqlite3", LOG_LEVEL="DEBUG")
        bot = BotProcess(api, ["-m", "bot", "run"], env, log)
        await bot.start()
        api.push_text(5, "/start")
        assert await api.wait_for(lambda: bool(api.sent(5)), 10)
        broken = api.message_dict(6, "xylophonerain and more of what I feel")
        broken["chat"] = "not a chat"  # PTB cannot build a Chat from this
        api.push({"message": broken})
        api.push_text(5, "Zebracactus")  # a name: the replies repeat it
        assert await api.wait_for(lambda: any("Zebracactus" in c.text for c in api.sent(5)), 10)
        api.push_text(5, "quokkalantern")
        await api.wait_for(lambda: len(api.sent(5)) >= 4, 5)
        polls = api.polls
        await asyncio.sleep(1.0)
        assert api.polls - polls < 5  # long polling as usual, not a tight loop on the batch
        assert await bot.stop() < 10
    text = log.read_text()
    assert "cannot be read (" in text and "DEBUG" in text  # the log was really at DEBUG
    assert "Calling Bot API endpoint `sendMessage`" in text  # and PTB's request lines were in it
    assert_clean(text)


def test_library_arguments_and_exception_messages_are_withheld() -> None:
    redactor = RedactSecrets([FAKE_TOKEN])
    record = logging.LogRecord("telegram.ext.ExtBot", logging.DEBUG, __file__, 1,
                               "Calling `%s` with `%s`", ("sendMessage", {"text": "Zebracactus"}),
                               None)
    redactor.filter(record)
    assert record.getMessage() == "Calling `sendMessage` with `<dict withheld>`"
    assert plain_arg("x" * 500) == "<500 characters withheld>"
    words = MARKERS[0]  # what a user typed (traceback source lines show code, not data)
    try:
        try:
            raise OSError(f"GET https://api.telegram.org/bot{FAKE_TOKEN}/getMe failed")
        except OSError as inner:
            raise ValueError(f"invalid literal: {words!r}") from inner
    except ValueError as exc:
        text = redactor.redact(format_exception(exc))
    assert "OSError: GET https://api.telegram.org/bot" + REDACTED in text
    assert "ValueError: (message withheld" in text and "direct cause" in text
    assert_clean(text)
