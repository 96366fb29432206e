"""Hears contact with the ex as something that happened, in plain words.

`outgoing`: the user reached out ("I texted him last night", "we slept together again", "I liked
his story", "I caved and messaged", "texted him again ugh") -> the slip flow.
`incoming`: the ex reached out ("he texted me", "she wants to meet up", "a birthday message from
him", "he keeps liking my posts") -> the "they contacted me" triage.

Only events count. The tables use past or ongoing forms, so wishes and questions ("I want to text
him", "has he texted me?") do not match; a hypothetical word just before the match ("what if",
"I wish", "I dreamt", "almost") or a negation ("I never texted him") cancels it. The ex is he,
she, they, "my ex", ex-boyfriend/girlfriend/husband/wife/partner, or the nickname passed to
`normalise(text, nickname=...)`, which reads as the word `exname`. A pronoun is only the ex when
no other person was named before it in the clause ("my friend called and we talked for hours").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, cast

from bot.listening import phrases
from bot.listening.normalise import SEP, Normalised, as_normalised, normalise

Direction = Literal["out", "in"]

_DATA = phrases.load("contact")
_MACROS = cast(dict[str, str], _DATA["macros"])
_OUT = phrases.RuleSet({"out": cast(list[str], _DATA["outgoing"])}, _MACROS)
_IN = phrases.RuleSet({"in": cast(list[str], _DATA["incoming"])}, _MACROS)
_HYPOTHETICAL = tuple(f" {phrases.squeeze(w)} " for w in cast(list[str], _DATA["hypothetical"]))
_QUESTION = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["question_starts"]))
_FILLERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["negation_fillers"]))
_OTHERS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["other_people"]))
_SUBJECTLESS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["subjectless_verbs"]))
_INTERJECTIONS = frozenset(phrases.squeeze(w) for w in cast(list[str], _DATA["interjections"]))
_EX_WORDS = frozenset({"ex", "exname"})
# "my ex texted my brother happy birthday": the ex reached someone else for their own reasons,
# told by the words right after the person ("he rang my mum" alone still counts as contact)
_OWN_BUSINESS = re.compile(phrases.squeeze("(?:" + "|".join(
    phrases.expand(p, {}) for p in cast(list[str], _DATA["their_own_business"])) + ")(?![a-z0-9])"))
_CARRIED = frozenset({"pased", "gave", "delivered", "brought", "handed"})  # squeezed
_WINDOW = 4  # how many words before a match may hold "if", "wish", "almost"...
_OVERRULED = re.compile(phrases.squeeze(
    r" [a-z]+ (?:would|will|is going to|s going to|gonna) (?:kill|murder|hate|be (?:so )?(?:mad|angry"
    r"|furious|disappointed|upset))(?: me)?(?![a-z])"
    r"| [a-z]+ (?:dared me|told me not to|said not to|says not to|warned me|begged me not to"
    r"|keeps telling me not to|told me to leave it|said i should not|says i should not"
    r"|says do not|said do not|told me do not|keeps saying do not|would say do not)(?![a-z])"))
# "my mum said he called the house asking for me": a person who reports what the ex did
_REPORTED = re.compile(phrases.squeeze(r"(?:says|said|told me|tells me|mentioned|reckons|let slip|swears"
                                       r"|told me that|says that|said that|heard)(?: that)? $"))
_ASKING_AFTER_ME = re.compile(phrases.squeeze(r"(?<![a-z])(?:asking|asked|enquiring|inquiring)(?![a-z])"
                                              r"|(?:about|after|for) me(?![a-z])"))
# "i know i shouldnt have but i texted him", "i couldnt help it i called her": regret, not a wish
_NOT_HYPOTHETICAL = tuple(f" {phrases.squeeze(w)} " for w in cast(list[str], _DATA["not_hypothetical"]))
# "wrote him a whole paragraph but havent sent it": written, never sent (an urge, not a slip)
_UNSENT = re.compile(phrases.squeeze(r"(?: [a-z0-9]+){0,8}? (?:but |and |then |just |still )*(?:i )?"
                     r"(?:have not|did not|never|not|do not|wont|will not|could not|cannot) "
                     r"(?:[a-z]+ ){0,2}(?:send|sent|sending|hit send|press|pressed|posted|posting)(?![a-z0-9])"
                     # "wrote him a letter for therapy, not sending it": the denial in the next clause,
                     # about "it" and nothing more
                     r"|(?: [a-z0-9]+){0,8}? \| (?:but |and |just |still |obviously |def |definitely )*(?:i )?"
                     r"(?:am not|m not|have not|did not|never|not|wont|will not|not going to|not gona|do not) "
                     r"(?:sending|send|sent|posting|post|giving|give) (?:it|this|that|them)(?! again| anymore| ever| twice)(?: [a-z0-9]+){0,3}(?= \||$)"
                     r"|(?: [a-z0-9]+){0,10}? (?:in my drafts|unsent|still in my notes|then deleted it"
                     r"|and deleted it|deleted it|and deleted|never sent|put it in the bin|binned it|in the bin|threw it away"
                     r"|threw it out|ripped it up|tore it up|burned it|burnt it|chucked it|shredded it)(?![a-z0-9])"
                     r"|(?: [a-z0-9]+){0,10}? (?:if|whether) (?:i should|to|i will|i can|i could|i ought to) "
                     r"(?:just )?(?:send|post|give|deliver|hand|drop)(?![a-z0-9])"
                     # "wrote her a letter and im thinking of sending it": weighed, not yet sent
                     r"|(?: [a-z0-9]+){0,8}? (?:thinking of|thinking about|considering|contemplating|tempted to"
                     r"|about to|close to) (?:just )?(?:send|sending|post|posting|give|giving|deliver"
                     r"|delivering|hand|handing|mail|mailing) (?:it|this|that|them)(?![a-z0-9])"))
# Answering a call from a number the user did not know is the ex contacting them, not a slip.
_ANSWERED = re.compile(phrases.squeeze(r"(?<![a-z])(?:answered|picked up|took the call|accepted the call|answered it)(?![a-z])"))
_UNKNOWN_CALLER = re.compile(phrases.squeeze(
    r"(?<![a-z])(?:(?:unknown|random|private|different|new|withheld|blocked|mystery|hidden|no caller id|no caler id)"
    r" (?:[a-z]+ )?(?:number|caller|account|phone)|no caller id|caller id)(?![a-z])"))
# "he texted me every morning before we broke up": the relationship, not contact since
_BACK_THEN = re.compile(phrases.squeeze(r"(?: [a-z0-9]+){0,10}? (?:back then|when we were (?:together|dating|a couple)"
                        r"|while we were (?:together|dating)|before we broke up|before the breakup"
                        r"|during our relationship|in our relationship|when we first met"
                        r"|when we first started dating)(?![a-z0-9])"))
# "he texted me back in 2019 and that is how it all started", "we met at a party years ago": a
# year or a school long gone is the story, not news; not when it is the age of what was liked
# ("double tapped his pic from 2 years ago")
_LONG_AGO = re.compile(phrases.squeeze(
    r"(?: (?!(?:from|of)(?![a-z0-9]))[a-z0-9]+){0,4}? (?:back in (?:19|20)[0-9]{1,2}"
    r"|in (?:19|20)[0-9]{1,2}|years ago|back in the day"
    r"|back in (?:high school|school|college|uni|university|sixth form)"
    r"|in (?:high school|college|uni|sixth form|year [0-9]+))(?![a-z0-9])"))


# Words in quotes ("sent 'i miss u' and turned my phone off", 'got a "thinking of you" text from
# her'): the quote is read as the one word `quotemsg`, a message, so the words around it read as
# a sentence; the normaliser itself leaves a quote as its own clause (double quotes) or as plain
# words run into the sentence (single quotes).
QUOTE_WORD = "quotemsg"
_OPENING = re.compile("[\"\u201c\u201d\u2018\u00ab]|(?<!\\S)'")
_QUOTED = re.compile(r"(?<![\w'])(?:\"([^\"\n]{1,120}?)\"|\u201c([^\u201d\n]{1,120}?)\u201d"
                     r"|'([^'\n]{1,120}?)'|\u2018([^\u2019\n]{1,120}?)\u2019|\u00ab([^\u00bb\n]{1,120}?)\u00bb)(?![\w'])")


def quoted(norm: Normalised) -> Normalised | None:
    """`norm` with each quoted span read as the word `quotemsg`, or None when nothing is quoted
    (the common case, decided by one set check). Shared with detectors/urge.py."""
    raw = norm.raw
    if _OPENING.search(raw) is None:
        return None  # no quote marks, or only apostrophes inside words ("i'm", "don't")
    return _quoted(norm)


@lru_cache(maxsize=64)
def _quoted(norm: Normalised) -> Normalised | None:
    """quoted() once per message: outgoing, incoming and the urge all ask for it."""
    raw = norm.raw
    text = f" {norm.squeezed} "
    for found in _QUOTED.finditer(raw):
        inner = next(group for group in found.groups() if group is not None)
        words = normalise(inner).squeezed
        if not words:
            continue
        at = text.find(f" {words} ")
        if at < 0:
            continue  # the nickname inside the quote, or words the sentence read differently
        before, after = text[:at].rstrip(), text[at + len(words) + 2:].lstrip()
        before = before[:-1].rstrip() if before.endswith("|") else before
        after = after[1:].lstrip() if after.startswith("|") else after
        text = f" {before} {QUOTE_WORD} {after} "
    squeezed = " ".join(text.split())
    if squeezed == norm.squeezed:
        return None
    return Normalised(raw, squeezed, squeezed, tuple(squeezed.split(SEP)), frozenset(squeezed.split()))


_EX_ROLE_WORD = re.compile(r"(?<= ex) [a-z]+(?= |$)")


def names_someone_else(text: str, start: int, words: str) -> bool:
    """True when the clause names another person (a friend, mum, boss...) before `start` and the
    matched `words` speak of the ex only by a pronoun: then the pronoun is most likely that
    person. Shared with detectors/urge.py."""
    said = words.split()
    if not _EX_WORDS.isdisjoint(said):
        return False
    if len(said) > 2 and said[-2] == "from" and ("me" in said or said[0] in _CARRIED):
        return False  # "a mutual friend passed on a message from him": the friend only carried it
    left = text.rfind("|", 0, start) + 1
    before = text[left:start]
    if _OTHERS.isdisjoint(before.split()):
        return False
    if " ex " in f" {before}":
        # "mi ex novio me escribe", "mein ex freund schreibt mir": the person after "ex" is the ex
        before = _EX_ROLE_WORD.sub(" ex ", f" {before}")
        if _OTHERS.isdisjoint(before.split()):
            return False
    if _other_gender(before.split(), said):
        return False  # "my mate got engaged, i was happy for her ... i want to call him"
    if said[0] == "we" and _ex_named_last(before.split()):
        return False  # "out with my mates and he was there and we ended up talking for hours"
    if _REPORTED.search(before) and _ASKING_AFTER_ME.search(words):
        return False  # "my friend says he has been asking about me": the friend only reports it
    # "my therapist would kill me but i emailed him": a person who only warned or dared the
    # user is not the one contacted
    return not _OTHERS.isdisjoint(_OVERRULED.sub(" ", f" {before} ").split())


# The person a pronoun cannot be: a woman named ("my sister", or "my mate ... happy for her")
# is not "him", a man is not "her". Only the last person named before the match counts, and only
# when the match speaks of the ex by one gendered pronoun.
_FEMALE = frozenset(phrases.squeeze(w) for w in (
    "mom", "mum", "mam", "mother", "sister", "sis", "aunt", "auntie", "grandma", "gran", "nan",
    "daughter", "niece", "gf", "girlfriend", "wife"))
_MALE = frozenset(phrases.squeeze(w) for w in (
    "dad", "father", "brother", "bro", "uncle", "grandpa", "grandad", "son", "nephew", "bf",
    "boyfriend", "husband"))
_SHE = frozenset({"she", "her", "hers", "herself"})
_HE = frozenset({"he", "him", "his", "himself"})


def _gender(words: list[str] | tuple[str, ...]) -> str | None:
    for word in words:
        if word in _SHE:
            return "f"
        if word in _HE:
            return "m"
    return None


def _other_gender(before: list[str], said: list[str]) -> bool:
    """True when the last person named in `before` is told (by the noun, or by the first
    pronoun after it) to be of the other gender than the pronoun for the ex in `said`."""
    meant = _gender(said)
    if meant is None:
        return False
    at = max(i for i, word in enumerate(before) if word in _OTHERS)
    named = before[at]
    other = "f" if named in _FEMALE else "m" if named in _MALE else _gender(before[at + 1:])
    return other is not None and other != meant


_EX_NAMED = frozenset({"he", "she", "exname", "ex"})
_THERE = frozenset(phrases.squeeze(w) for w in (
    "was", "is", "came", "showed", "turned", "walked", "rocked", "arrived", "joined", "sat",
    "appeared", "popped"))


def _ex_named_last(before: list[str]) -> bool:
    """True when the ex (he, she, the nickname, "my ex") turns up after the last other person
    is named ("...with my mates and he was there"), so a "we" that follows most likely holds
    the ex ("...and we ended up talking for hours")."""
    last_other = max(i for i, word in enumerate(before) if word in _OTHERS)
    return any(word in _EX_NAMED and before[at + 1:at + 2] and before[at + 1] in _THERE
               for at, word in enumerate(before) if at > last_other)


# A contact verb whose object is a name the user never gave as the ex's
_NAMED_OTHER = re.compile(phrases.squeeze(
    r"(?<![a-z])(?:messaged|texted|called|rang|dmed|emailed|facetimed|snapped|whatsapped|phoned|rung)"
    r" (?!(?:him|her|them|me|my|his|their|the|a|an|exname|ex|back|it|you|us|him|again|up|out"
    r"|first|today|yesterday|last|this|at|on|in|to|for|and|but|so|then|just|like|every|all)(?![a-z]))"
    r"[a-z]+ (?:on|over|via|and|about|saying|to|asking|telling)(?![a-z])"))
# "my ex boss", "my ex flatmate": someone the user used to work or live with, not the ex
_FORMER_ROLES = frozenset(phrases.squeeze(w) for w in (
    "boss", "bosses", "colleague", "colleagues", "coworker", "coworkers", "manager", "employer",
    "landlord", "landlady", "flatmate", "roommate", "housemate", "teacher", "tutor", "teammate",
    "bandmate", "neighbour", "neighbor", "therapist", "client", "supervisor", "mentor", "coach",
    "classmate", "lecturer", "director", "agent", "company", "job", "work", "workplace"))
_KIN_OF = frozenset({"his", "her", "their", "exname", "s"})  # "his mum", "exname s sister"
_NOT_A_PERSON = frozenset({"request", "requests", "requested", "zone", "zoned", "list", "group"})
# "my friend's ex", "his ex", "my sisters ex": someone else's ex, not the user's (the tables'
# macro NOTMINE says the same for the bare word "ex")
_SOMEONES = frozenset(phrases.squeeze(w) for w in (
    "s", "his", "her", "their", "your", "friends", "mates", "sisters", "brothers", "cousins",
    "besties", "mums", "moms", "dads"))


def about_someone_else(clause: str) -> bool:
    """True when a clause names another person (a friend, mum, boss...) as themself, not as the
    ex's family ("his mum"), and names the ex by no word of their own: "my sister rang me from
    her work phone". For the backstop's contact and urge guesses (bot/listening/heard.py)."""
    words = _OVERRULED.sub(" ", f" {clause} ").split()  # "my friend says dont do it but..."
    if any(word in _EX_WORDS and (at + 1 == len(words) or words[at + 1] not in _FORMER_ROLES)
           and (word != "ex" or at == 0 or words[at - 1] not in _SOMEONES)
           for at, word in enumerate(words)):
        return False  # "my ex" is the ex; "my ex colleague", "my ex manager" are not
    if _NAMED_OTHER.search(clause):
        return True  # "i messaged sarah on whatsapp saying sorry i missed her party"
    return any(word in _OTHERS and (at == 0 or words[at - 1] not in _KIN_OF)
               and (at + 1 == len(words) or words[at + 1] not in _NOT_A_PERSON)
               for at, word in enumerate(words))


