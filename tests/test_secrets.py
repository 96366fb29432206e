"""The bot token never reaches the logs or the user, through a whole conversation and an error;
the user's words never reach the log at INFO or above."""

import io
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.ops.logs import REDACTED, RedactSecrets, setup_logging
from tests.harness import Harness

TOKEN = "7654321098:AAHk3Jd9sQm2LpZx8VbN4tRy6WcE1uIoP0a"
OTHER_TOKEN = "1111111111:BBBk3Jd9sQm2LpZx8VbN4tRy6WcE1uIoP0b"
SECRET_WORDS = "zebracactus"


@pytest.fixture
def root_capture() -> Iterator[io.StringIO]:
    """A DEBUG handler on the root logger, restored afterwards (with Python's exception hooks,
    which setup_logging replaces)."""
    hooks = sys.excepthook, threading.excepthook, sys.unraisablehook
    root = logging.getLogger()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)
    sys.excepthook, threading.excepthook, sys.unraisablehook = hooks
    for h in root.handlers:
        for f in [f for f in h.filters if isinstance(f, RedactSecrets)]:
            h.removeFilter(f)


async def test_token_never_logged_through_a_conversation_and_an_error(
    tmp_path: Path, root_capture: io.StringIO, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fail_next = {"on": False}

    def fault(method: str, params: dict[str, Any]) -> Any:
        if fail_next["on"] and method == "sendMessage":
            fail_next["on"] = False
            url = f"https://api.telegram.org/bot{TOKEN}/sendMessage"
            return 400, {"ok": False, "error_code": 400, "description": f"Bad Request at {url}"}
        return None

    # Logging is set up before the app is built, as bot/__main__.py does: PTB logs the full
    # API URL, token included, at DEBUG while it constructs the Bot.
    setup_logging(Settings(_env_file=None, bot_token=TOKEN, log_level="DEBUG"))  # type: ignore[call-arg,arg-type]
    harness = Harness(tmp_path / "bot.sqlite3", fault=fault, bot_token=TOKEN, log_level="DEBUG")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    await harness.start()
    assert harness.app.bot.token == TOKEN  # the real-looking token is really in use
    sam = await harness.at_step1()
    await sam.send(f"{SECRET_WORDS} and a lot of shouting")
    await sam.send("I want to die")
    await sam.tap("carry on")
    fail_next["on"] = True
    await sam.send("/steps")  # the reply fails: the error handler logs it and tells Sam
    await sam.send("/export")
    # A library logging a request URL, as httpx does at INFO, and someone else's token.
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
    logging.getLogger("telegram.ext").warning("retrying https://api.telegram.org/bot%s/x", TOKEN)
    logging.getLogger("bot.test").warning("pasted %s", OTHER_TOKEN)
    try:
        raise RuntimeError(f"boom with {TOKEN} inside")
    except RuntimeError:
        logging.getLogger("bot.test").exception("an error")
    await harness.stop()

    text = root_capture.getvalue()
    assert f"Set Bot API URL: https://api.telegram.org/bot{REDACTED}" in text
    assert "update failed with BadRequest" in text  # the error really happened and was logged
    assert "Traceback" in text and REDACTED in text
    assert TOKEN not in text and TOKEN.split(":")[1] not in text and OTHER_TOKEN not in text
    assert "HTTP Request" not in text  # httpx's request lines are silenced
    assert TOKEN not in caplog.text and REDACTED in caplog.text
    for record in caplog.records:
        if record.levelno >= logging.INFO:
            assert SECRET_WORDS not in record.getMessage()
            assert "want to die" not in record.getMessage()
    assert "Sorry, something went wrong" in sam.texts(harness.request.sent(42))
    assert all(TOKEN not in c.text for c in harness.request.calls)


def test_redaction_filter_covers_args_and_tracebacks() -> None:
    redactor = RedactSecrets([TOKEN])
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s/%d", (TOKEN, 5), None)
    redactor.filter(record)
    assert record.getMessage() == f"url {REDACTED}/5"
    try:
        raise ValueError(TOKEN)
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "m", None, sys.exc_info())
    redactor.filter(record)
    assert TOKEN not in logging.Formatter().format(record)
    # Anything shaped like a bot token goes too, even one we were never told about.
    assert RedactSecrets().redact(f"a {OTHER_TOKEN} b") == f"a {REDACTED} b"
    assert RedactSecrets().redact("12:30 and 2026-03-02") == "12:30 and 2026-03-02"
