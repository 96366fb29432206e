"""Hears control words typed in any question: skip, cancel, stop, back, menu, help (and
"unsure"), and a request that the bot stop writing first ("quiet").

They act the same in every question and are never stored as data: "skip" at the name question is
not a name. The whole message must be the control phrase once polite fillers are dropped ("ok
skip this one please", "go back!!", "❌"), so a sentence that merely contains the word ("I can't
stop thinking about him") is not one. A table phrase is looked up as written and as normalised
("i'll pass", "next q"), and with the fillers of both dropped when two words or more are left
("take me home pls" is "take me home"). Tables: data/control.json.

"unsure" ("idk", "no idea", "not sure") is returned as its own word on purpose: a question with
a "Not sure" button takes it as that answer; any other question treats it as skip.

"stop" alone is its own word too: in a question it cancels, with nothing open it offers to pause
the check-ins. "quiet" is the whole message asking the bot to stop its messages ("stop messaging
me", "unsubscribe", "turn off the notifications", "i'm done with this bot"): longer than a
control word may be, so it has whole-message expressions of its own; "he won't stop messaging
me" and "stop texting me, he said" are sentences about someone else and never match.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Literal, cast

from bot.listening.normalise import Normalised, as_normalised, squeeze
from bot.listening.triggers import trigger_words

Control = Literal["skip", "cancel", "stop", "quiet", "back", "menu", "help", "unsure"]

_DATA = json.loads((Path(__file__).parent.parent / "data" / "control.json").read_text("utf-8"))
_EMOJI = str.maketrans({k: f" {v} " for k, v in _DATA["emoji"].items()})
_FILLERS = frozenset(squeeze(w) for w in _DATA["fillers"])
_TAILS = tuple(f" {squeeze(t)}" for t in _DATA["tails"])


def _drop_fillers(words: list[str]) -> list[str]:
    kept = [w for w in words if w not in _FILLERS]
    return [w for i, w in enumerate(kept) if i == 0 or w != kept[i - 1]]  # "skip skip"


def _forms(phrase: str) -> list[str]:
    """A table phrase as typed and as the message is normalised ("i'll pass" -> "i wil pas",
    "next q" -> "next que", "idc" -> "i do not care"), so the tables need not be written in the
    normalised spelling."""
    normalised = as_normalised(phrase).squeezed.replace("|", " ")
    return list(dict.fromkeys([squeeze(phrase), " ".join(normalised.split())]))


_WORDS: dict[str, Control] = {}
_LOOSE: dict[str, Control] = {}  # the phrases with their fillers dropped ("take me home")
for _control, _phrases in _DATA["words"].items():
    for _phrase in _phrases:
        for _form in _forms(_phrase):
            _WORDS.setdefault(_form, cast(Control, _control))
            _bare = " ".join(_drop_fillers(_form.split()))
            if _bare:
                _LOOSE.setdefault(_bare, cast(Control, _control))
# "its fine", "doesnt matter", "ur good": alone they are answers ("doesnt matter" is no name),
# beside a cancel phrase they only soften it ("nvm its fine", "doesnt matter forget it")
_SOFTENERS = frozenset(" ".join(_drop_fillers(form.split())) for phrase in _DATA["cancel_softeners"]
                       for form in _forms(phrase))
_HELP = re.compile("|".join(f"(?:{squeeze(p)})" for p in _DATA["help_patterns"]))
_SKIP = re.compile("|".join(f"(?:{squeeze(p)})" for p in _DATA["skip_patterns"]))
_QUIET = re.compile("|".join(f"(?:{squeeze(p)})" for p in _DATA["quiet_patterns"]))


def _needed(patterns: list[str]) -> frozenset[str] | None:
    """Words of which every match of any of `patterns` holds one (the phrase tables' own
    reading, triggers.py), or None when some pattern has no such words (always tried)."""
    found: set[str] = set()
    for pattern in patterns:
        words = trigger_words(squeeze(pattern))
        if not words:
            return None
        found |= words
    return frozenset(found)


# A message with none of these words cannot be that whole-message expression: most messages
# are decided here without running the expression (tests/listening/test_fast_paths.py).
_HELP_WORDS = _needed(_DATA["help_patterns"])
_SKIP_WORDS = _needed(_DATA["skip_patterns"])
_QUIET_WORDS = _needed(_DATA["quiet_patterns"])


def _fits(pattern: re.Pattern[str], needed: frozenset[str] | None, words: list[str]) -> bool:
    """Whether the words, joined, are wholly `pattern` (skipped when none of `needed` is there)."""
    if needed is not None and needed.isdisjoint(words):
        return False
    return pattern.fullmatch(" ".join(words)) is not None
_MAX_WORDS = 8  # longer messages are sentences, never a control word
_MAX_HELP_WORDS = 12  # a whole-message help question may run longer (round 8)
_MAX_QUIET_WORDS = 16  # "could you please stop sending me messages every day thanks"


def _slips(word: str) -> frozenset[str]:
    """One slip of the finger on a control word: two neighbours swapped ("bakc", "sikp",
    "meun", "cancle", "hepl", "retrun"), one letter after the first dropped ("canel") or one
    added ("nexxt" squeezes away; "menbu")."""
    out = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    if len(word) >= 4:
        out |= {word[:i] + word[i + 1:] for i in range(1, len(word))}
    out |= {word[:i] + c + word[i:] for i in range(1, len(word) + 1)
            for c in "abcdefghijklmnopqrstuvwxyz"}
    return frozenset(out - {word})


# a slip is read only when it names one control word and is not a real word ("black", "ski",
# "men", "sip" stay what they are); whole messages of three words or fewer only (u2urge)
_SLIP: dict[str, str] = {}
for _target in _DATA["slip_targets"]:
    for _typed in _slips(squeeze(_target)):
        _SLIP[_typed] = "" if _typed in _SLIP else squeeze(_target)
_SLIP = {k: v for k, v in _SLIP.items() if v and k not in _DATA["slip_real_words"]}
_MAX_SLIP_WORDS = 3


def detect(text: str | Normalised) -> Control | None:
    """The control word the message is, or None."""
    found = _detect(text)
    if found is not None:
        return found
    raw = text.raw if isinstance(text, Normalised) else text
    if len(raw) > 40 or raw.count(" ") >= _MAX_SLIP_WORDS * 2:
        return None
    words = as_normalised(text).squeezed.replace("|", " ").split()
    if not words or len(words) > _MAX_SLIP_WORDS or _SLIP.keys().isdisjoint(words):
        return None
    fixed = [_SLIP.get(w, w) if w not in _FILLERS else w for w in words]
    return _detect(" ".join(fixed))


def _detect(text: str | Normalised) -> Control | None:
    raw = text.raw if isinstance(text, Normalised) else text
    stripped = raw.strip()
    if not stripped or len(stripped) > 60:
        return None
    if not stripped.isascii():
        stripped = _without_mood(stripped.translate(_EMOJI))
        if not stripped.strip():
            return None  # only emoji that say nothing of their own
        if set(stripped.split()) <= {"?"}:
            return "help"
    if stripped.strip("?!. ") == "" and "?" in stripped:
        return "help"  # "?" or "??" alone
    if stripped.strip("-\u2013\u2014_ ") == "":
        return "skip"  # a dash alone, as on a paper form: "-", "--", "—"
    norm = as_normalised(stripped) if not isinstance(text, Normalised) or stripped != raw.strip() \
        else text
    words = norm.squeezed.replace("|", " ").split()
    if not words or len(words) > _MAX_QUIET_WORDS:
        return None
    if _fits(_QUIET, _QUIET_WORDS, words):
        return "quiet"
    if len(words) > _MAX_WORDS and len(_cut_tail(words)) > _MAX_WORDS:  # a polite tail is no sentence
        # "i dont get it, what do u want me to write" (round 8): a whole-message help question
        # may run longer than a control word
        return "help" if len(words) <= _MAX_HELP_WORDS and _fits(_HELP, _HELP_WORDS, words) else None
    whole = _WORDS.get(" ".join(words)) or _trimmed(words)
    if whole is not None:
        return whole
    if _fits(_HELP, _HELP_WORDS, words):
        return "help"  # "what am i supposed to type here", "what do you want me to write"
    if _fits(_SKIP, _SKIP_WORDS, words):
        return "skip"  # "i dont feel like answering that", "can i not answer this", "cant say rn"
    words = _cut_tail(words)  # "ill skip this one if thats ok"
    deduped = _drop_fillers(words)
    phrase = " ".join(deduped) if deduped else " ".join(words)
    found = _WORDS.get(phrase) or _loose(deduped)
    return found if found is not None else _two_phrases(deduped)


def _without_mood(text: str) -> str:
    """The text with the emoji the control table does not read dropped ("help 💀", "nvm 😅",
    "go back 🙏❤️"): beside a control word they only say how it feels. Letters of any
    language stay ("zurück", "atrás")."""
    if all(unicodedata.category(char)[0] != "S" and char not in _JOINERS for char in text):
        return text
    return "".join(" " if unicodedata.category(char) in _MOOD or char in _JOINERS else char
                   for char in text)


_MOOD = frozenset({"So", "Sk"})  # symbols: emoji, skin tones
_JOINERS = frozenset({"\u200d", "\ufe0f", "\ufe0e", "\u20e3"})


def _trimmed(words: list[str]) -> Control | None:
    """A table phrase with polite fillers typed around it, dropped one at a time from the ends
    ("last question again pls" is "last question again"), before the fillers inside it go too
    (which would leave "last" alone of "last question")."""
    while len(words) > 1 and (words[-1] in _FILLERS or words[0] in _FILLERS):
        words = words[:-1] if words[-1] in _FILLERS else words[1:]
        if (found := _WORDS.get(" ".join(words))) is not None:
            return found
    return None


def _loose(words: list[str]) -> Control | None:
    """A table phrase matched with the fillers of both dropped ("take me home pls" is "take me
    home"), for two words or more: one word left over ("not" from "not this one") is too little."""
    return _LOOSE.get(" ".join(words)) if len(words) > 1 else None


def _cut_tail(words: list[str]) -> list[str]:
    """Drops one polite tail ("if that is ok", "if you do not mind") when something is left."""
    joined = " " + " ".join(words)
    if not joined.endswith(_TAILS):  # one call for every tail, most messages have none
        return words
    for tail in _TAILS:
        if joined.endswith(tail) and len(joined) > len(tail):
            return joined[: -len(tail)].split()
    return words


# The first and the last word of every table phrase: two phrases typed together begin with the
# one or end with the other, so a message that does neither is no such pair.
_STARTS = frozenset(phrase.split()[0] for phrase in (*_WORDS, *_LOOSE) if phrase.strip())
_ENDS = frozenset(phrase.split()[-1] for phrase in (*_WORDS, *_LOOSE) if phrase.strip())


def _two_phrases(words: list[str]) -> Control | None:
    """Two control phrases typed together ("nvm forget it", "idk skip", "no idea pass"): the
    word they agree on, or the one beside "unsure" (unsure then skip is a skip). The table
    look-ups come first: the long "stop messaging me" expressions are tried on one half only
    when the other half is a table phrase (every pair they join has "stop" or "cancel")."""
    if len(words) < 2 or (words[0] not in _STARTS and words[-1] not in _ENDS):
        return None  # no half can be a table phrase
    starts, ends, last = _STARTS, _ENDS, words[-1]
    for cut in range(1, len(words)):
        # a half can be a table phrase only when it begins and ends as one does: most cuts of
        # a sentence are decided here, without joining and looking up its halves
        if (len(words) > 2 and not (words[0] in starts and words[cut - 1] in ends)
                and not (words[cut] in starts and last in ends)):
            continue
        left, right = words[:cut], words[cut:]
        first, second = _table_phrase(left), _table_phrase(right)
        if "cancel" in (first, second) and (" ".join(left) in _SOFTENERS
                                            or " ".join(right) in _SOFTENERS):
            return "cancel"
        if first is None and second is None and len(words) > 2:
            continue
        if first is None and second is not None:
            first = _quiet_phrase(left)
        elif second is None and first is not None:
            second = _quiet_phrase(right)
        if first is None or second is None:
            # one word left of a phrase ("wrong" of "wrong one") counts only beside a phrase
            # that says the same: "wait wrong one go back"
            first = first or (_LOOSE.get(words[0]) if cut == 1 else None)
            second = second or (_LOOSE.get(words[-1]) if cut == len(words) - 1 else None)
            if first is None or first != second:
                continue
        if first == second or second == "unsure":
            return first
        if first == "unsure":
            return second
        pair = {first, second}
        if "quiet" in pair and pair <= {"quiet", "stop", "cancel"}:
            return "quiet"  # "STOP no more messages", "stop. unsubscribe"
        if pair == {"stop", "cancel"}:
            return "stop"
    return None


def _table_phrase(words: list[str]) -> Control | None:
    return _WORDS.get(" ".join(words)) or _loose(words)


def _quiet_phrase(words: list[str]) -> Control | None:
    return "quiet" if _fits(_QUIET, _QUIET_WORDS, words) else None