def _is_event(text: str, start: int, words: str) -> bool:
    before = phrases.words_before(text, start, _WINDOW)
    if before and before[-1] in _QUESTION:
        return False  # "has he texted me", "did i call her"
    window = f" {' '.join(before)} "
    for phrase in _NOT_HYPOTHETICAL:
        window = window.replace(phrase, " ")
    if any(word in window for word in _HYPOTHETICAL):
        return False
    if names_someone_else(text, start, words):
        return False
    if _BACK_THEN.match(text, start + len(words)) or _LONG_AGO.match(text, start + len(words)):
        return False
    return not phrases.negated(text, start, _FILLERS)


def _with_subjects(norm: Normalised) -> str:
    """The text with 'i' put in front of a clause's first word when it is a past contact verb,
    the way people drop the subject in chat ("texted him again", "ugh called him again")."""
    if norm.tokens.isdisjoint(_SUBJECTLESS):
        return norm.squeezed  # no contact verb at all: nothing to put a subject in front of
    clauses = []
    for clause in norm.clauses:
        words = clause.split()
        at = 0
        while at < len(words) - 1 and words[at] in _INTERJECTIONS:
            at += 1
        if words and words[at] in _SUBJECTLESS and (at == 0 or words[at - 1] != "i"):
            words.insert(at, "i")
        clauses.append(" ".join(words))
    return SEP.join(clauses)


