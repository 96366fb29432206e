"""What a contact event already tells, so the bot need not ask it again.

"she messaged me at 3am saying she misses me" says what kind of message it was (feelings), and
"i texted him last night" says when the slip was (yesterday). A companion that heard it does not
ask; the flows in bot/features/nocontact/heard.py ask only what the words leave open.

Both readings are careful on purpose: a kind is given only when the words name one kind and no
other ("he messaged about the dog and said he misses me" is asked), and a day only from a phrase
that is plainly a when ("last night", "on saturday", "two days ago"), never from a stray number.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from bot.listening.dates import parse_date
from bot.listening.normalise import fold, normalise, squeeze

Kind = Literal["practical", "emotional", "breadcrumb"]


def _words(*words: str) -> frozenset[str]:
    return frozenset(squeeze(word) for word in words)


def _phrases(*phrases: str) -> tuple[str, ...]:
    return tuple(f" {squeeze(phrase)} " for phrase in phrases)


# Single words and phrases (matched on the normalised, squeezed text) that name each kind.
_KIND_WORDS: dict[Kind, frozenset[str]] = {
    "practical": _words(
        "kids", "kid", "children", "child", "son", "daughter", "custody", "school", "nursery",
        "lease", "rent", "landlord", "deposit", "bills", "bill", "mortgage", "stuff", "belongings",
        "things", "keys", "key", "boxes", "clothes", "dog", "cat", "pet", "car", "money", "owe",
        "owes", "paperwork", "documents", "passport", "parcel", "furniture",
        "subscription", "netflix", "spotify", "insurance", "council", "utilities", "collect",
        "pickup", "handover", "logistics"),
    "emotional": _words(
        "misses", "miss", "missed", "missing", "love", "loves", "sorry", "apologise",
        "apologised", "apologize", "apologized", "apology", "regret", "regrets",
        "mistake", "closure", "chance", "reconcile", "feelings", "crying", "cried",
        "drunk"),
    "breadcrumb": _words(
        "liked", "likes", "like", "liking", "story", "stories", "reacted", "reaction", "react",
        "emoji", "meme", "memes", "tiktok", "reel", "reels", "followed", "refollowed",
        "unblocked", "viewed", "watched", "tagged", "poked", "wyd", "hey", "hi", "heya", "hiya",
        "sup", "playlist", "song", "gif", "sticker"),
}
_KIND_PHRASES: dict[Kind, tuple[str, ...]] = {
    "practical": _phrases("pick up", "drop off", "my things", "his things", "her things",
                          "their things"),
    "emotional": _phrases("wants to talk", "want to talk", "can we talk", "wants to meet",
                          "meet up", "see me", "get back", "back together", "try again",
                          "thinking about me", "thinks about me", "made a mistake", "u up",
                          "you up"),
    "breadcrumb": _phrases("happy birthday", "happy new year", "merry christmas"),
}
# "like" is a filler far more often than a like ("he was like, can we talk"): it names a
# breadcrumb only right after a subject or before "my"
_LIKE = _phrases("liked my", "likes my", "like my", "liked a", "liked an", "liked the")


_USER_SUBJECTS = frozenset({"i", "im", "ive", "id"})


def _the_users_own(words: list[str], feeling: str) -> bool:
    """Whether every time `feeling` is said it is the user's own ("he texted me and i miss him
    so much", "i was crying when he called"): "i" among the three words before it, and not said
    to "you" (the ex's words quoted: "he sent hey i miss you")."""
    places = [at for at, word in enumerate(words) if word == feeling]
    return all(not _USER_SUBJECTS.isdisjoint(words[max(0, at - 3):at])
               and words[at + 1:at + 2] not in (["you"], ["u"], ["ya"]) for at in places)


def kind_of_message(text: str, nickname: str | None = None) -> Kind | None:
    """The one kind of message the ex sent, as the user describes it, or None when the words
    name no kind or more than one."""
    norm = normalise(text, nickname=nickname)
    padded = f" {norm.squeezed.replace(' | ', ' ')} "
    words = norm.tokens
    found: set[Kind] = set()
    for kind, table in _KIND_WORDS.items():
        hits = table & words
        if kind == "breadcrumb" and "like" in hits:
            hits = hits - {"like"} if not any(p in padded for p in _LIKE) else hits
        if kind == "emotional":
            hits = frozenset(w for w in hits if not _the_users_own(padded.split(), w))
        if hits or any(phrase in padded for phrase in _KIND_PHRASES[kind]):
            found.add(kind)
    if "emotional" in found and "breadcrumb" in found and words & _KIND_WORDS["emotional"] \
            and not words & (_KIND_WORDS["breadcrumb"] - _words("hey", "hi", "heya", "hiya")):
        found.discard("breadcrumb")  # "hey, i miss you" is about feelings, not a crumb
    return next(iter(found)) if len(found) == 1 else None


# A when is only read from a phrase holding one of these words ("last night", "on saturday",
# "3 days ago"), never from a number alone ("i texted him 3 times").
_WHEN_ANCHORS = frozenset({
    "yesterday", "yday", "today", "tonight", "night", "morning", "afternoon", "evening", "ago",
    "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tues", "wed", "thurs", "fri", "sat", "sun"})
_TODAY_PHRASES = ("just now", "earlier today", "an hour ago", "a few minutes ago", "this morning",
                  "this afternoon", "this evening", "tonight", "today", "a minute ago")
_LONGEST = 4  # words in a when phrase: "on saturday night", "a couple of days ago"


def when_said(text: str, today: date, tz: str | None = None) -> date | None:
    """The day a message says something happened ("i texted him last night" -> yesterday), in
    the user's calendar, or None when it names no day plainly."""
    words = fold(text).replace("'", " ").split()
    words = ["".join(ch for ch in word if ch.isalnum()) for word in words]
    words = [word for word in words if word]
    joined = f" {' '.join(words)} "
    if any(f" {phrase} " in joined for phrase in _TODAY_PHRASES):
        return today
    for size in range(min(_LONGEST, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = words[start:start + size]
            if _WHEN_ANCHORS.isdisjoint(span) or span[-1] in ("at", "on", "the", "and"):
                continue
            if span[0] == "night" or (size == 1 and span[0] in ("night", "morning", "evening")):
                continue  # "night" alone is no day
            found = parse_date(" ".join(span), today, tz)
            if found is not None:
                return found
    return None
