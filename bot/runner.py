"""Runs the bot against Telegram with long polling."""

from __future__ import annotations

from telegram import Update

from bot.app import build_application
from bot.config import Settings


def run_telegram(settings: Settings) -> None:
    app = build_application(settings)
    app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
