"""The onboarding questions' keyboards, one per question, each with a skip; and "carry on"."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardMarkup

from bot.core.pronouns import PRONOUNS
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "ob"
# Offered as buttons here and in /settings; typed answers may name any zone or time.
COMMON_ZONES = (
    "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago",
    "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney", "UTC",
)
CHECKIN_CHOICES = ("08:00", "12:00", "18:00", "20:00", "21:00", "22:00")


def _skip(key: str) -> Button:
    return Button(key, "skip", label="common/skip")


def name(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(_skip("name")).markup()


def pronoun(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(*(
        Button("pronoun", choice, label="onboarding/pronoun", choice=choice) for choice in PRONOUNS
    )).markup()


def nickname(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(_skip("nickname")).markup()


def breakup(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(
        Button("breakup", "today", label="common/today"),
        Button("breakup", "yesterday", label="common/yesterday"),
        _skip("breakup"),
    ).markup()


def tz(user: User) -> InlineKeyboardMarkup:
    # Zone buttons carry an index into COMMON_ZONES: zone names do not fit the callback alphabet.
    return Keyboard(NS, user.user_id).rows((
        Button("tz", index, label="common/value", text=zone)
        for index, zone in enumerate(COMMON_ZONES)
    ), per_row=2).row(_skip("tz")).markup()


def checkin(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows((
        Button("checkin", at, label="common/value", text=at) for at in CHECKIN_CHOICES
    ), per_row=2).row(_skip("checkin")).markup()


# Question -> its keyboard, in bot.features.onboarding.handlers.ORDER.
ASK: dict[str, Callable[[User], InlineKeyboardMarkup]] = {
    "name": name, "pronoun": pronoun, "nickname": nickname, "breakup": breakup, "tz": tz,
    "checkin": checkin,
}


def resume(user: User, step: int) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(
        Button("resume", label="onboarding/resume", step=step)
    ).markup()
