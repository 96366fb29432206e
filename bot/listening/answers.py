"""Typed answers to questions that also have buttons: scales, yes/no/not yet, pronouns, names,
plus dates (bot/listening/dates.py) and cities (bot/listening/places.py), re-exported here.

People type "7/10", "about a seven", "yeah", "her", "they/them" instead of tapping; the bot only
says "tap a button" when none of these parsers understood. Word lists: data/answers.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.listening.dates import parse_date
from bot.listening.detectors import control, crisis, urge
from bot.listening.normalise import fold, normalise
from bot.listening.places import CityResult, parse_city

__all__ = ["CityResult", "NameResult", "declines_name", "parse_city", "parse_date", "parse_name",
           "parse_pronoun", "parse_rating", "parse_scale", "parse_yes_no", "says_done"]

_DATA = json.loads((Path(__file__).with_name("data") / "answers.json").read_text("utf-8"))
_NUMBERS: dict[str, int] = _DATA["numbers"]
_SCALE_FILLERS = frozenset(_DATA["scale_fillers"])
_YES = frozenset(_DATA["yes"])
_NO = frozenset(_DATA["no"])
_NOT_YET = frozenset(_DATA["not_yet"])
_PRONOUNS = {word: key for key, words in _DATA["pronouns"].items() for word in words}
_NAME_PREFIXES = sorted((p.split() for p in _DATA["name_prefixes"]), key=len, reverse=True)
_NAME_GREETINGS = frozenset(_DATA["name_greetings"])
_NAME_STOPWORDS = frozenset(_DATA["name_stopwords"])
_NAME_WORD_NAMES = frozenset(_DATA["name_word_names"])  # "Will", "Guy": words that are names too
_NAME_FILLERS = sorted((f.split() for f in _DATA["name_fillers"]), key=len, reverse=True)
_KEYBOARD_ROWS = tuple(_DATA["name_keyboard_rows"]) + tuple(r[::-1] for r in _DATA["name_keyboard_rows"])
_PRONOUN_TAG = re.compile(r"\([^)]*\)|\b[a-z]+/[a-z]+(?:/[a-z]+)?\b", re.IGNORECASE)  # "(she/her)", "he/him"
_RUN_OF_THREE = re.compile(r"(.)\1\1+")

# "7 or 8", "between 3 and 4", "6-7": a range of two neighbouring numbers reads as the higher
# one (an urge or a low mood is met at its strongest); wider ranges are asked again
_RANGE = re.compile(r"(?:between )?(\d+|[a-z]+)\s*(?:or|and|to|-|/|or maybe|maybe)\s*(\d+|[a-z]+)")
_OUT_OF = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:/|out of|outta|of|from)\s*(\d+)")
_MAXIMA = frozenset({"5", "10", "20", "100"})  # what people rate "out of"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_ON_A_SCALE = re.compile(r"(?:\bon )?(?:\ba )?\bscale (?:of |from )?(?:(?:0|1|zero|one) ?(?:-|to) ?)?(\d+|ten|five)\b")
_WORD = re.compile(r"[a-z]+")
_NUMBER_WORD = re.compile(r"(?<![a-z])[a-z]+(?![a-z])")
_NOT_NAME_CHARS = re.compile(r"[^\w' .\-]")
MAX_NAME = 40
_MARKUP = re.compile(r"<\s*/?\s*[a-z][^<>]*>", re.IGNORECASE)  # an HTML tag; "Lou <3" is no tag
_VOWELS = frozenset("aeiouy")
YesNo = Literal["yes", "no", "not_yet"]
Pronoun = Literal["he", "she", "they"]


def parse_scale(text: str, lo: int = 1, hi: int = 10) -> int | None:
    """'7/10', 'about a seven', 'like a 2', '3 out of 5', 'a solid 8', 'ten', '8!!' -> the
    number; a rating out of another maximum is rescaled ('3/5' on 1-10 -> 6). None when there is
    no number, more than one, words other than fillers, or it falls outside lo..hi."""
    folded = fold(text.replace("🔟", " 10 ")).strip()
    if not folded or len(folded) > 60:
        return None
    value: float | None = None
    if "scale" in folded:  # "6 on a scale of 1-10" is "6 out of 10"
        folded = _ON_A_SCALE.sub(r" out of \1", folded)
    if "out" in folded or "from" in folded or "/" in folded:  # "eight out of ten", "seven/ten"
        folded = _NUMBER_WORD.sub(lambda word: str(_NUMBERS.get(word[0], word[0])), folded)
    match = _OUT_OF.search(folded)
    if match is not None and "/" in match[0] and match[2] not in _MAXIMA \
            and match[1].isdigit() and int(match[2]) - int(match[1]) == 1:
        match = None  # "6/7" is "6 or 7": no one rates out of 7 ("4/5" stays four out of five)
    if match is not None:
        number, scale = float(match[1].replace(",", ".")), int(match[2])
        if scale <= 0 or (number > scale and (scale != hi or number > 1000)):
            return None
        number = min(number, scale)  # "11/10", "100/10": off the scale is its top
        value = number if scale == hi else lo + (number - 0) * (hi - lo) / scale
        rest = folded[: match.start()] + " " + folded[match.end():]
    else:
        if (spread := _range(folded)) is not None:
            folded = folded[:spread[0]] + f" {spread[2]} " + folded[spread[1]:]
        numbers = _NUMBER.findall(folded)
        words = [w for w in _WORD.findall(folded) if w in _NUMBERS]
        if len(numbers) + len(words) != 1:
            return None
        value = float(numbers[0].replace(",", ".")) if numbers else _NUMBERS[words[0]]
        rest = _NUMBER.sub(" ", folded)
    leftover = [w for w in _WORD.findall(rest) if w not in _SCALE_FILLERS and w not in _NUMBERS]
    if leftover:
        return None
    rounded = int(value + 0.5)
    return rounded if lo <= rounded <= hi else None


def _range(folded: str) -> tuple[int, int, int] | None:
    """(start, end, the higher number) of "7 or 8" / "between 3 and 4" / "6-7"; None unless the
    two numbers are neighbours."""
    for found in _RANGE.finditer(folded):
        low, high = (int(g) if g.isdigit() else _NUMBERS.get(g) for g in (found[1], found[2]))
        if low is not None and high is not None and abs(high - low) == 1:
            return found.start(), found.end(), max(low, high)
    return None


def _phrase(text: str) -> str:
    norm = normalise(text)
    return norm.text.split(" | ")[0] if norm.text else ""


def parse_yes_no(text: str) -> YesNo | None:
    """'yes', 'yeah', 'sure', 'definitely' -> yes; 'no', 'nope', 'not really' -> no;
    'not yet', 'maybe later', 'almost' -> not_yet; anything else (or both) -> None."""
    emoji = _EMOJI_TONES.sub("", text).strip()  # "👍🏻", "✔️": the skin tone and the style go
    if emoji in ("👍", "✅", "👌", "🙌", "💯", "✔", "☑", "🆗", "🙆", "🙆‍♀", "🙆‍♂"):
        return "yes"
    if emoji in ("👎", "🙅", "🙅‍♀", "🙅‍♂", "🚫"):
        return "no"
    norm = normalise(text)
    if not norm.text or len(norm.text) > 80:
        return None
    first = norm.text.split(" | ")[0]
    every = norm.text.replace(" | ", " ").split()
    if not _YET.isdisjoint(every) and not _NOT.isdisjoint(every) and _YES_WORDS.isdisjoint(every):
        return "not_yet"  # "no, not yet", "nope not yet", "nah haven't done it yet", "nee nog niet"
    found = _yes_no(first)
    if found is None and _RUN_OF_TWO.search(first):  # "yesss", "nooo", "nahh", "yaa"
        found = _yes_no(_RUN_OF_TWO.sub(r"\1", first))
    return found


def _yes_no(first: str) -> YesNo | None:
    words = first.split()
    candidates = [first, " ".join(words[:3]), " ".join(words[:2]), words[0]]
    for candidate in candidates:
        for table, answer in ((_NOT_YET, "not_yet"), (_NO, "no"), (_YES, "yes")):
            if candidate in table:
                if candidate != first and _conflicts(first, answer):
                    return None
                if candidate != first and answer == "no" and \
                        words[len(candidate.split())] in _DOUBT:
                    return None  # "i do not know (if i did)", "i am not sure"
                return answer  # type: ignore[return-value]
    return None


_EMOJI_TONES = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F\uFE0E]")
_RUN_OF_TWO = re.compile(r"([a-z])\1+")
_NOT = frozenset({"not", "no", "nope", "nah", "never", "nao", "nicht", "nein", "pas", "non", "niet",
                  "nee"})
_YES_WORDS = frozenset({"yes", "yeah", "yep", "yup", "ya", "yea", "sure", "si", "sim", "ja", "oui",
                        "jawohl"})
# "yet" in the seven languages: "no todavia", "ainda nao", "nee nog niet", "non, pas encore"
_YET = frozenset({"yet", "todavia", "aun", "ainda", "noch", "encore", "ancora", "nog"})
_DOUBT = frozenset({"know", "remember", "sure", "understand", "get", "recall", "care", "mind"})


def _conflicts(phrase: str, answer: str) -> bool:
    """'yes and no', 'yeah no': the rest of the phrase says the opposite."""
    words = set(phrase.split()[1:])
    if answer == "yes":
        return bool(words & {"no", "not", "nope", "nah", "never"})
    return answer == "no" and bool(words & {"yes", "yeah", "yep"})


def parse_pronoun(text: str) -> Pronoun | None:
    """'her', 'him', 'he/him', 'they/them', "she's a girl", 'my boyfriend' -> he/she/they."""
    words = _WORD.findall(fold(text).replace("'s", " is"))
    if not words or len(words) > 8:
        return None
    found: list[str] = []
    joined = " ".join(words)
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            key = _PRONOUNS.get(" ".join(words[start:start + size]))
            if key and key not in found:
                found.append(key)
        if found:
            break
    if len(found) == 1:
        return found[0]  # type: ignore[return-value]
    if found and joined.startswith(("he they", "she they", "he she", "she he")):
        return found[0]  # type: ignore[return-value]  # "he/they": the first one leads
    return None


@dataclass(frozen=True, slots=True)
class NameResult:
    """A cleaned name, or the reason the text is not one (for a kind re-ask)."""

    name: str | None
    reason: str | None = None


def parse_name(text: str) -> NameResult:
    """A first name or nickname ('Anna', 'my name is Jo', 'call me DJ 😊'), or why not:
    empty, too_long, control, crisis, urge, question, sentence, emoji, not_a_name."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return NameResult(None, "empty")
    if len(cleaned) > MAX_NAME:
        return NameResult(None, "too_long")
    norm = normalise(cleaned)
    if control.detect(norm):
        return NameResult(None, "control")
    if crisis.detect(norm):
        return NameResult(None, "crisis")
    if urge.detect(norm):
        return NameResult(None, "urge")
    if _MARKUP.search(cleaned):
        return NameResult(None, "sentence")  # "<b>Al</b>": markup, not a name to clean up
    if "?" in cleaned:
        return NameResult(None, "question")
    letters = [c for c in cleaned if c.isalpha()]
    if not letters:
        return NameResult(None, "emoji" if any(not c.isascii() for c in cleaned) else "not_a_name")
    cleaned = _preferred(_EMOTICON.sub(" ", cleaned).strip() or cleaned)  # "Lou <3", "sam :)"
    cleaned = _BRACKETS.sub(" ", cleaned).strip() or cleaned  # "Tom (my ex)", "Sam (she/her)"
    name = _strip_prefix(_PRONOUN_TAG.sub(" ", cleaned) if "/" in cleaned else cleaned)
    name = _without_fillers(_apposed(_NOT_NAME_CHARS.sub(lambda m: "," if m[0] == "," else "",
                                                         name))).replace(",", " ").strip(" .-'")
    words = name.split()
    if len(words) > 1 and fold(words[-1]) == "here":
        words = words[:-1]  # "Kev here"
        name = " ".join(words)
    if not words or fold(name) in _CHAT_LETTERS:
        return NameResult(None, "not_a_name")  # "k" is "ok", "x" a kiss; "J" is an initial
    if _INITIALS.fullmatch(name):
        return NameResult(name.upper(), None)  # "R.J.", "j.r": initials, not "are j"
    if _a_when(words):
        return NameResult(None, "date")  # "2 weeks ago", "last night", "8pm": the next question's
    if len(words) > 5:
        return NameResult(None, "sentence")
    folded = [fold(w) for w in words]
    if any(_stopword(word, w, alone=len(words) == 1) for word, w in zip(words, folded, strict=True)) \
            or _LAUGH.fullmatch(folded[0]) or "://" in cleaned or "@" in cleaned:
        return NameResult(None, "sentence" if len(words) > 1 else "not_a_name")
    # a word that is a few ("hes gone", "whats yours", "shes mad at me"): read as normalised
    spelt = normalise(name).squeezed.replace("|", " ").split()
    if len(spelt) > len(words) and not _NAME_STOPWORDS.isdisjoint(spelt):
        return NameResult(None, "sentence")
    if any(ch.isdigit() for ch in name) and not any(ch.isalpha() for ch in name):
        return NameResult(None, "not_a_name")
    if any(_mashed(w) for w in folded) or len(name) > 30:
        return NameResult(None, "not_a_name")  # keyboard mash: "zxcvbnm", "asdfgh", "qwerty..."
    return NameResult(_capitalised(name), None)


