"""python -m bot [run|console|auto]: load settings, build the application, run it."""

from __future__ import annotations

import asyncio
import logging
import sys

from bot.config import SettingsError, load_settings
from bot.logs import setup_logging

USAGE = "usage: python -m bot [run|console|auto]"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings)
    if command == "auto":
        if settings.bot_token is None:
            print("No BOT_TOKEN set, so starting the console chat (set one in .env to use Telegram).")
            command = "console"
        else:
            command = "run"
    if command == "console":
        from bot.console import run_console

        return asyncio.run(run_console(settings))
    if command == "run":
        problem = settings.token_problem()
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        from bot.runner import run_telegram

        run_telegram(settings)
        return 0
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    logging.captureWarnings(True)
    sys.exit(main(sys.argv[1:]))
