"""Round 20, English crisis, abuse and look-alikes in long breakup messages
(listening_round20_r20safety_en.jsonl): two probes written the way people text at night (run-ons,
no apostrophes, slang, the signal in the middle of three to six sentences), each crisis row at
the tier the bot gives it, abuse heard as abuse and never as the user's crisis, and look-alikes
quiet. Fixed as families in data/crisis/en.json (exclusions, which also keep the learned
backstop and the possible-tier score off the words): a song, show or meme that "makes me want to
die" said with a laugh or praise, a song's bridge or chorus "giving me chills", the ground or
floor swallowing one whole, "X nights/days/times in a row", a bruise or cut on one's leg "from
falling off my bike" (an accident named), self-harm told as past and clean for years (never
with "until", "tonight", "again", urges after it), "can't live without my coffee/phone/dog",
"feel like death", "time to live again", "done being sad", the ex's insults told as the ex's
words ("called me worthless", "said nobody would ever want me"), "wanted to die when he walked in
... lol" (embarrassment), "i used to think i couldn't live without him, but..."; in_context:
ending it for good beside the on-and-off relationship, texting him back, blocking him. Clear:
having the rope ready; "tonight i'm going to make sure i don't (wake up)" lifts a possible
finding. data/abuse.json: one name called in one argument ("called me crazy once when we
argued", "...but i called him worse") and "clingy / wants to know what i'm up to, but it's cute"
are not disclosures. Contact out: a text deleted before it was sent ("i deleted the text i wrote
to him", detectors/contact.py), "i called him worse/a jerk" is a name, and "i called him a couple
of times / an hour ago" is a call again (BADCALL's "a"/"an")."""

from __future__ import annotations

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round20_r20safety_en.jsonl")
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] in ("neutral", "figure_of_speech")]


def test_the_rows_are_there() -> None:
    assert len(CRISIS) >= 110 and len(ABUSE) >= 30 and len(QUIET) >= 80
    assert {row["lang"] for row in ROWS} == {"en"}
    assert {row["probe"] for row in ROWS} == {"probe1", "probe2"}


def test_crisis_is_heard_at_its_tier() -> None:
    wrong = [(row["text"], ev.crisis_tier(row["text"])) for row in CRISIS
             if ev.crisis_tier(row["text"]) != row["tier"]]
    assert not wrong, wrong


def test_disclosure_is_heard() -> None:
    problems = [(row["text"], problem) for row in ABUSE
                if (problem := ev.disclosure_problem(row)) is not None]
    assert not problems, problems


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
