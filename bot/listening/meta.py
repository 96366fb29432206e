"""Hears a question about the bot itself ("is this a real person?", "are you a therapist?",
"are you AI?", "do you store my messages?"), so the companion can answer it honestly instead of
treating it as breakup talk. Pure; only asked when nothing else was heard and no question is
open. Reads the shared normalised text (contractions and "r u" already expanded)."""

from __future__ import annotations

import re

from bot.listening.normalise import Normalised, as_normalised

# Which question -> the phrasings that ask it, matched anywhere in one clause.
_ASKS: dict[str, tuple[str, ...]] = {
    "human": (
        r"\b(?:is|are) (?:this|you|u) (?:a )?(?:real|actual|live) (?:person|human|people)",
        r"\b(?:is|are) (?:this|you) (?:a )?(?:human|person)\b",
        r"\btalking to (?:a )?(?:real )?(?:human|person|people|someone real)\b",
        r"\b(?:is|are) (?:anyone|anybody|someone|somebody) (?:there|real|reading)",
        r"\bare you real\b", r"\bis this real\b", r"\bare you (?:a )?(?:man|woman|girl|guy)\b",
        r"\bwho am i (?:talking|speaking|writing) to\b",
    ),
    "ai": (
        r"\b(?:are you|is this|you are|is it) (?:a |an |just a |just an |some )?"
        r"(?:bot|robot|ai|a i|chat ?bot|chatgpt|gpt|machine|program|computer|algorithm)\b",
        r"\bartificial intelligence\b",
    ),
    "therapist": (
        r"\b(?:are you|is this|you are) (?:a |an |my )?(?:real |licensed |trained |qualified )?"
        r"(?:therapist|therapy|counsel+or|psychologist|psychiatrist|doctor|professional|"
        r"coach|shrink)\b",
        r"\b(?:is|are) (?:this|you) (?:a )?(?:replacement|substitute) for (?:therapy|a therapist)",
    ),
    "storage": (
        r"\b(?:do|will|can|does) (?:you|this|the bot|anyone|anybody|someone) "
        r"(?:store|save|keep|log|record|read|see|sell|share|remember)\b.*\b(?:messages?|"
        r"chats?|data|what i (?:say|said|write|wrote|tell you|told you|type)|this|my words)\b",
        r"\bwho (?:can|will|else can) (?:read|see) (?:this|my|these|what)",
        r"\b(?:is|are) (?:this|this chat|my (?:messages?|data|chats?)) (?:private|"
        r"confidential|secure|anonymous|encrypted|stored|saved)\b",
        r"\bis (?:this|this chat|it) (?:safe|private) to (?:talk|write|say|tell)\b",
        r"\bwhat (?:do|will) you do with my (?:data|messages?|words)\b",
        r"\b(?:where|how) (?:is|are) my (?:data|messages?) (?:stored|kept|saved)\b",
    ),
    "who": (
        r"^(?:who|what) (?:are|r) you(?: exactly| even| actually| really)?$",
        r"\bwho (?:made|built|created|runs|owns) (?:you|this)\b",
        r"^what is this(?: bot| thing| app| chat)?$",
    ),
}
_COMPILED = tuple((key, re.compile("|".join(f"(?:{p})" for p in patterns)))
                  for key, patterns in _ASKS.items())
_HINTS = frozenset({"you", "this", "anyone", "anybody", "someone", "somebody", "talking",
                    "who", "what", "artificial", "my", "it"})
MAX_CHARS = 160  # a question about the bot is short; a long message is about something else


def meta_question(text: str | Normalised) -> str | None:
    """'human', 'ai', 'therapist', 'storage' or 'who' when the message asks that about the
    bot; None otherwise."""
    norm = as_normalised(text)
    if not norm.text or len(norm.raw) > MAX_CHARS or not _HINTS & set(norm.text.split()):
        return None
    for clause in norm.text.split(" | "):
        for key, pattern in _COMPILED:
            if pattern.search(clause):
                return key
    return None
