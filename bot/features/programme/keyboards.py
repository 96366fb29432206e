"""The programme's keyboards: morning times to pick from, and "no morning items"."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "pg"
TIMES = ("07:00", "07:30", "08:00", "08:30", "09:00", "10:00")


def times(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows((
        Button("time", at, label="common/value", text=at) for at in TIMES
    ), per_row=3).row(Button("skip", label="programme/skip")).markup()
