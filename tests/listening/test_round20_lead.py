"""Round 20, lead (listening_round20_lead.jsonl): questions about the bot asked the way people
ask them, and the talk that only looks like them.

Heard now: "r u a robot" (three spaced letters the normaliser joins into "rua"), "you're just a
program right", "this is a bot isnt it", "am i texting a bot rn", "are these replies automated",
"who am i talking to", "do you have feelings", "do you even understand what im saying"; "can i
talk to a real person", "id like to talk to a real human"; "are you qualified to give advice",
"is this like seeing a therapist"; "will you tell anyone what i said", "are you going to remember
this", "do you keep a record of this", "where does my data go", "who has access to my messages",
"will my ex find out i use this".

Quiet now: Italian "è vero" and "lui è una persona fredda", French "c'est vrai" and "c'est un
robot", Spanish "es real que..." and "mi hermana es psicóloga", Portuguese "e ia falar com ele",
German "ist das echt jetzt", Dutch "ben je echt zo dom": the old rules took a bare "is" (e, es,
c est, ist das) for "are you". Asking in those languages ("sei umano?", "eres un bot?", "tu es
une vraie personne?", "ben je echt?") is still heard.

Crisis in German, French and Dutch (the round-20 crisis helper's list of older look-alikes): a
jump for fun ("sauter en parachute du pont", "vom Steg ins Wasser", "van het dak op de
trampoline") and all the pills "die mir der Arzt verschrieben hat" or "comme prescrit" are quiet
through the tables' `in_context` pairs, which drop the words only when nothing else in the
message is a crisis finding or a warning sign: the same words said as a plan, or beside "dann ist
alles vorbei" or "ne plus me réveiller", are still clear.

A call at a time ("i called him in the morning", "the other day", "in tears", "he called me in
the middle of the night", "the next day") is contact: "in" and "the" after "called him" used to
be read as name-calling ("called him the worst names", which still is)."""

from __future__ import annotations

from bot.listening import listen
from tests.listening import listening_eval as ev

ALL = ev.load("listening_round20_lead.jsonl")
CALLS = [row for row in ALL if row["source"].startswith("lead round 20: 'called him")]
ROWS = [row for row in ALL if (row["label"] == "neutral" or row["label"].startswith("meta:"))
        and row not in CALLS]
CRISIS = [row for row in ALL if row["label"] in ("crisis_clear", "figure_of_speech")]


def _heard(text: str) -> str:
    meta = listen(text, nickname=ev.NICKNAME).meta
    return f"meta:{meta}" if meta else "neutral"


def test_questions_about_the_bot_are_heard_and_look_alikes_are_not() -> None:
    assert len(ROWS) >= 120
    misfits = [(row["text"], row["label"], got) for row in ROWS
               if (got := _heard(row["text"])) != row["label"]]
    assert not misfits, "\n".join(map(str, misfits))


def test_jumps_for_fun_and_pills_as_prescribed_are_quiet_but_plans_are_not() -> None:
    assert len(CRISIS) >= 12
    misfits = []
    for row in CRISIS:
        crisis = listen(row["text"], nickname=ev.NICKNAME).crisis
        got = "crisis_clear" if crisis is not None and crisis.tier == "clear" else (
            "figure_of_speech" if crisis is None else f"crisis_{crisis.tier}")
        if got != row["label"]:
            misfits.append((row["text"], row["label"], got))
    assert not misfits, "\n".join(map(str, misfits))


def test_a_call_at_a_time_is_contact_and_name_calling_is_not() -> None:
    assert len(CALLS) >= 10
    misfits = []
    for row in CALLS:
        heard = listen(row["text"], nickname=ev.NICKNAME)
        got = "contact_out" if heard.contact_out else "contact_in" if heard.contact_in else "neutral"
        if got != row["label"]:
            misfits.append((row["text"], row["label"], got))
    assert not misfits, "\n".join(map(str, misfits))