def _heard(rules: phrases.RuleSet, text: str, tokens: frozenset[str] | None) -> bool:
    return any(_is_event(text, found.start(), found[0]) and not _for_themselves(text, found)
               for _, found in rules.search(text, tokens))


def _for_themselves(text: str, found: re.Match[str]) -> bool:
    return found[0].rpartition(" ")[2] in _OTHERS and _OWN_BUSINESS.match(text, found.end()) is not None


# "i deleted the text i wrote to him", "ripped up the letter i wrote her": the message named as
# thrown away right before the words that wrote it (only looked at once a match is found)
_DELETED_BEFORE = re.compile(phrases.squeeze(
    r"(?<![a-z])(?:deleted|erased|scrapped|binned|trashed|ripped up|tore up|burned|burnt|shredded"
    r"|crumpled up|never sent|did not send|didnt send) (?:the|a|my|that|this|every|all the|all my)"
    r"(?: [a-z0-9]+){0,3}? (?:text|texts|message|messages|letter|letters|note|notes|draft|drafts"
    r"|email|emails|dm|dms|paragraph|voice note|reply|essay|rant|poem)(?: that| which)? $"))
_WRITING = frozenset(phrases.squeeze(w) for w in ("wrote", "written", "typed", "drafted", "composed",
                                                  "recorded", "made"))


