"""python -m bot [run|console|auto|backup PATH|health]: load settings, then run the bot, the
console chat, an online backup of the database, or the health check (exit 0 when healthy)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
from pathlib import Path

from bot.config import Settings, SettingsError, load_settings
from bot.ops.logs import setup_logging

USAGE = "usage: python -m bot [run|console|auto|backup PATH|health]"


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
        from bot.devtools.console import run_console

        if settings.log_level == "INFO":  # routine start-up lines would interrupt the chat
            logging.getLogger().setLevel(logging.WARNING)

        return asyncio.run(run_console(settings))
    if command == "backup":
        return _backup(settings, argv[1:])
    if command == "health":
        from bot.ops.maintenance import health

        ok, message = health(settings.database_path)
        print(message)
        return 0 if ok else 1
    if command == "run":
        problem = settings.token_problem() or settings.webhook_problem()
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        from bot.ops.runner import run_telegram
        from bot.storage.db import DatabaseUnavailable

        try:
            run_telegram(settings)
        except DatabaseUnavailable as exc:  # one line, and a non-zero exit for the restart policy
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
    print(USAGE, file=sys.stderr)
    return 2


def _backup(settings: Settings, args: list[str]) -> int:
    if len(args) != 1:
        print("usage: python -m bot backup PATH (a file, or a folder for a dated file)",
              file=sys.stderr)
        return 2
    from bot.ops.maintenance import backup

    try:
        print(backup(settings.database_path, Path(args[0])))
    except (OSError, RuntimeError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    logging.captureWarnings(True)
    sys.exit(main(sys.argv[1:]))