_EMOTICON = re.compile(r"(?<!\w)(?:<3+|</3|[:;=]'?-?[()/\\|pPdDoO3*]+|\^_*\^|xD+)(?!\w)")
_INITIALS = re.compile(r"(?:[^\W\d_]\.\s?){1,3}[^\W\d_]")
_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_LAUGH = re.compile(r"(?:ha|he|hi|ah|lo|lol|xd)+h?|l+o+l+|a+h+a+|m+h+m+|h+m+")
# "mike, my ex", "mike the cheater", "Mike aka the devil", "Anna, 25": a name of one or two
# words, then what the person is to the user (or a comma and anything)
_APPOSING = frozenset({"my", "the", "aka", "a.k.a", "a.k.a.", "also", "a", "an"})


def _apposed(name: str) -> str:
    words = name.replace(",", " , ").split()
    for at in range(1, min(3, len(words) - 1)):
        if words[at] == "," or fold(words[at]) in _APPOSING:
            if fold(words[0]) in _NAME_STOPWORDS or "," in words[:at]:
                return name
            return " ".join(words[:at])
    return name


def _without_fillers(name: str) -> str:
    """'umm Mike', 'mike lol', 'idk Mike I guess', 'jess xx' -> the name alone."""
    words = name.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        folded = [fold(w).strip(".,!") for w in words]
        for filler in _NAME_FILLERS:
            size = len(filler)
            if len(words) > size and folded[:size] == filler:
                words, changed = words[size:], True
                break
            if len(words) > size and folded[-size:] == filler:
                words, changed = words[:-size], True
                break
    return " ".join(words)


