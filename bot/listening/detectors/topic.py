"""What an everyday message with nothing else in it is about, so the companion's reply can fit
it instead of answering every message alike (bot/features/companion/handlers.py).

It runs only after every safety detector has had its say (crisis, abuse, contact, urges) and
nothing was heard: it never decides anything about safety, only which of a few kind replies
fits best. None means the general reply.

- "why": asking why it ended or what they did wrong ("why did she leave me", "was it my fault")
- "come_back": asking whether the ex will come back ("do you think he'll come back")
- "moved_on": the ex seen with someone new ("i saw her with someone else today")
- "better": a better day ("im doing a bit better today actually", "i didnt text him!!")
- "lost": not knowing what to do next ("what should i do now", "idk what to do")
- "thanks": thanks, said in a few words ("thanks, youre helpful")

English only, on purpose: the replies are in English, and a message in another language gets
the general reply, which fits anything.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.listening.normalise import fold

Topic = Literal["why", "come_back", "moved_on", "better", "lost", "thanks"]

_EX = r"(?:he|she|they|him|her|them|my ex|the ex|ex)"
_EX_SUBJECT = r"(?:he|she|they|my ex|the ex|hed|shed|theyd|hes|shes|theyre|hell|theyll)"
_COME_BACK = (r"(?:come back|coming back|comes back|want me back|wants me back|miss me|misses me|"
              r"regret (?:it|this|leaving|losing me)|realise|realize|change (?:his|her|their) mind|"
              r"text me (?:again|back)|reach out|get back together|be back)")

# Checked in this order: the first that matches is the topic.
_TOPICS: tuple[tuple[Topic, re.Pattern[str]], ...] = (
    ("come_back", re.compile(
        rf"\b(?:(?:do|d) (?:you|u) think|will|would|is there a chance|any chance|do you reckon|"
        rf"is it possible|could|might|when will|how long (?:until|till|before))\b.{{0,40}}"
        rf"\b{_EX_SUBJECT}\b.{{0,30}}\b{_COME_BACK}"
        rf"|\b(?:get|getting|win|winning) {_EX} back\b"
        rf"|\bwill we (?:ever )?(?:get back|be together|end up together)")),
    ("why", re.compile(
        rf"\bwhy (?:did|would|does|do|has|is|was|didnt|doesnt) {_EX_SUBJECT}\b.{{0,30}}"
        r"\b(?:leave|left|leaving|dump|dumped|end|ended|break|broke|cheat|cheated|stop|stopped|"
        r"do this|do that|not love|not want|fall out|give up|walk away)"
        r"|\bwhy (?:wasnt|am|was) i (?:not )?(?:enough|good enough)"
        r"|\bwhat did i do wrong\b|\bwhat went wrong\b|\b(?:was|is) (?:it|this|that) (?:all )?my fault\b"
        r"|\bwhy me\b|\bwhy does (?:this|it) (?:always )?happen to me\b")),
    ("moved_on", re.compile(
        rf"\b{_EX_SUBJECT}\b.{{0,30}}\b(?:new|another) (?:girlfriend|boyfriend|gf|bf|partner|"
        r"girl|guy|man|woman|person|relationship)\b"
        rf"|\b(?:saw|seen|see) {_EX} (?:with|and) (?:someone|somebody|a new|another|his new|"
        r"her new|their new|some guy|some girl|a guy|a girl)"
        rf"|\b{_EX_SUBJECT} (?:is |s |has |already |has already |is already |s already )?"
        r"(?:dating|seeing someone|seeing somebody|with someone|moved on|in a relationship|"
        r"engaged|hard launched|soft launched)")),
    ("better", re.compile(
        r"\b(?:im|i am|i m|i feel|i felt|feeling|i was|i ve been|ive been|today was|today is|"
        r"today has been|today s been|todays been|i had|i have had|ive had)\b (?:[a-z]+ ){0,3}"
        r"(?:better|good|okay|ok|great|alright|fine|proud of myself|stronger|lighter|hopeful)\b"
        r"(?! cry| cries)(?!.{0,40}\b(?:but|except|not|until|till|then)\b)"
        r"|\bi (?:didnt|did not|havent|have not) (?:text|call|message|contact|check)(?:ed)? "
        rf"{_EX}\b(?!.{{0,10}}\b(?:yet|until)\b)"
        r"|\bgood day\b|\bproud of myself\b")),
    ("lost", re.compile(
        r"\bwhat (?:should|do|can|am) i (?:do|supposed to do)\b"
        r"|\b(?:i )?(?:dont|don t|do not) know what to do\b|\bidk what to do\b"
        r"|\bwhere do i (?:even )?start\b|\bwhat now\b|\bwhat next\b|\bnow what\b")),
    ("thanks", re.compile(
        r"^(?:thanks|thank you|thank u|thx|ty|cheers|ta)\b")),
)
_NEGATIVE_BETTER = re.compile(r"\b(?:not|never|isnt|wasnt|no longer|cant|couldnt|dont)\b.{0,12}"
                              r"\b(?:better|good|okay|ok|great|fine)\b")
_THANKS_WORDS = 8  # "thanks, that actually helped a lot" is thanks; a long message is more


def topic(text: str) -> Topic | None:
    """The topic of a message the detectors heard nothing in, or None for the general reply."""
    plain = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text).replace("'", "")).split())
    if not plain:
        return None
    for name, pattern in _TOPICS:
        if not pattern.search(plain):
            continue
        if name == "better" and _NEGATIVE_BETTER.search(plain):
            continue  # "i dont feel any better"
        if name == "thanks" and len(plain.split()) > _THANKS_WORDS:
            continue
        return name
    return None
