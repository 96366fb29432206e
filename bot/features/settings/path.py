"""/settings: changing the plan's path (bot/core/paths.py). Anyone on the safety path whose
safety hold still stands first hears what changing it means, with the domestic-abuse line, and
confirms they are safe (the safety feature stores that); never a single tap into reconnecting."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.core import paths
from bot.core.context import BotContext
from bot.features.safety.helplines import abuse_line
from bot.features.settings.keyboards import NS, more
from bot.features.steps.keyboards import SAFETY_NS
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.messaging import say

KEEP = "keep"
# A scheduled message (an outbox kind) that only makes sense on one path: cancelled when the
# user leaves that path.
_PATH_KINDS = {"step7.remind": paths.UNSURE}


def choices(user: User) -> InlineKeyboardMarkup:
    """The three paths a user can pick (the current one marked), and keep it as it is."""
    return Keyboard(NS, user.user_id).rows(
        Button("path", path, label=f"settings/path_{path}", ex=user.ex,
               current=user.path_chosen and user.path == path)
        for path in paths.CHOOSABLE
    ).row(Button("path", KEEP, label="settings/keep")).markup()


def confirm_safe(user: User) -> InlineKeyboardMarkup:
    """The informed confirmation's answer (stored by the safety feature), or keep the path."""
    return Keyboard(SAFETY_NS, user.user_id).row(
        Button("confirm", label="safety/confirm_hold")
    ).row(Button("keep", label="safety/keep_path")).markup()


async def ask(context: BotContext, user: User) -> None:
    """Asks which path the plan should follow; on the safety path, while the hold stands,
    first explains what a change means and asks the user to confirm they are safe."""
    record = await context.repo.safety_record(user.user_id)
    await context.repo.set_state(user.user_id, None)
    if record is not None and record.hold:
        await say(context.bot, user.chat_id, "settings/path_safety", user=user,
                  abuse_line=abuse_line(user.timezone), keyboard=confirm_safe(user))
        return
    await say(context.bot, user.chat_id, "path/ask", user=user, keyboard=choices(user))


async def choose(context: BotContext, user: User, choice: str) -> bool:
    """Stores the chosen path and says what changes; False for an answer that is not one."""
    if choice == KEEP:
        await say(context.bot, user.chat_id, "settings/kept", user=user)
        return True
    if choice not in paths.CHOOSABLE:
        return False
    if not await context.repo.set_path(user.user_id, choice):
        await ask(context, user)  # the safety hold came back meanwhile: explain it first
        return True
    for kind, path in _PATH_KINDS.items():
        if path != choice:
            await context.repo.cancel_outbox(user.user_id, kind)
    if user.state and user.state.startswith("step7."):
        # Step 7 is a different step on another path: its open question no longer applies.
        await context.repo.set_state(user.user_id, None)
    user = await context.repo.get_user(user.user_id) or user
    await say(context.bot, user.chat_id, "path/changed", user=user, keyboard=more(user))
    return True