def _stopword(word: str, folded: str, *, alone: bool) -> bool:
    """Whether a word of a would-be name is a word of a sentence or of chat. A word that is a
    name too ("Will", "Guy") is a name alone or written with its capital ("Will Smith")."""
    if folded in _NAME_WORD_NAMES and (alone or word[:1].isupper()):
        return False
    return folded in _NAME_STOPWORDS or _RUN_OF_THREE.sub(r"\1", folded) in _NAME_STOPWORDS


# Letters that alone are chat words, not initials: ok, a kiss, yes, no, you, are, see, why.
_CHAT_LETTERS = frozenset("kxynurc")
_WHEN_ALONE = frozenset({"ago", "yesterday", "today", "tonight", "tomorrow", "yday", "tmrw"})
_WHEN_UNITS = frozenset({"week", "weeks", "month", "months", "day", "days", "year", "years",
                         "night", "morning", "evening", "afternoon", "weekend", "fortnight",
                         "hours", "minutes", "mins"})
_CLOCK_TIME = re.compile(r"^\d{1,2}(?::\d{2})?\s*(?:am|pm|h)$")


def _a_when(words: list[str]) -> bool:
    """Whether a would-be name says when, not who: "yesterday", "2 weeks ago", "last night",
    "8pm". A month or a season alone stays a name (April, June, Summer)."""
    folded = [fold(word).strip(".,!") for word in words]
    return (not _WHEN_ALONE.isdisjoint(folded)
            or (len(folded) > 1 and (not _WHEN_UNITS.isdisjoint(folded)
                                     or folded[0] in ("last", "past", "since")))
            or _CLOCK_TIME.match(" ".join(folded)) is not None)


