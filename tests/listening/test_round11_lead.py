"""Round 11, lead (listening_round11_lead.jsonl): the ex wanting or trying to kill the user is a
threat (abuse) in seven languages, not the user's own crisis; "relapsed" told with the contact
it was is the slip; pills bought for a cold are quiet unless the message goes on to taking them
all; a message passed on to someone else named is not contact. Then contact and urge kinds a
sealed set's tuning half missed: the ex wanting a drink or a coffee, liking an old photo of the
user, popping into their work; "what if i just sent a hey"; opening the app and typing to the
ex. Each with the look-alikes that must keep their reading."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round11_lead.jsonl")


def test_the_rows_are_there() -> None:
    labels = [row["label"] for row in ROWS]
    assert labels.count("abuse") >= 16 and labels.count("crisis_clear") >= 10
    assert labels.count("contact_out") >= 4 and labels.count("neutral") >= 4


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["text"][:40])
def test_each_row_reads_as_labelled(row: dict[str, str]) -> None:
    heard = listen(row["text"], nickname=ev.NICKNAME)
    label = row["label"]
    if label == "abuse":
        assert heard.abuse is not None and heard.abuse.kind in ("threat", "violence"), heard
        assert heard.crisis is None, heard.crisis
    elif label == "crisis_clear":
        assert heard.crisis is not None and heard.crisis.tier == "clear", heard
    elif label == "contact_out":
        assert heard.contact_out and heard.crisis is None, heard
    elif label == "contact_in":
        assert heard.contact_in and heard.abuse is None, heard
    elif label == "urge":
        assert heard.urge is not None and not heard.contact_out, heard
    else:  # neutral, figure_of_speech
        assert heard.crisis is None and heard.abuse is None and heard.urge is None, heard
        assert not heard.contact_out and not heard.contact_in, heard
