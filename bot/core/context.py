"""A typed CallbackContext: handlers reach the repository, settings and clock as properties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.core.clock import Clock
    from bot.core.services import Services
    from bot.storage.repository import Repository


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]  # type: ignore[no-any-return]

    @property
    def repo(self) -> Repository:
        return self.services.repo

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def clock(self) -> Clock:
        return self.services.clock


def services_of(app: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    return app.bot_data["services"]  # type: ignore[no-any-return]
