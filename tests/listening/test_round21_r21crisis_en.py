"""Round 21, the user's own crisis in English, both tiers, and English look-alikes
(listening_round21_r21crisis_en.jsonl): three probes written the way people text at night (run-ons,
algospeak, no apostrophes, emoji, the signal in the middle), each crisis row at the tier the bot
gives it, look-alikes quiet, and someone else's crisis never the user's clear tier (probe4: long
run-on messages).

Fixed as families in data/crisis/en.json: on the wrong/outside/other side of a railing, barrier
or parapet (any verb or none, "i am on..."); climbing over a railing or barrier is an intent hint,
so a bridge, roof or cliff anywhere in the message makes it clear; a quantity of pills next to or
beside oneself; head-banging against the wall "when/whenever/until..." or kept up ("i keep banging
my head on the wall"); "dont see/know how i (am going to) get through this / another day / without
him / this week" (possible); an unnamed "it/this/that makes me want to die" followed only by a
laugh is the kind question (weak_clear), and beside "cringe/embarrassing/awkward" quiet
(in_context); "want to not be alive for a while" (weak); "game end" as an act; "tonight i end it"
(not beside a breakup); hints: "if i took all of these", deciding who gets one's things, handing
over passwords, "last time you'll hear from me", things given to a sibling, goodbyes said to
family, "sorry in advance", feeling weirdly calm, waiting till everyone leaves, "...and then do
it", "maybe i'll make it happen"; "what would (even) be the point of going on"; a high place and
"keep thinking about the edge/drop"; "decided to end it after <an event>" (not beside a breakup);
"feel like disappearing for good". Look-alikes:
a climbing/dog/boat rope, a nick while shaving (never beside a razor, an override), prescribed
pills "working" or "making my skin dry", walking along a harbour ledge with friends at sunset,
a show's last episode and "life complete", "thought i was going to die" on a run or at the gym,
sleeping and waking up when it is over, a plan to survive the week and then a treat, "dead on my
feet", "we agreed to end it", "cannot walk / i am dead" after the gym; the wrong side of a barrier
at a concert. common.json: mates, flatmates, bf/gf, a boss... are someone else.
detectors/crisis.py: three warning hints apart from each other (of two kinds) are clear without a
means ("wrote a note for my mom", "left it on my desk", "it wasnt her fault"); "she wants to
kms" (an expanded "kill myself" after someone else) is lowered. detectors/crisis_concepts.py:
"my roommate/sister..." doing a concept's act is not the user's "I", a goodbye note in a clause
that opens on someone else ("my cousin posted...") and "kms" after someone else are theirs."""

from __future__ import annotations

from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round21_r21crisis_en.jsonl")
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]
QUIET = [row["text"] for row in ROWS if row["label"] == "figure_of_speech"]
SOMEONE_ELSE = [row["text"] for row in ROWS if row["label"] == "neutral"]


def test_the_rows_are_there() -> None:
    assert len(CRISIS) >= 140 and len(QUIET) >= 80 and len(SOMEONE_ELSE) >= 10
    assert {row["lang"] for row in ROWS} == {"en"}
    assert {row["probe"] for row in ROWS} == {"probe1", "probe2", "probe3", "probe4"}
    assert all("third person" in row["source"] for row in ROWS if row["label"] == "neutral")


def test_crisis_is_heard_at_its_tier() -> None:
    wrong = [(row["text"], tier) for row in CRISIS
             if (tier := ev.crisis_tier(row["text"])) != row["tier"]]
    assert not wrong, wrong


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired


def test_someone_elses_crisis_is_never_the_users_clear_tier() -> None:
    clear = [text for text in SOMEONE_ELSE if ev.crisis_tier(text) == "clear"]
    assert not clear, clear
