"""Which helplines a user gets: the country they picked or typed, else the one their time zone
names, else the one Telegram's language code pins (bot/features/safety/helplines.py), else
none yet: the reply then asks (a few buttons, typing works too) and links findahelpline.com."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup

from bot.features.safety import helplines
from bot.features.steps.keyboards import SAFETY_NS
from bot.listening import places
from bot.storage.models import User
from bot.ui.keyboards import Button, Keyboard


def country_of(user: User) -> str | None:
    """The user's country for helplines, or None when it still has to be asked."""
    if user.country:
        return user.country
    return helplines.infer_country(user.timezone, user.language_code).country


def values(kind: str, user: User, country: str | None = None) -> dict[str, Any]:
    """Template values: the country, its own lines of `kind` ("crisis" or "abuse"), the lines
    that work everywhere, the first line to name in one sentence, and the emergency numbers."""
    country = country or country_of(user)
    own, everywhere = helplines.lines_for(kind, country)
    return {"country": country, "country_name": helplines.country_name(country), "own": own,
            "everywhere": everywhere, "line": own[0] if own else None,
            "emergency": helplines.emergency_text(country),
            "finder": helplines.FIND_A_HELPLINE}


async def country_from_words(text: str) -> str | None:
    """A typed answer to "which country are you in?": a country ("Germany", "the UK") or a
    city ("Manchester"); None when it names neither."""
    if len(text) > 60:
        return None
    found = helplines.country_from_text(text)
    if found:
        return found
    place = await places.find(text)
    return place.country if place is not None else None


def add_country_choices(keyboard: Keyboard, user: User) -> Keyboard:
    """The "which country are you in?" buttons, hinted by Telegram's language code."""
    language = helplines.infer_country(user.timezone, user.language_code).language
    ask = helplines.ask_country(language)
    return keyboard.rows((Button("country", choice.code.lower(), label="common/value",
                                 text=choice.label) for choice in ask.choices), per_row=2)


def carry_on(user: User, *, ask_country: bool = False) -> InlineKeyboardMarkup:
    """ "I'm okay to carry on" (ends crisis mode), under the country choices when asking."""
    keyboard = Keyboard(SAFETY_NS, user.user_id)
    if ask_country:
        add_country_choices(keyboard, user)
    return keyboard.row(Button("resume", label="safety/carry_on")).markup()
