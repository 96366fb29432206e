"""Round 19, lead (listening_round19_lead.jsonl): the seams of round 19's merges. A letter the
user says they will never send is no urge (round 19's "a letter weighed" rule stops at a
negation); holding oneself back from texting the ex right now is an urge, as "trying so hard not
to text him" already was (and as the French and Italian rows of round 19's abuse probe now are);
hurt by the breakup itself ("he really hurt me when he left", "so bad when she ended it", "when
he cheated") is no violence, while hurt when drunk or when the user tried to leave still is;
things thrown into a bag on the way out are no violence, things thrown at the user are."""

from __future__ import annotations

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round19_lead.jsonl")


def _heard(text: str) -> str:
    heard = listen(text, nickname=ev.NICKNAME)
    if heard.crisis is not None:
        return "crisis"
    if heard.abuse is not None:
        return "abuse"
    if heard.urge is not None:
        return "urge"
    return "contact_out" if heard.contact_out else "neutral"


def test_every_row_is_heard_as_labelled() -> None:
    assert len(ROWS) >= 20
    misfits = [(row["text"], row["label"], got) for row in ROWS
               if (got := _heard(row["text"])) != row["label"]]
    assert not misfits, "\n".join(map(str, misfits))
