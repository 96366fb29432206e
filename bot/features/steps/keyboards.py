"""Keyboards every step shares: open a step, the /steps overview, the review of a finished step,
the safety hold's confirmation, and checklist items with their boxes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.core.journey import FINAL_STEP
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "steps"  # handled by bot/features/menu/handlers.py (the /steps feature)
SAFETY_NS = "sf"  # the safety feature's namespace: it stores the confirmation


def open_step(user: User, step: int) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("open", step, label="steps/open", step=step)).markup()


def more(ns: str, user: User) -> InlineKeyboardMarkup:
    """"Tell me more" under a step's short intro: the rest of the guidance, on request."""
    return Keyboard(ns, user.user_id).row(Button("more", label="steps/more")).markup()


def overview(user: User, rows: Iterable[Mapping[str, Any]]) -> InlineKeyboardMarkup:
    """A button for every step that is not locked, ticked when done."""
    return Keyboard(NS, user.user_id).rows((
        Button("open", row["number"], label="steps/overview", number=row["number"],
               done=row["state"] == "done")
        for row in rows if row["state"] != "locked"
    ), per_row=4).markup()


def review(ns: str, user: User, step: int) -> InlineKeyboardMarkup:
    """Redo a finished step, or go on to the next one."""
    keyboard = Keyboard(ns, user.user_id).row(Button("redo", label="steps/redo", step=step))
    if step < FINAL_STEP:
        keyboard.row(Button("next", label="steps/next", step=step))
    return keyboard.markup()


def safety_hold(user: User) -> InlineKeyboardMarkup:
    """The explicit "I'm safe and want to go on" that lifts the hold on step 7."""
    return Keyboard(SAFETY_NS, user.user_id).row(
        Button("confirm", label="safety/confirm_hold")
    ).markup()


def boxed(items: Iterable[Button], picked: Sequence[str]) -> list[Button]:
    """Checklist items with a ticked or an empty box in front of each label."""
    return [Button(item.action, item.arg, label="steps/checkbox", ticked=str(item.arg) in picked,
                   text=item.text()) for item in items]
