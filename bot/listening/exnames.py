"""The ex by a first name that is not the registered nickname.

Two readings, both pure and cheap (a set lookup decides whether there is anything to do):

- `apposition(norm)`: the message says which name is the ex ("jake (my ex) texted me",
  "maria, my ex, liked my post", "my ex-boyfriend tyler called", "dylan my ex"): that name reads
  as the ex (the word `exname`) for this message, so every detector hears it as it hears the
  registered nickname.
- `maybe_ex(norm, out, in_)`: a bare first name in a contact event ("i texted jake", "maria
  called me", "liked toms story"): the contact tables would hear the event if that name were the
  ex, so the bot asks whether it is. Not when the name is clearly someone else ("my sister
  maria", "my friend jake", "jake my boss") or is a common word ("will", "grace" in lowercase).

Names come from data/first_names.json (tools/make_first_names.py): `names` read in lowercase,
`word_names` ("mark", "grace", "jack") only capitalised mid-sentence or beside "my ex", `never`
("will", "may", "hope") not at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from bot.listening.normalise import EX_TOKEN, SEP, Normalised, fold

Direction = Literal["out", "in"]

_DATA = json.loads((Path(__file__).with_name("data") / "first_names.json").read_text("utf-8"))
# Compared with the words of `Normalised.text` (folded, not squeezed: squeezed, "been" would
# read as "ben" and "need" as "ned").
NAMES = frozenset(_DATA["names"])
WORD_NAMES = frozenset(_DATA["word_names"])
NEVER = frozenset(_DATA["never"])
_ANY_NAME = NAMES | WORD_NAMES
# Possessives typed without the apostrophe: "toms story", "marias pic"
# (only where that is no English word: "this" is not Thi's; tools/make_first_names.py)
_POSSESSIVE = frozenset(_DATA["possessives"])

# Who a name is when the words beside it say so: "my sister maria", "jake my friend", "his mum
# sue".
_ROLES = frozenset([
    "friend", "friends", "bestie", "bff", "bf", "gf", "mate", "mates", "buddy", "pal", "sister",
    "sis", "brother", "bro", "mom", "mum", "mommy", "mummy", "mother", "dad", "daddy", "father",
    "mam", "ma", "nan", "nana", "gran", "grandma", "granny", "grandad", "grandpa", "aunt", "auntie",
    "aunty", "uncle", "cousin", "niece", "nephew", "son", "daughter", "kid", "kids", "baby", "boss",
    "manager", "coworker", "colleague", "workmate", "teammate", "flatmate", "roommate", "housemate",
    "landlord", "landlady", "neighbour", "neighbor", "therapist", "counsellor", "counselor",
    "doctor", "dr", "gp", "nurse", "teacher", "tutor", "coach", "trainer", "pastor", "priest",
    "vicar", "lawyer", "solicitor", "stepmom", "stepmum", "stepdad", "stepsister", "stepbrother",
    "wife", "husband", "fiance", "fiancee", "partner", "girlfriend", "boyfriend", "date", "crush",
    "situationship", "classmate", "student", "client", "dentist", "cat", "dog", "puppy",
])
_KIN = frozenset({"my", "his", "her", "their", "our", "exname", "s", "ur", "your"})
_EX_ROLE = r"(?: (?:boyfriend|girlfriend|husband|wife|partner|bf|gf|fiance|fiancee|bae))?"
# "jake | my ex", "ryan | ex", "jake aka my ex", "dylan my ex", "kyle my ex boyfriend"
_NAME_THEN_EX = re.compile(r"(?:^|(?<= ))([a-z]+)(?: \|| aka| who is| whos)? (?:my |the )?ex"
                           + _EX_ROLE + r"(?= |$)")
# "my ex jake", "my ex-boyfriend tyler", "my ex gf chloe"
_EX_THEN_NAME = re.compile(r"(?:^|(?<= ))(?:my|the) ex" + _EX_ROLE + r" ([a-z]+)(?= |$)")


def _capitalised(raw: str, word: str) -> bool:
    """Whether `word` is written capitalised in `raw` away from a sentence's start
    ("i texted Will", not "Will you..."): a name, even where it is also a word."""
    for found in re.finditer(r"(?<![\w'])([A-Z][a-z]+)", raw):
        if fold(found[1]) != word:
            continue
        before = raw[:found.start()].rstrip()
        if before and before[-1] not in ".!?\n":
            return True
    return False


def _is_name(raw: str, word: str, *, told: bool) -> bool:
    """A name in lowercase chat; `told`: the words beside it say it is the ex's name."""
    if word in NEVER or word == EX_TOKEN:
        return False
    if word in NAMES:
        return True
    return word in WORD_NAMES and (told or _capitalised(raw, word))


