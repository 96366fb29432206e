"""Step 7's keyboards: still wanting them back, the pre-send checklist, the openers, the user's
own message, the follow-up after sending, and the moving-on path's goodbye (letter, ritual,
letting the hope go)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "s7"
STILL_WANT = ("yes", "unsure", "no")
# The goodbye rituals offered after the unsent letter, in the order shown.
RITUALS = ("box", "walk", "read", "release", "own")


def still_want(user: User) -> InlineKeyboardMarkup:
    """The labels follow the path: on the unsure path the answer is "I know now"."""
    return Keyboard(NS, user.user_id).rows(
        Button("still", choice, label=f"step7/still_{choice}", path=user.path, ex=user.ex)
        for choice in STILL_WANT
    ).markup()


def unsure(user: User) -> InlineKeyboardMarkup:
    """Not sure on the reconnect path: the checklist anyway, or not now."""
    return Keyboard(NS, user.user_id).rows([
        Button("go", label="step7/go"), Button("later", label="step7/later"),
    ]).markup()


def remind(user: User) -> InlineKeyboardMarkup:
    """Still not sure on the unsure path: ask again in two weeks, or not now."""
    return Keyboard(NS, user.user_id).rows([
        Button("remind", label="step7/remind_later"), Button("later", label="step7/later"),
    ]).markup()


def closure(user: User, *, more: bool = False) -> InlineKeyboardMarkup:
    """Start the unsent letter, or another day (and the longer guidance, under the intro)."""
    keyboard = Keyboard(NS, user.user_id).rows([
        Button("write", label="step7/closure_write"), Button("later", label="step7/later"),
    ])
    if more:
        keyboard.row(Button("more", label="steps/more"))
    return keyboard.markup()


def letter_done(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("ldone", label="step7/letter_done")).markup()


def rituals(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows(
        Button("rit", key, label=f"step7/ritual_{key}") for key in RITUALS
    ).markup()


def ritual(user: User, *, later: bool = True) -> InlineKeyboardMarkup:
    """Done with the ritual (or later, the first time it is asked)."""
    keyboard = Keyboard(NS, user.user_id).row(Button("ritdone", label="step7/ritual_done"))
    if later:
        keyboard.row(Button("ritlater", label="step7/ritual_later"))
    return keyboard.markup()


def hope(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("hskip", label="step7/hope_skip")).markup()


def closure_review(user: User) -> InlineKeyboardMarkup:
    """Step 7 reopened after the goodbye: read the letter, or go through the goodbye again."""
    return Keyboard(NS, user.user_id).rows([
        Button("read", label="step7/letter_read"), Button("again", label="step7/closure_again"),
    ]).markup()


def intro_more(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("more", label="steps/more")).markup()


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