def _sent(text: str, tokens: frozenset[str] | None) -> bool:
    """An outgoing match whose message was, by the words after it (or a deletion right before
    it), never sent."""
    unknowing = None
    for _, found in _OUT.search(text, tokens):
        if not _is_event(text, found.start(), found[0]) or _UNSENT.match(text, found.end()):
            continue
        if (not _WRITING.isdisjoint(found[0].split())
                and _DELETED_BEFORE.search(text, max(0, found.start() - 80), found.start())):
            continue
        if _ANSWERED.search(found[0]):
            if unknowing is None:
                unknowing = _UNKNOWN_CALLER.search(text) is not None
            if unknowing:
                continue  # "he called from a different number and i answered": theirs, not a slip
        return True
    return False


# "i mightve sent alex a tiktok", "i may have texted him": a coy way to own up, read as the deed
# itself; "i might have to text him" (an obligation) and "i might have been" stay as they are
_HEDGE_WORDS = frozenset({"mightve", "might", "may", "mayve", "mighta"})
_HEDGED = re.compile(phrases.squeeze(r"(?<![a-z])i (?:mightve|might have|might of|may have|mayve|may of|mighta)"
                                     r" (?=(?!to |be |been |not |never )[a-z])"))


def _owned_up(text: str) -> str:
    return _HEDGED.sub("i ", text)


