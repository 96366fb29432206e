"""Reads "who would you call?": a name, and optionally how to reach them, in one line.

"Maya", "Maya, 0171 2345678", "my sister Maya @maya_k", "Tom (call after 6)". The name is what
comes before a comma, a dash or a bracket, or before the first word that looks like a way to
reach someone (a number, an @handle, an address); the rest is kept as written."""

from __future__ import annotations

import re

MAX_NAME = 40
MAX_REACH = 80
MAX_NAME_WORDS = 5  # "my sister Maya" is a name; a whole sentence is not
_SEPARATOR = re.compile(r"\s*(?:[,;:(]|\s[-–—]\s|\bon\s(?=[+@\d]))\s*")
_CONTACT = re.compile(r"^(?:[+@(]|\d)|@|\d{3}")
# "Who would you call?" answered with nobody: never a name (step 2 takes it as a skip).
_NO_ONE = re.compile(
    r"^(?:(?:there(?:'| i)?s |i have |i've got |i got )?(?:no ?one|no-one|nobody|none|no|nope"
    r"|not really|not anyone|noone)(?: (?:really|right now|at the moment|to call))?)[.!…]*$")


def no_one(text: str) -> bool:
    """True for "nobody", "no one really", "there's no one": an answer, but not a name."""
    return bool(_NO_ONE.match(" ".join(text.casefold().replace("’", "'").split())))


def parse_person(text: str) -> tuple[str, str | None] | None:
    """(name, how to reach them or None); None when there is no plausible name."""
    line = " ".join(text.split())
    if not line or no_one(line):
        return None
    name, reach = _split(line)
    name = name.strip(" .!?…-–—")  # a name, not a sentence: templates put their own stop after it
    reach = (reach or "").strip(" .)") or None
    if not name or len(name) > MAX_NAME or len(name.split()) > MAX_NAME_WORDS:
        return None
    if not any(ch.isalpha() for ch in name) or "@" in name:
        return None  # only a number or a handle: ask for a name to go with it
    if reach is not None and len(reach) > MAX_REACH:
        reach = reach[:MAX_REACH].rstrip()
    return name, reach


def _split(line: str) -> tuple[str, str | None]:
    match = _SEPARATOR.search(line)
    if match and match.start() > 0:
        return line[:match.start()], line[match.end():]
    words = line.split(" ")
    for index, word in enumerate(words):
        if index and _CONTACT.search(word):
            return " ".join(words[:index]), " ".join(words[index:])
    return line, None
