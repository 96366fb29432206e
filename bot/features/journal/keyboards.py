"""The journal's keyboards. Buttons carry an entry's or a list line's id, so a button on an old
message acts on the entry it was shown with, or finds it gone."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.features.steps import keyboards as steps
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "jr"
# The "keep it in my journal" offer under the companion's reply. Its namespace is older than the
# journal (issue 9's companion sent it first): buttons already in chats carry "kw", so it stays.
KEEP_NS = "kw"


def card(user: User, *, has_lines: bool) -> InlineKeyboardMarkup:
    """Under the "remember why" card: add a line, and remove one when there are any."""
    buttons = [Button("add", label="journal/add_line")]
    if has_lines:
        buttons.append(Button("rm", label="journal/remove_line"))
    return Keyboard(NS, user.user_id).row(*buttons).markup()


def empty_card(user: User) -> InlineKeyboardMarkup:
    """Under an empty card: go to step 1 (which fills it), or add a line right away."""
    add = Keyboard(NS, user.user_id).row(Button("add", label="journal/add_line")).markup()
    return InlineKeyboardMarkup([*steps.open_step(user, 1).inline_keyboard, *add.inline_keyboard])


def entries(user: User, ids: Sequence[int], *, first_number: int, older_than: int | None
            ) -> InlineKeyboardMarkup:
    """Edit and delete for each shown entry (numbered as in the message), then older / write."""
    keyboard = Keyboard(NS, user.user_id)
    for offset, entry_id in enumerate(ids):
        number = first_number + offset
        keyboard.row(Button("edit", entry_id, label="journal/edit", number=number),
                     Button("del", entry_id, label="journal/delete", number=number))
    last = [Button("write", label="journal/write")]
    if older_than is not None:
        last.insert(0, Button("older", f"{older_than}.{first_number + len(ids)}",
                              label="journal/older"))
    return keyboard.row(*last).markup()


def write(user: User, *, another: bool) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(
        Button("prompt", label="journal/another" if another else "journal/prompt")).markup()


def saved(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("write", label="journal/write_another")).markup()


def confirm_delete(user: User, entry_id: int) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(
        Button("delyes", entry_id, label="journal/delete_it"),
        Button("delno", entry_id, label="journal/keep")).markup()


def lines(user: User, ids: Sequence[int]) -> InlineKeyboardMarkup:
    """One button per line of the list, numbered as in the message."""
    return Keyboard(NS, user.user_id).rows((
        Button("rmline", answer_id, label="journal/line", number=n)
        for n, answer_id in enumerate(ids, start=1)
    ), per_row=3).markup()


def confirm_remove(user: User, answer_id: int) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(
        Button("rmyes", answer_id, label="journal/remove_it"),
        Button("rmno", answer_id, label="journal/keep")).markup()


def line_added(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("add", label="journal/add_another")).markup()


def keep_words(user: User, held_id: int) -> InlineKeyboardMarkup:
    """The companion fallback's offer: keep what the user just said in their journal."""
    return Keyboard(KEEP_NS, user.user_id).row(
        Button("keep", held_id, label="journal/keep_words")).markup()