# Spanish "la llamé" (I called her) squeezes to French "la lame" (the blade): where the text as
# typed has the double l, the squeezed text reads "la yame" (as Spanish chat also spells it), a
# word the outgoing table knows and no French sentence holds
_LLAME = re.compile(r"(?<![a-z])la lame(?![a-z])")


def _spanish_llame(norm: Normalised, said: str) -> str:
    if "lame" not in norm.tokens or " la llame " not in f" {norm.text} ".replace(SEP, " "):
        return said
    return _LLAME.sub("la yame", said)


def outgoing(text: str | Normalised, *, exhaustive: bool = False) -> bool:
    """True when the user says they contacted the ex (a slip)."""
    norm = as_normalised(text)
    if not norm.squeezed:
        return False
    tokens = None if exhaustive else norm.tokens | {"i"}
    hedged = not norm.tokens.isdisjoint(_HEDGE_WORDS)
    said = _with_subjects(norm)
    spanish = _spanish_llame(norm, said)
    if spanish is not said:
        said = spanish
        tokens = None if tokens is None else tokens | {"yame"}
    if _sent(_owned_up(said) if hedged else said, tokens):
        return True
    variant = quoted(norm)
    if variant is None:
        return False
    said = _with_subjects(variant)
    return _sent(_owned_up(said) if hedged else said, None if exhaustive else variant.tokens | {"i"})


