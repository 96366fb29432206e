"""A small backstop for the POSSIBLE crisis tier only: a hand-weighted score of hopelessness,
burden and ending words in a message that speaks in the first person. Placeholder until tuned."""

from __future__ import annotations

from bot.listening.normalise import Normalised


def possible(norm: Normalised) -> str | None:
    """The language of a first-person message whose words add up to a possible crisis, or None."""
    return None
