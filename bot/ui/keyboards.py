"""Keyboards built in code, and the callback-data codec: versioned, at most 64 bytes, parsed strictly.

A keyboard is built from `Button`s, each naming its action, its argument and its label (a
template, see bot/ui/labels.py): `Keyboard(NS, owner).row(Button("begin", label="step1/begin"))`.

Callback data is `1|<ns>|<action>|<arg>|<owner>`: version, feature namespace, action, an optional
argument and the owner's user id in base 36. It is self-contained, so buttons on old messages keep
working after a restart, and the owner lets us decline a button pressed by someone else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.core.pronouns import Ex
from bot.ui.labels import label

VERSION = "1"
MAX_BYTES = 64
_FIELD = re.compile(r"^[a-z0-9_.:-]*$")
_PATTERN = re.compile(
    r"^1\|(?P<ns>[a-z0-9_]{1,12})\|(?P<action>[a-z0-9_]{1,16})\|(?P<arg>[a-z0-9_.:-]{0,24})\|"
    r"(?P<owner>[0-9a-z]{1,14})$"
)


class CallbackDataError(ValueError):
    """The data was not made by this version of the bot (or was forged)."""


@dataclass(frozen=True)
class Callback:
    ns: str
    action: str
    arg: str
    owner: int

    def encode(self) -> str:
        return encode(self.ns, self.action, self.arg, owner=self.owner)


def _base36(number: int) -> str:
    if number < 0:
        raise ValueError("user ids are positive")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rem = divmod(number, 36)
        out = digits[rem] + out
        if not number:
            return out


def encode(ns: str, action: str, arg: str | int = "", *, owner: int) -> str:
    data = f"{VERSION}|{ns}|{action}|{arg}|{_base36(owner)}"
    if len(data.encode()) > MAX_BYTES or not _PATTERN.fullmatch(data):
        raise ValueError(f"callback data does not fit the codec: {data!r}")
    return data


def decode(data: object) -> Callback:
    if not isinstance(data, str) or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        raise CallbackDataError("not ours")
    # fullmatch: `$` alone would also accept a trailing newline.
    match = _PATTERN.fullmatch(data)
    if not match:
        raise CallbackDataError("not ours")
    return Callback(
        ns=match["ns"], action=match["action"], arg=match["arg"], owner=int(match["owner"], 36)
    )


class Button:
    """One inline button: what it does (action and argument, carried in the callback data) and
    the label template that names it, with the values that label takes."""

    __slots__ = ("action", "arg", "label", "values")

    def __init__(self, action: str, arg: str | int = "", *, label: str, **values: object) -> None:
        self.action, self.arg, self.label, self.values = action, arg, label, values

    def text(self) -> str:
        return label(self.label, **self.values)


class Keyboard:
    """An inline keyboard for one namespace and one owner, built a row at a time."""

    def __init__(self, ns: str, owner: int) -> None:
        self.ns, self.owner = ns, owner
        self._rows: list[list[InlineKeyboardButton]] = []

    def row(self, *buttons: Button) -> Keyboard:
        """Adds the buttons side by side as one row (no row for none)."""
        if buttons:
            self._rows.append([
                button(b.text(), self.ns, b.action, b.arg, owner=self.owner) for b in buttons
            ])
        return self

    def rows(self, buttons: Iterable[Button], per_row: int = 1) -> Keyboard:
        """Adds the buttons in rows of `per_row`, the last row holding what is left."""
        items = list(buttons)
        for start in range(0, len(items), per_row):
            self.row(*items[start : start + per_row])
        return self

    def markup(self) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(self._rows)


def button(text: str, ns: str, action: str, arg: str | int = "", *, owner: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(ns, action, arg, owner=owner))


def reply_keyboard(rows: Sequence[Sequence[str]]) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(label) for label in row] for row in rows], resize_keyboard=True,
        is_persistent=True,
    )


def main_menu(ex: Ex | None = None) -> ReplyKeyboardMarkup:
    """The persistent reply keyboard shown after onboarding; its button opens the SOS flow and
    names the ex by their pronoun ("I want to text her")."""
    return reply_keyboard([[label("menu/text_them", ex=ex or Ex())]])
