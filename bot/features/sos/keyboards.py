"""The SOS keyboards. Every button carries the urge's id (or the draft's), so an old message's
button answers the urge it was asked about, or is declined once that urge is settled."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "sos"
DRAFTS_NS = "sosd"  # the morning answers about a late-night draft


def intensity(user: User, urge_id: int, *, misread: bool) -> InlineKeyboardMarkup:
    # 0-10 in order, like every scale the bot shows (rows 0-5 and 6-10, as the check-in's).
    keyboard = Keyboard(NS, user.user_id).rows((
        Button("int", f"{urge_id}.{n}", label="common/value", text=n) for n in range(11)
    ), per_row=6)
    if misread:
        keyboard.row(Button("misread", urge_id, label="sos/misread"))
    return keyboard.markup()


def skip(user: User, urge_id: int) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("skip", urge_id, label="sos/skip")).markup()


def choices(user: User, urge_id: int) -> InlineKeyboardMarkup:
    """The four ways through an urge."""
    return Keyboard(NS, user.user_id).rows(
        Button(action, urge_id, label=f"sos/{action}") for action in ("write", "wait", "talk", "ok")
    ).markup()


def wait_check(user: User, urge_id: int) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows([
        Button("passed", urge_id, label="sos/passed"),
        Button("still", urge_id, label="sos/still"),
        Button("sent", urge_id, label="sos/reached_out"),
    ]).markup()


def morning(user: User, draft_id: int) -> InlineKeyboardMarkup:
    return Keyboard(DRAFTS_NS, user.user_id).rows([
        Button("letgo", draft_id, label="sos/let_go"),
        Button("still", draft_id, label="sos/still_wants"),
        Button("sent", draft_id, label="sos/sent_anyway"),
    ]).markup()
