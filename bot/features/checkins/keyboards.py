"""The check-in's keyboards. Every button carries the check-in's local date and its answer
("20260302.4"), so a button from an old message answers the day it was asked."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.features.checkins.rules import make_arg
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "ci"


def mood(user: User, day: date) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(*(
        Button("mood", make_arg(day, level), label="checkins/mood", level=level)
        for level in range(1, 6)
    )).markup()


def task(user: User, day: date) -> InlineKeyboardMarkup:
    """The morning task's evening question: did you do it?"""
    return Keyboard(NS, user.user_id).row(
        Button("task", make_arg(day, "y"), label="programme/yes"),
        Button("task", make_arg(day, "n"), label="programme/no"),
    ).markup()


def contact(user: User, day: date, *, waiting: bool = False) -> InlineKeyboardMarkup:
    """No or yes; while the user waits for a reply to their planned step-7 message, "nothing
    besides it" or "more than that" (only the second is a slip)."""
    if waiting:
        return Keyboard(NS, user.user_id).row(
            Button("contact", make_arg(day, "p"), label="checkins/contact_planned_only"),
            Button("contact", make_arg(day, "y"), label="checkins/contact_more"),
        ).markup()
    return Keyboard(NS, user.user_id).row(
        Button("contact", make_arg(day, "n"), label="checkins/contact_no"),
        Button("contact", make_arg(day, "y"), label="checkins/contact_yes"),
    ).markup()


def urge(user: User, day: date) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows((
        Button("urge", make_arg(day, n), label="common/value", text=n) for n in range(11)
    ), per_row=6).markup()


def note(user: User, day: date) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(
        Button("skip", make_arg(day, "skip"), label="common/skip")
    ).markup()
