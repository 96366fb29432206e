"""python -m bot [run|console|auto|backup PATH|health]: load settings, then run the bot, the
console chat, an online backup of the database, or the health check (exit 0 when healthy)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys

from bot.config import Settings, SettingsError, load_settings
from bot.ops.datadir import pin_to_data_dir, unwritable
from bot.ops.logs import RedactSecrets, secrets_of, setup_logging

USAGE = "usage: python -m bot [run|console|auto|backup PATH|health]"


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings)
    try:
        return _command(command, settings, argv)
    except Exception as exc:
        # Not Python's own traceback printing: the exception chain of a failed Bot API call
        # holds the URL with the token. This record passes bot/ops/logs.py's filter.
        logging.getLogger("bot").critical("stopped by an unexpected %s", type(exc).__name__,
                                          exc_info=exc)
        return 1


def _command(command: str, settings: Settings, argv: list[str]) -> int:
    # In the Docker image the database is always on the /data volume.
    settings = pin_to_data_dir(settings, announce=command in ("run", "auto"))
    if command == "auto":
        if settings.bot_token is None:
            print("No BOT_TOKEN set, so starting the console chat (set one in .env to use Telegram).")
            command = "console"
        else:
            command = "run"
    if command == "console":
        if not _writable(settings):
            return 2
        from bot.devtools.console import run_console

        if settings.log_level == "INFO":  # routine start-up lines would interrupt the chat
            logging.getLogger().setLevel(logging.WARNING)

        return asyncio.run(run_console(settings))
    if command == "backup":
        return _backup(settings, argv[1:])
    if command == "health":
        from bot.ops.health import health

        ok, message = health(settings.database_path)
        print(message)
        return 0 if ok else 1
    if command == "run":
        problem = settings.token_problem() or settings.webhook_problem()
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        if not _writable(settings):
            return 2
        from bot.ops.runner import StartupFailed, run_telegram
        from bot.storage.db import DatabaseUnavailable

        try:
            return run_telegram(settings)
        except StartupFailed as exc:
            # Telegram's own words can be in it: printed through the same redaction as logs.
            print(f"error: {RedactSecrets(secrets_of(settings)).redact(str(exc))}",
                  file=sys.stderr)
            return exc.code
        except DatabaseUnavailable as exc:  # one line, and a non-zero exit for the restart policy
            print(f"error: {exc}", file=sys.stderr)
            return 1
    print(USAGE, file=sys.stderr)
    return 2


def _writable(settings: Settings) -> bool:
    problem = unwritable(settings.database_path)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
    return problem is None


def _backup(settings: Settings, args: list[str]) -> int:
    if len(args) != 1:
        print("usage: python -m bot backup PATH (a file, or a folder for a dated file)",
              file=sys.stderr)
        return 2
    from bot.ops.backup import backup

    try:
        print(backup(settings.database_path, args[0]))  # the text: a trailing / means a folder
    except (OSError, RuntimeError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    logging.captureWarnings(True)
    sys.exit(main(sys.argv[1:]))
