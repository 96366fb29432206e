"""Whether words typed where a short answer was asked (a name, a date, a city, a time, a 1-5
rating, a 0-10 strength) tell how the user feels or what happened, rather than miss the format:
"i feel like garbage today, he posted a pic with some girl" at the check-in's mood question,
"i cant stop crying, he blocked me everywhere" at the name question. Those get a companion's
acknowledgement before the question comes again (bot/features/companion/handlers.py, `aside`);
a plain miss ("somewhere near the coast", "whenever lol") gets the question's own re-ask, which
says what it can read.

It runs only when the question's parser could not read the words and every safety detector has
had its say, so it never decides anything about safety or about what is stored.

A short word list and no model, on purpose: a sentence of four words or more that names a
feeling or the ex is what to look for, and a miss costs only a plainer re-ask. English only, as
the replies are.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.listening.normalise import fold

MIN_WORDS = 4  # "he hurt me" is a name question's sentence re-ask; four words tell something

_FEELINGS = frozenset((
    "cry", "crying", "cried", "cries", "tears",
    "hurt", "hurts", "hurting", "pain", "painful", "ache", "aching", "miss", "missing",
    "missed", "sad", "sadness", "lonely", "alone", "awful", "terrible", "horrible", "garbage",
    "shit", "shitty", "crap", "crappy", "sucks", "broken", "heartbroken", "heartbreak",
    "exhausted", "drained", "angry", "furious", "anxious", "anxiety", "panic", "scared",
    "afraid", "empty", "numb", "ugh", "hate", "hated", "love", "loved", "devastated", "wrecked",
    "struggling", "overwhelmed", "depressed", "upset", "miserable", "gutted", "jealous",
    "betrayed", "pathetic", "embarrassed", "ashamed", "regret", "confused", "dumped", "apart",
))
_FELT = frozenset(("feel", "feels", "felt", "feeling", "feelings"))
# The ex, as people name them in the middle of a story ("he posted", "my ex", "her new bf").
# Words that also mean something plain ("hard", "down", "lost", "sorry") are left out: "hard to
# say" at the time zone question is no feeling.
_EX = frozenset(("he", "she", "him", "her", "his", "hers", "ex", "exs", "hes", "shes", "hed", "shed"))
# At a question about how the day or the urge feels, plainer words tell a feeling too ("its been
# really hard tonight"), as they do not at a name, a date or a city.
_MOODS = frozenset(("hard", "rough", "tough", "bad", "worse", "worst", "heavy", "down", "low",
                    "lost", "mess", "wreck", "struggle", "suck", "sucked"))
# Said of the day ("pretty good day actually, went to the gym"), unless just after a "not"
_GOOD = frozenset(("good", "great", "better", "amazing", "happy", "proud", "fine", "calm",
                   "lighter", "hopeful", "decent", "nice", "lovely", "awesome", "productive",
                   "stronger", "ok", "okay", "alright", "peaceful", "relieved"))
_NOT = frozenset(("not", "isnt", "wasnt", "never", "dont", "didnt", "no", "nt", "aint"))
_WORD = re.compile(r"[a-z]+")


def tells(text: str, nickname: str | None = None, *,
          about_feelings: bool = False) -> Literal["feeling", "good", "story"] | None:
    """ "feeling" for a sentence that says the user hurts, "good" for one that says the day is
    good, "story" for one about the ex or their feelings otherwise, None for anything else (too
    short, or neither). `about_feelings`: the question asked how the day or the urge feels, so
    plainer words count."""
    words = _WORD.findall(fold(text).replace("'", "").replace("\u2019", ""))
    if len(words) < MIN_WORDS:
        return None
    good = [i for i, word in enumerate(words) if word in _GOOD]
    felt = about_feelings or not _FELT.isdisjoint(words)
    denied = felt and any(not _NOT.isdisjoint(words[max(0, i - 2):i]) for i in good)  # "not great"
    if not _FEELINGS.isdisjoint(words) or denied or (
            about_feelings and not _MOODS.isdisjoint(words)):
        return "feeling"
    if good and felt:
        return "good"  # "i feel great today": not at a name question's "good name huh"
    if not _FELT.isdisjoint(words):
        return "story"
    named = set(_WORD.findall(fold(nickname))) if nickname else set()
    return "story" if not _EX.isdisjoint(words) or not named.isdisjoint(words) else None
