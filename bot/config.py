"""Every knob the bot has, read from the environment and `.env`, validated at start-up."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_RE = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{30,64}$")
# Telegram's rule for setWebhook's secret_token: 1-256 characters, letters, digits, _ and -.
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class Settings(BaseSettings):
    """Settings for one running bot. Names match the environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_base_file_url: str | None = None
    database_path: Path = Path("./data/bot.sqlite3")
    default_timezone: str = "UTC"
    default_checkin_time: time = time(20, 0)
    step7_unlock_days: int = Field(default=30, ge=0, le=3650)
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    max_text_length: int = Field(default=2000, ge=50, le=4096)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    scheduler_interval_seconds: float = Field(default=5.0, gt=0, le=300)
    checkin_grace_hours: float = Field(default=3.0, ge=0, le=48)
    # Worker processes that draw weekly-summary charts (0: a thread of the bot's own process).
    chart_processes: int = Field(default=1, ge=0, le=8)
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None
    rate_limit_per_second: float = Field(default=0.0, ge=0, le=1000)

    @field_validator("bot_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(",", " ").split()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("telegram_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @property
    def file_base_url(self) -> str:
        """The matching file URL: .../bot -> .../file/bot, unless set explicitly."""
        if self.telegram_base_file_url:
            return self.telegram_base_file_url
        base = self.telegram_base_url.rstrip("/")
        head, _, tail = base.rpartition("/")
        return f"{head}/file/{tail}"

    def token_problem(self) -> str | None:
        """A one-line reason the token cannot be used, or None when it looks right."""
        if self.bot_token is None:
            return "BOT_TOKEN is not set: put it in the environment or in .env"
        if not TOKEN_RE.match(self.bot_token.get_secret_value()):
            return "BOT_TOKEN does not look like a Telegram bot token (digits:letters)"
        return None


    def webhook_problem(self) -> str | None:
        """A one-line reason webhook mode cannot start, or None when it can."""
        if self.mode != "webhook":
            return None
        if not self.webhook_url or (not self.webhook_url.startswith("https://") and not (
            self.webhook_url.startswith("http://127.0.0.1") or
            self.webhook_url.startswith("http://localhost")
        )):
            return "WEBHOOK_URL must be set to the public https:// address Telegram will call"
        if self.webhook_secret is None or not SECRET_RE.match(
                self.webhook_secret.get_secret_value()):
            return "WEBHOOK_SECRET must be set: 1-256 letters, digits, _ or -"
        return None

    @property
    def webhook_path(self) -> str:
        """The path part of WEBHOOK_URL, which the built-in web server listens on."""
        from urllib.parse import urlsplit

        return urlsplit(self.webhook_url or "").path.lstrip("/")


class SettingsError(Exception):
    """Raised with a one-line, human message naming the bad variable."""


def load_settings(**overrides: object) -> Settings:
    """Reads settings, turning pydantic's report into one line per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        parts = []
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"]).upper() or "SETTINGS"
            parts.append(f"{name}: {err['msg']}")
        raise SettingsError("invalid setting " + "; ".join(parts)) from None