# "he texted everyone in the group chat except me": the user left out, for the backstop's guess
# that the ex reached out (bot/listening/heard.py)
_LEFT_OUT = re.compile(phrases.squeeze(
    r"(?<![a-z])(?:except|apart from|other than|bar|but not|not including|excluding"
    r"|(?:everyone|everybody|all|anyone|anybody|every1|evry1) but) me(?![a-z])"))


def leaves_me_out(clause: str) -> bool:
    """True when the clause says the user was the one left out ("...everyone but me")."""
    return _LEFT_OUT.search(clause) is not None


# "he called me a liar", "she called me names": what the ex called the user, not a call; for the
# backstop's guess that the ex reached out (the tables say the same with {BADCALL})
_NAME_CALLING = re.compile(phrases.squeeze(
    r"(?<![a-z])(?:called|calls|calling|call) (?:me|us) (?!(?:out|by|in|over|up|the|my|his|her|back"
    r"|again)(?![a-z]))(?:" + phrases.expand("{BADCALL}", _MACROS) + r")(?![a-z0-9])"))


_LONG_AGO_ANYWHERE = re.compile(phrases.squeeze(
    r"(?<!from )(?<!of )(?:(?:[0-9]+|two|three|four|five|many|some|a few|a couple of) years ago"
    r"|back in (?:19|20)[0-9]{1,2}|back in the day|back then|when we were (?:together|dating|a couple)"
    r"|while we were (?:together|dating)|before we broke up|before the breakup"
    r"|during our relationship)(?![a-z0-9])"))


def long_ago(clause: str) -> bool:
    """True when the clause places what it tells years back or in the relationship ("he called
    me 3 years ago", "i called him out on his lies when we were together"), for the backstop's
    contact guesses (the tables read the same after a match: _BACK_THEN, _LONG_AGO)."""
    return _LONG_AGO_ANYWHERE.search(clause) is not None


def name_calling(clause: str) -> bool:
    """True when the clause tells what someone called the user ("he called me crazy")."""
    return _NAME_CALLING.search(clause) is not None


def incoming(text: str | Normalised, *, exhaustive: bool = False) -> bool:
    """True when the user says the ex contacted them."""
    norm = as_normalised(text)
    if not norm.squeezed:
        return False
    if _heard(_IN, norm.squeezed, None if exhaustive else norm.tokens):
        return True
    variant = quoted(norm)
    return variant is not None and _heard(_IN, variant.squeezed,
                                          None if exhaustive else variant.tokens)


def detect(text: str | Normalised) -> Direction | None:
    """'out' before 'in' (the pipeline's order), or None."""
    norm = as_normalised(text)
    if outgoing(norm):
        return "out"
    return "in" if incoming(norm) else None
