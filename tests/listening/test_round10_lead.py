"""Round 10, lead (listening_round10_lead.jsonl): abuse kinds a sealed set's tuning half missed,
fixed as families in data/abuse.json and checked here on rows written in new words: silence as
punishment until an apology, checking in on demand, fights picked to keep the user from friends,
threats to a new partner, intimate images held over the user, quoted second-person threats ("if
you block me i'll..."), "if i can't have you no one will", "i know where you live", the ex finding
out where the user lives now, fake profiles and impersonation. Crisis kinds of the same set, at
their tier, in seven languages: a high place now, knowing how and when, the hour decided, a
deadline on the ex, the calm after deciding, an interrupted attempt, pills bought in several
shops, a bath with a blade, cuts too deep. Look-alikes (a parent's curfew, a song title, "if you
block me on insta i'll be sad", a presentation, a promotion, a son's stitches) stay quiet."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round10_lead.jsonl")
ABUSE = [row["text"] for row in ROWS if row["label"] == "abuse"]
QUIET = [row["text"] for row in ROWS if row["label"] in ("neutral", "figure_of_speech")]
CRISIS = [row for row in ROWS if row["label"].startswith("crisis_")]
URGE = [row["text"] for row in ROWS if row["label"] == "urge"]
CONTACT_OUT = [row["text"] for row in ROWS if row["label"] == "contact_out"]


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 20 and len(QUIET) >= 36 and len(CRISIS) >= 29
    assert len(URGE) >= 14 and len(CONTACT_OUT) >= 9


@pytest.mark.parametrize("text", ABUSE)
def test_disclosure_is_heard(text: str) -> None:
    heard = listen(text, nickname=ev.NICKNAME)
    assert heard.abuse is not None and heard.crisis is None, heard


@pytest.mark.parametrize("row", CRISIS, ids=lambda row: row["text"][:40])
def test_crisis_is_heard_at_its_tier(row: dict[str, str]) -> None:
    heard = listen(row["text"], nickname=ev.NICKNAME)
    assert heard.crisis is not None and heard.crisis.tier == row["tier"], heard.crisis


@pytest.mark.parametrize("text", URGE)
def test_urge_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).urge is not None


@pytest.mark.parametrize("text", CONTACT_OUT)
def test_contact_out_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).contact_out


def test_look_alikes_stay_quiet() -> None:
    fired = ev.set_off(QUIET)
    assert not fired, fired