def _capitalised(name: str) -> str:
    """A name typed all in lower case, as chat is typed, starts with capitals ("marco" ->
    "Marco", "anne-marie" -> "Anne-Marie"): the bot begins sentences with it. A name with any
    capital is kept as its owner wrote it ("DJ", "McKenzie", "bell Hooks")."""
    if name.isupper() and sum(c.isalpha() for c in name) >= 4 and " " not in name.strip():
        name = name.lower()  # "SARAH" -> "Sarah"; "DJ", "AJ" stay as written
    if not name.islower():
        return name
    return re.sub(r"(^|[\s\-'])(\w)", lambda m: m[1] + m[2].upper(), name)


def _mashed(word: str) -> bool:
    """Five letters or more without a vowel ('zxcvbnm'; a letter outside ASCII may be one:
    'Bjørn'), or four or more along one keyboard row ('asdfgh', 'poiuy')."""
    if len(word) >= 5 and not any(c in _VOWELS or not c.isascii() for c in word):
        return True
    return len(word) >= 4 and any(word in row for row in _KEYBOARD_ROWS)


# "my name is Tom but call me Tommy", "Elizabeth, everyone calls me Lizzie": the name asked for
# is the one after the preference
_PREFERRED = re.compile(
    r"^(?P<given>.{1,40}?)\s*(?:,|;|\bbut\b|\band\b|\bthough\b|\btho\b|-)\s*(?:you can |u can |just |pls |please )?"
    r"(?:call me|i go by|go by|i prefer|(?:everyone|people|(?:my )?friends|most people|they) calls? me)"
    r"\s+(?P<name>.+)$", re.IGNORECASE)


