"""/settings' keyboards: the menu, and each setting's answers with "keep it as it is"."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardMarkup

from bot.core.pronouns import PRONOUNS
from bot.features.onboarding.keyboards import CHECKIN_CHOICES, COMMON_ZONES
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard
from bot.ui.labels import label
from bot.ui.texts import plain

NS = "set"
FIELDS = ("name", "pronoun", "nickname", "person", "tz", "time", "day")
PROGRAMME = "programme"  # the morning item: its question is the programme feature's
PATH = "path"  # not a typed field: the plan's path is picked with buttons (settings/path.py)


def day_name(weekday: int) -> str:
    return plain("settings/day_name", day=weekday)


def menu(user: User) -> InlineKeyboardMarkup:
    edit = [Button("edit", field, label=f"settings/edit_{field}") for field in FIELDS]
    toggle = "resume" if user.checkins_paused else "pause"
    return Keyboard(NS, user.user_id).rows(edit, per_row=2).row(
        Button("edit", PROGRAMME, label="settings/edit_programme"),
        Button("edit", PATH, label="settings/edit_path"),
    ).row(Button(toggle, label=f"settings/{toggle}")).markup()


def more(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("menu", label="settings/more")).markup()


def _keep(field: str) -> Button:
    return Button(field, "keep", label="settings/keep")


def name(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(_keep("name")).markup()


def _choice(action: str, arg: str | int, text: str, current: bool) -> Button:
    """An answer button showing its value, with a ✓ on the one chosen now."""
    return Button(action, arg, label="settings/current" if current else "common/value", text=text)


def pronoun(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(*(
        _choice("pronoun", choice, label("onboarding/pronoun", choice=choice),
                choice == user.ex_pronoun) for choice in PRONOUNS
    )).row(_keep("pronoun")).markup()


def nickname(user: User) -> InlineKeyboardMarkup:
    keyboard = Keyboard(NS, user.user_id)
    if user.ex_nickname is not None:
        keyboard.row(Button("nickname", "clear", label="settings/no_nickname"))
    return keyboard.row(_keep("nickname")).markup()


def tz(user: User) -> InlineKeyboardMarkup:
    # An index into COMMON_ZONES, as in onboarding.
    return Keyboard(NS, user.user_id).rows((
        _choice("tz", index, zone, zone == user.timezone) for index, zone in enumerate(COMMON_ZONES)
    ), per_row=2).row(_keep("tz")).markup()


def time(user: User) -> InlineKeyboardMarkup:
    chosen = user.checkin_time.strftime("%H:%M")
    return Keyboard(NS, user.user_id).rows((
        _choice("time", at, at, at == chosen) for at in CHECKIN_CHOICES
    ), per_row=2).row(_keep("time")).markup()


def day(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows((
        _choice("day", weekday, day_name(weekday), weekday == user.weekly_summary_day)
        for weekday in range(7)
    ), per_row=3).row(_keep("day")).markup()


def person(user: User, has_person: bool = False) -> InlineKeyboardMarkup:
    keyboard = Keyboard(NS, user.user_id)
    if has_person:
        keyboard.row(Button("person", "clear", label="settings/no_person"))
    return keyboard.row(_keep("person")).markup()


# Setting -> the keyboard under its question.
ASK: dict[str, Callable[[User], InlineKeyboardMarkup]] = {
    "name": name, "pronoun": pronoun, "nickname": nickname, "tz": tz, "time": time, "day": day,
    "person": person,
}
