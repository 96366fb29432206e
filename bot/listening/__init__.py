"""Listening: the pure detectors every message passes before any state handler (crisis, abuse,
contact with the ex, urges, control words), the one text normaliser they share, and the parsers
of typed answers. No Telegram imports anywhere in this package."""

from bot.listening.heard import ORDER, Heard, listen
from bot.listening.normalise import Normalised, normalise

__all__ = ["ORDER", "Heard", "Normalised", "listen", "normalise"]
