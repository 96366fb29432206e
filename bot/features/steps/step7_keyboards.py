"""Step 7's keyboards: still wanting them back, the pre-send checklist, the openers, the user's
own message, and the follow-up after sending."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "s7"
STILL_WANT = ("yes", "unsure", "no")


def still_want(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows(
        Button("still", choice, label=f"step7/still_{choice}") for choice in STILL_WANT
    ).markup()


def unsure(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows([
        Button("go", label="step7/go"), Button("later", label="step7/later"),
    ]).markup()


def check(user: User, item: int) -> InlineKeyboardMarkup:
    """Yes or not yet to checklist item `item` (carried, so an older item's button is declined)."""
    return Keyboard(NS, user.user_id).rows([
        Button("check", f"{item}.yes", label="step7/check_yes"),
        Button("check", f"{item}.no", label="step7/check_no"),
    ]).markup()


def openers(user: User, count: int) -> InlineKeyboardMarkup:
    """Numbered buttons for the openers listed in the message, then "I'll write my own"."""
    return Keyboard(NS, user.user_id).rows((
        Button("op", n, label="common/value", text=n) for n in range(1, count + 1)
    ), per_row=3).row(Button("own", label="step7/own")).markup()


def review(user: User, *, ok: bool) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows([
        Button("use", label="step7/use", ok=ok), Button("later", label="step7/later"),
    ]).markup()


def ready(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows([
        Button("sent", label="step7/sent"), Button("own", label="step7/different"),
        Button("later", label="step7/not_yet"),
    ]).markup()


def follow_up(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows([
        Button("reply", "yes", label="step7/reply_yes", ex=user.ex),
        Button("reply", "no", label="step7/reply_no"),
    ]).markup()


def restart(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("restart", label="step7/restart")).markup()