def _preferred(text: str) -> str:
    found = _PREFERRED.match(text)
    return found["name"] if found is not None and len(found["given"].split()) <= 5 else text


def _strip_prefix(text: str) -> str:
    """'Hi, I'm Anna' -> 'Anna': drops a greeting and a 'my name is'-style opening."""
    words = text.split()
    folded = [fold(w).strip(".,!:;") for w in words]
    if folded and folded[0] in _NAME_GREETINGS:
        words, folded = words[1:], folded[1:]
    for prefix in _NAME_PREFIXES:
        size = len(prefix)
        if len(folded) > size and folded[:size] == prefix:
            return " ".join(words[size:])
    return " ".join(words)


def _bare_words(text: str) -> list[str]:
    """The words of a short reply, folded, apostrophes dropped ("don't" -> "dont")."""
    return _WORD.findall(fold(text).replace("'", "").replace("\u2019", ""))


def _alternation(words: list[str]) -> str:
    """A regex alternation of `words`, longest first (so "thats all" wins over "thats")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DECLINE_MARKERS = frozenset(_DATA["name_declines"]["markers"])
_DECLINE_WORDS = frozenset(_DATA["name_declines"]["words"])


def declines_name(text: str) -> bool:
    """Whether a reply to an optional name question is a no ("nope", "no nickname", "my ex is
    fine", "she doesn't have one"): the question's skip, not a name to refuse. Only asked after
    parse_name found no name, so "Noah" or "Nada" stay names."""
    words = _bare_words(text)
    return (0 < len(words) <= 6 and _DECLINE_WORDS.issuperset(words)
            and not _DECLINE_MARKERS.isdisjoint(words))


# "nothing", "nada": a whole answer of nought, never the head of a comment ("nothing helps")
_NOUGHT_WORDS = frozenset({"nothing", "nada", "zilch", "nil"})
# A rating said first, then a comment: "8, i keep opening our chat", "a 9. nearly called her",
# "7 but i didnt do anything". The head (up to five words, then the number, "/10" or "out of 10"
# allowed) must read as a scale on its own.
_SAID_FIRST = re.compile(
    r"^(?P<head>(?:[a-z']+ +){0,5}?(?:\d+(?:[.,]\d+)?|"
    + _alternation([w for w in _NUMBERS if " " not in w and w not in _NOUGHT_WORDS])
    + r")(?: *(?:/|out of|outta) *\d+)?)(?P<rest>(?:[^\w/]|$).*)$")


def parse_rating(text: str, lo: int, hi: int) -> int | None:
    """parse_scale, or a rating said first and then a comment, as people answer "how strong was
    it?" ("honestly like an 8, i keep opening our chat"). The comment holds no other number
    ("8, maybe 9" is asked again)."""
    level = parse_scale(text, lo, hi)
    if level is not None:
        return level
    folded = " ".join(fold(text).split())
    found = _SAID_FIRST.match(folded)
    if found is None or not found["rest"].strip(" .,!?;:-"):
        return None
    rest = found["rest"]
    if _NUMBER.search(rest) or any(w in _NUMBERS and w != "one" and w not in _NOUGHT_WORDS
                                        for w in _WORD.findall(rest)):
        return None
    return parse_scale(found["head"], lo, hi)


_LIST_DONE = re.compile(
    rf"(?:(?:{_alternation(_DATA['list_done']['before'])}) )*"
    rf"(?:{_alternation(_DATA['list_done']['phrases'])})"
    rf"(?: (?:{_alternation(_DATA['list_done']['after'])}))*")


def says_done(text: str) -> bool:
    """Whether a reply ends a list the user is writing ("that's all", "idk what else", "ok
    that's it for now"): the list's Done button, never an item of the list."""
    plain = " ".join(_bare_words(text))
    return bool(plain) and _LIST_DONE.fullmatch(plain) is not None
