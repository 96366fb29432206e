"""Round 21, lead (listening_round21_lead.jsonl): contact with the ex both ways and the urge to
reach out, in the words people use for them now (a paragraph at 3am, facetiming, replying to a
story, a voice note, showing up at work; "slid into my dms", "hey stranger", a private number;
"my thumb is hovering over her contact"), and talk that only looks like them.

Fixed here: switching off one's own phone "so i wouldnt text him" was read as the ex's control
(the rule about the ex cutting off the phone or wifi now needs the ex as its subject, or no
subject at all: "took away my phone so i couldnt call my mum"); "we texted all night" after a new
date was named ("i met a new guy on hinge and we...") was read as contact with the ex: a guy or
a girl named first is someone else (contact.json other_people; "someone" is not added, since
the urge table reads "somebody please take my phone away" through the same list).

Probe 2 (fresh wording, first score 44/49 before its fixes): "about to cave and text him" is an
urge ("about to / so close to / gonna" + cave, crack, break, give in + a way to reach out);
"she never called me back" was read as a call from someone named "never" (the name slot of
contact.json, NAMEW, no longer takes negations, adverbs or pronouns: "never", "just", "still",
"he"). Three rows are labelled as the tables read them on purpose: the ex's mum texting is
contact from the ex's side, checking whether he is online is the urge, and "texting me nonstop
since friday" is harassment.

Probe 3 (six languages, first score 51/53): Spanish "tengo tantas ganas de escribirle" (any
amount of "ganas"), French "je vais lappeler" with the apostrophe dropped and "le rappeler",
"la revoir" (the pronoun before the verb) are urges. As in English, needing to reach them about
something practical ("je dois la contacter pour le bail") is read as the urge: the offer of help
is one question, and the errand is often the reason people give themselves.

Abuse in six languages, probe 4 (written after round 21's abuse helper had merged; first score
disclosures 41/42, quiet 14/18): being beaten at a game is not violence ("ele me bateu no ping
pong", "er hat mich beim Tennis geschlagen", "il m'a battue aux cartes", "me ganó al ajedrez"),
nor Spanish "me pegaba unos sustos" (gave me frights): abuse.json exclusions. Hitting someone
when they lost a game is still violence ("me pegaba cuando perdia al fifa"). Seeing the ex pass
one's house ("lo veo pasar por mi casa todos los dias", and in pt, fr, it, de, nl) is stalking.

French and Italian crisis (listening_round21_lead_crisis.jsonl): a fresh probe after round 21's
crisis helper had merged, scored once: 32/32, kept as a net.

Control words and names (listening_round21_lead_answers.jsonl, first score 81/83): "stop asking
me questions", "enough questions", "too many questions", "im done answering" cancel the question
(control.json); everyday sentences holding "stop", "back", "move on", "menu" or "home" are not
control words, and greetings, feelings and questions are not names. Typed answers in the seven
languages (batch probe2 of the same file, first score 61/70): a scale with an article or a "like"
("un 7", "como un 3", "uns 4", "so eine 6", "genre 2", "tipo 8", "een 5": answers.json
scale_fillers), and "not yet" said with a no ("no todavia", "nee nog niet": answers.py _YET).

Questions about the bot in seven languages (listening_round21_lead_meta.jsonl; probe 1 23/34 on
main, probe 2 first score 14/22): asking whom one is talking to ("hablo con una persona real?",
"to falando com uma pessoa de verdade?", "je parle à une vraie personne ?", "sto parlando con una
persona vera?", "praat ik met een echt mens?", "bin ich mit einem menschen am schreiben?"),
whether someone is on the other side ("y a quelqu'un de réel derrière ?", "c'è qualcuno di vero
dall'altra parte?", "zit er een echt persoon achter?", "antwortet hier ein echter mensch?"),
"ist das hier eine ki", "ben jij een bot?", "am i just talking to a computer". And quiet now:
"you are a person ..." said of someone ("eres una persona horrible", "sei una persona stupenda,
mi diceva", "c'est une vraie personne toxique", "lui è un bot, non risponde mai"): those rules
now end the message, or go on only with "or ..." ("sei una persona o un bot?").
"""

from __future__ import annotations

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round21_lead.jsonl")
ANSWERS = ev.load("listening_round21_lead_answers.jsonl")
META = ev.load("listening_round21_lead_meta.jsonl")
CRISIS = ev.load("listening_round21_lead_crisis.jsonl")


def _heard(text: str) -> str:
    heard = listen(text, nickname=ev.NICKNAME)
    maybe = heard.maybe_ex[0] if heard.maybe_ex else None
    if heard.crisis is not None:
        return "crisis"
    if heard.abuse is not None:
        return "abuse"
    if heard.contact_out or maybe == "out":
        return "contact_out"
    if heard.contact_in or maybe == "in":
        return "contact_in"
    return "urge" if heard.urge else "neutral"


def test_the_rows_are_there() -> None:
    labels = [row["label"] for row in ROWS]
    assert labels.count("contact_out") >= 20 and labels.count("contact_in") >= 15
    assert labels.count("urge") >= 15 and labels.count("neutral") >= 20
    assert {row["lang"] for row in ROWS} == {"en", "es", "pt", "de", "fr", "it", "nl"}


def test_contact_and_urges_are_heard_and_look_alikes_are_not() -> None:
    misfits = [(row["text"], row["label"], got) for row in ROWS
               if (got := _heard(row["text"])) != row["label"]]
    assert not misfits, "\n".join(map(str, misfits))


def test_control_words_and_names_are_read_as_such() -> None:
    assert len(ANSWERS) >= 150
    misfits = [(row["text"], row["want"], got) for row in ANSWERS
               if not ev.answer_fits(row, got := ev.read_answer(row, ev.TODAY))]
    assert not misfits, "\n".join(map(str, misfits))


def test_questions_about_the_bot_in_seven_languages() -> None:
    assert len(META) >= 50
    misfits = []
    for row in META:
        meta = listen(row["text"], nickname=ev.NICKNAME).meta
        got = f"meta:{meta}" if meta else "neutral"
        if got != row["label"]:
            misfits.append((row["text"], row["label"], got))
    assert not misfits, "\n".join(map(str, misfits))


def test_french_and_italian_crisis_at_its_tier_and_look_alikes_quiet() -> None:
    assert len(CRISIS) >= 30 and {row["lang"] for row in CRISIS} == {"fr", "it"}
    wrong = [(row["text"], row.get("tier"), got) for row in CRISIS
             if (got := ev.crisis_tier(row["text"])) != row.get("tier")]
    assert not wrong, wrong
