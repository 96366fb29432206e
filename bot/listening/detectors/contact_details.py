"""What a contact event already tells, so the bot need not ask it again.

"she messaged me at 3am saying she misses me" says what kind of message it was (feelings), and
"i texted him last night" says when the slip was (yesterday). A companion that heard it does not
ask; the flows in bot/features/nocontact/heard.py ask only what the words leave open.

Both readings are careful on purpose: a kind is given only when the words name one kind and no
other ("he messaged about the dog and said he misses me" is asked), and a day only from a phrase
that is plainly a when ("last night", "on saturday", "two days ago"), never from a stray number.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
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
        "pickup", "handover", "logistics", "jacket", "coat", "hoodie", "jumper", "charger",
        "laptop", "password", "vet", "tenancy", "bank"),
    "emotional": _words(
        "misses", "miss", "missed", "missing", "love", "loves", "sorry", "apologise",
        "apologised", "apologize", "apologized", "apology", "regret", "regrets",
        "mistake", "closure", "chance", "reconcile", "feelings", "crying", "cried",
        "drunk"),
    "breadcrumb": _words(
        "liked", "likes", "like", "liking", "story", "stories", "reacted", "reaction", "react",
        "emoji", "meme", "memes", "tiktok", "reel", "reels", "followed", "refollowed",
        "unblocked", "viewed", "watched", "tagged", "poked", "wyd", "hey", "hi", "heya", "hiya",
        "sup", "playlist", "song", "gif", "sticker", "pic", "pics", "photo", "photos", "selfie",
        "selfies", "hru", "hyd", "wbu", "wassup"),
}
_KIND_PHRASES: dict[Kind, tuple[str, ...]] = {
    "practical": _phrases("pick up", "drop off", "my things", "his things", "her things",
                          "their things"),
    "emotional": _phrases("wants to talk", "want to talk", "can we talk", "wants to meet",
                          "meet up", "see me", "get back", "back together", "try again",
                          "thinking about me", "thinks about me", "made a mistake",
                          "thinking about us", "thinks about us", "about us", "wants me back",
                          "want you back", "wants you back", "needs me", "need you",
                          "he was wrong", "she was wrong", "they were wrong", "should talk",
                          "need to talk", "misses us", "miss us"),
    # "u up?" at 1am, "asking how i am": a low-cost line that keeps the door ajar
    "breadcrumb": _phrases("happy birthday", "happy new year", "merry christmas", "happy bday",
                           "hbd", "merry xmas", "happy xmas", "happy christmas", "happy easter",
                           "happy valentines", "hows it going", "hows things", "how are things",
                           "hows life", "long time no see", "long time no speak", "hope you are well",
                           "hope your ok", "hope you are ok", "how have you been", "u up",
                           "you up", "you awake", "u awake", "how i am", "how i was",
                           "how i have been", "how are you", "how are u", "how is it going",
                           "how you doing", "how u doing", "checking in", "check in", "checked in"),
}
# "he wants his ps5 back", "she asked for her charger back": a thing to be returned
_BACK = re.compile(squeeze(r" (?:wants|wanted|want|asked for|asking for|asks for|asked me for|needs|"
                           r"get|getting|give|giving|return|returning|send|sending|collect|"
                           r"collecting) (?:me )?(?:his|her|their|my|the) (?!(?:old )?(?:life|self|freedom|heart) )"
                           r"(?:[a-z0-9]+ ){1,2}back "))
# "like" is a filler far more often than a like ("he was like, can we talk"): it names a
# breadcrumb only right after a subject or before "my"
_LIKE = _phrases("liked my", "likes my", "like my", "liked a", "liked an", "liked the")


_GREETINGS = _words("hey", "hi", "heya", "hiya")
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
    greeting_only = False  # the crumb is only a "hey" or a "hi"
    for kind, table in _KIND_WORDS.items():
        hits = table & words
        if kind == "breadcrumb" and "like" in hits:
            hits = hits - {"like"} if not any(p in padded for p in _LIKE) else hits
        if kind == "emotional":
            hits = frozenset(w for w in hits if not _the_users_own(padded.split(), w))
        said = any(phrase in padded for phrase in _KIND_PHRASES[kind])
        if kind == "breadcrumb":
            greeting_only = hits <= _GREETINGS and not said
        if hits or said:
            found.add(kind)
    if _BACK.search(padded):
        found.add("practical")
    if "breadcrumb" in found and greeting_only and len(found) > 1:
        found.discard("breadcrumb")  # "hey, i miss you", "hey, when can i get my keys": a hello
        # before feelings or logistics is no crumb
    return next(iter(found)) if len(found) == 1 else None


# A when is only read from a phrase holding one of these words ("last night", "on saturday",
# "3 days ago"), never from a number alone ("i texted him 3 times").
_WHEN_ANCHORS = frozenset({
    "yesterday", "yday", "today", "tonight", "night", "morning", "afternoon", "evening", "ago",
    "weekend", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tues", "wed", "thurs", "fri", "sat", "sun"})
_TODAY_PHRASES = ("just now", "earlier today", "an hour ago", "a few minutes ago", "this morning",
                  "this afternoon", "this evening", "tonight", "today", "a minute ago",
                  # as people type them
                  "tonite", "2nite", "earlier tonight", "a few mins ago", "few mins ago",
                  "couple of hours ago", "a couple hours ago", "couple hours ago", "this arvo",
                  "this am", "a few hours ago", "few hours ago")
# Days the date reader does not know: "last nite", "yday", "the night before last"
_DAYS_BACK = {1: ("last nite", "last nyt", "lastnight", "yday", "yest", "yesterday night"),
              2: ("night before last", "2 nights ago", "two nights ago")}
# "i texted him earlier" is today; "earlier this week" or "earlier in the year" is no day
_EARLIER = re.compile(r" earlier(?! (?:this|that|in|last|on|the|than|before)(?: |$))")
# A date by its day: "on the 14th", "june 14", "14 june" (a month alone is no day: "in june")
_MONTHS = frozenset({
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec"})
_DAY_NUMBER = re.compile(r"(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?")
_ORDINAL = re.compile(r"(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)")
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
    for back, phrases in _DAYS_BACK.items():
        if any(f" {phrase} " in joined for phrase in phrases):
            return today - timedelta(days=back)
    if _EARLIER.search(joined):
        return today
    for size in range(min(_LONGEST, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            span = words[start:start + size]
            if not _a_when(span) or span[-1] in ("at", "on", "the", "and"):
                continue
            if span[0] == "night" or (size == 1 and span[0] in ("night", "morning", "evening")):
                continue  # "night" alone is no day
            found = parse_date(" ".join(span), today, tz)
            if found is not None:
                return found
    return None


# "ago" alone is no day (the date reader takes it for "aug"); "sat", "sun", "wed" and "mon" are
# days only beside a word that makes them one ("on sat", "sun night"): "i sat in my car and
# called him" was a Saturday
_AMBIGUOUS = frozenset({"sat", "sun", "wed", "mon"})
_DAY_MAKERS = frozenset({"on", "last", "this", "since", "night", "morning", "afternoon",
                         "evening", "nite", "arvo"})


def _a_when(span: list[str]) -> bool:
    """Whether the words may name a day: an anchor word ("last night", "on saturday"), a month
    with a day ("june 14", "the 3rd of may"), or "on the 14th"."""
    anchors = _WHEN_ANCHORS.intersection(span)
    if anchors == {"ago"} and len(span) == 1:
        return False
    if anchors and anchors <= _AMBIGUOUS:
        return not _DAY_MAKERS.isdisjoint(span)
    if anchors:
        return True
    days = [at for at, word in enumerate(span) if _DAY_NUMBER.fullmatch(word)]
    if not days:
        return False
    if not _MONTHS.isdisjoint(span):
        return True
    # "may" is a month only right beside its day ("on may 5th", "the 5th of may")
    if any(word == "may" and any(abs(at - day) <= 2 for day in days) for at, word in enumerate(span)):
        return True
    return span[:2] == ["on", "the"] and len(span) == 3 and _ORDINAL.fullmatch(span[2]) is not None