# Words of the six other languages that come right before "ex" as "my", "his" or "the" ("mi ex",
# "la mia ex", "su ex", "un ex"), some of them first names too ("Mia", "Su"): said bare before
# "ex" they are no name ("dormi con mi ex" is not "Mi, my ex").
_OWNERS = frozenset({"mi", "mia", "mio", "tu", "su", "le", "la", "el", "il", "lo", "un", "una",
                     "meu", "minha", "mon", "ma", "mein", "meine", "mijn", "mn"})


def apposition(norm: Normalised) -> str | None:
    """The name the message itself calls the ex, or None."""
    if "ex" not in norm.tokens:
        return None
    for pattern in (_NAME_THEN_EX, _EX_THEN_NAME):
        for found in pattern.finditer(norm.text):
            word = found[1]
            if pattern is _NAME_THEN_EX and word in _OWNERS and found[0].split()[1] == "ex":
                continue
            if _is_name(norm.raw, word, told=True):
                return word
    return None


# What is left of an apposition once its name reads as the ex: "exname | my ex | texted me" is
# "exname texted me", so the sentence reads whole (a pattern never crosses " | ").
_SPENT = re.compile(r"(?<![a-z])exname \| (?:my |the )?ex" + _EX_ROLE + r"(?: \|(?= )|$)")


def as_ex(norm: Normalised, word: str, token: str = EX_TOKEN) -> Normalised:
    """`norm` with the word `word` (and its possessive "words") read as `token`, in both forms,
    word by word (the text and squeezed forms hold the same words in the same places)."""
    texts, squeezed = norm.text.split(), norm.squeezed.split()
    if len(texts) != len(squeezed):  # never expected; the squeezed form alone then
        texts = squeezed
    possessive = word + "s" in _POSSESSIVE
    out_text: list[str] = []
    out_squeezed: list[str] = []
    for text, short in zip(texts, squeezed, strict=True):
        if text == word:
            out_text.append(token)
            out_squeezed.append(token)
        elif possessive and text == word + "s":
            out_text += [token, "s"]
            out_squeezed += [token, "s"]
        else:
            out_text.append(text)
            out_squeezed.append(short)
    text_form, squeezed_form = " ".join(out_text), " ".join(out_squeezed)
    if token == EX_TOKEN:
        text_form, squeezed_form = _SPENT.sub(token, text_form), _SPENT.sub(token, squeezed_form)
    clauses = tuple(squeezed_form.split(SEP)) if squeezed_form else ()
    return Normalised(norm.raw, text_form, squeezed_form, clauses, frozenset(squeezed_form.split()))


def _someone_else(words: list[str], at: int) -> bool:
    """The words around `words[at]` say who the person is: "my sister maria", "maria my sister",
    "jake from work", "maria | my friend"."""
    before = words[at - 1] if at else ""
    if before in _ROLES or (at >= 2 and words[at - 2] in _KIN and before in _ROLES):
        return True
    after = words[at + 1:at + 4]
    if after[:1] == ["|"]:
        after = after[1:]
    if after and after[0] in _KIN and len(after) > 1 and after[1] in _ROLES:
        return True
    return bool(after) and after[0] in _ROLES  # "jake bf", "tom boss" (rare, but said)


def candidates(norm: Normalised) -> list[str]:
    """First names in the message that could be the ex (at most two, in order)."""
    words = norm.text.split()
    if _ANY_NAME.isdisjoint(words) and _POSSESSIVE.isdisjoint(words):
        return []
    found: list[str] = []
    for at, word in enumerate(words):
        name = word[:-1] if word in _POSSESSIVE else word
        if name in found or not _is_name(norm.raw, name, told=False):
            continue
        if _someone_else(words, at):
            return []  # a named friend or relative in the message: not asked about anyone
        found.append(name)
        if len(found) == 2:
            break
    return found


def display(raw: str, word: str) -> str:
    """The name as the user wrote it, capitalised ("jake" -> "Jake"), for the bot's question."""
    for found in re.finditer(r"[^\W\d_]+", raw):
        if fold(found[0]) in (word, word + "s"):
            typed = found[0] if fold(found[0]) == word else found[0][:-1]
            return typed[:1].upper() + typed[1:]
    return word.capitalize()
