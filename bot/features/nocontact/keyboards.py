"""/nocontact's keyboards: the three actions under the streak, quick start dates, the skip of
the slip note and the kinds of "they contacted me"."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import InlineKeyboardMarkup

from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard

NS = "nc"
TRIAGE = ("practical", "emotional", "breadcrumb")
# The quick start dates: days back from today, each with its label.
QUICK_DAYS = ((0, "common/today"), (1, "common/yesterday"), (7, "nocontact/week_ago"))


def menu(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows([
        Button("slip", label="nocontact/slip", ex=user.ex),
        Button("they", label="nocontact/they", ex=user.ex),
        Button("start", label="nocontact/change_start"),
    ]).markup()


def start(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("start", label="nocontact/set_start")).markup()


def skip(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(Button("skip", label="common/skip")).markup()


def dates(user: User, today: date) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).row(*(
        Button("date", f"{today - timedelta(days=back):%Y%m%d}", label=name)
        for back, name in QUICK_DAYS
    )).markup()


def triage(user: User) -> InlineKeyboardMarkup:
    return Keyboard(NS, user.user_id).rows(
        Button("tri", kind, label=f"nocontact/triage_{kind}") for kind in TRIAGE
    ).markup()
