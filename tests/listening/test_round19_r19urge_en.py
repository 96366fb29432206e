"""Round 19, urges and contact, English (listening_round19_r19urge_en.jsonl): the urge to reach out
and contact with the ex both ways, typed the way people write at 2 a.m. (lowercase, no
apostrophes, rn/tn/ngl/tbh/lowkey, emoji, typos, one clause of a longer message), and look-alikes
that stay quiet. probe1 was written before the tables were read, "dev" rows while fixing, probe2
after the fixes. Fixed as families:

- urge (data/urge.json): a draft typed right now with no one named ("drafting a text rn",
  "typing a message to her as we speak"); "what if i just say happy birthday", "what if i reach
  out" (not "to my friend"); "would it be bad if i reached out"; "i miss him so much i might
  call"; doubt about holding off ("idk if i can hold off texting him much longer", "i dont think
  i can stop myself from texting her"); "one more conversation with her is all i want"; "i'll
  just send one message and that's it"; a written letter weighed ("i wrote her a letter and im
  thinking of sending it", which detectors/contact.py no longer reads as sent); "thinking of
  answering"; "i want to make sure she's ok", "i just wanna know how she's doing"; "i typed his
  number in"; dialled and hung up before it rang; the ex's birthday "and im debating sending
  something"; "when is it ok to contact your ex"; "my phone is looking very tempting"; "all i
  can think about is calling him"; "opened his chat again and started typing"; "my brain is
  screaming at me to call him".
- contact_out (data/contact.json): a bare "i replied" / "i responded"; "i said merry christmas
  to him"; returning their stuff "and we talked".
- quiet: having to see the ex at work, in class, at school ("i have to see her at work every
  day"); seeing them (will / have to / going to) "and im dreading it"; an urge waved off at the
  end ("my mom said i should call him but no"); seeing the ex at a party "and left".

Decisions, as in earlier rounds: watching the ex's story on purpose is contact_out (the ex sees
the view); the ex's family writing ("his mum messaged me") is contact_in; an urge already
resisted ("i wanted to text him but i didnt") is quiet; "he wants me to call him" is contact_in
(he said so)."""

from __future__ import annotations

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round19_r19urge_en.jsonl")
EVENTS = [row for row in ROWS if row["label"] in ("contact_out", "contact_in")]
URGES = [row["text"] for row in ROWS if row["label"] == "urge"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]


def test_the_rows_are_there() -> None:
    counts = {label: sum(row["label"] == label for row in ROWS)
              for label in ("contact_out", "contact_in", "urge", "neutral")}
    assert counts["urge"] >= 250 and counts["contact_out"] >= 120
    assert counts["contact_in"] >= 110 and counts["neutral"] >= 180
    assert {row["lang"] for row in ROWS} == {"en"}
    assert {row["probe"] for row in ROWS} == {"probe1", "dev", "probe2"}


@pytest.mark.parametrize("row", EVENTS, ids=lambda row: row["text"][:40])
def test_each_contact_event_is_heard(row: dict[str, str]) -> None:
    assert getattr(listen(row["text"], nickname=ev.NICKNAME), row["label"]), row["text"]


@pytest.mark.parametrize("text", URGES, ids=lambda text: text[:40])
def test_each_urge_is_heard_as_an_urge(text: str) -> None:
    heard = listen(text, nickname=ev.NICKNAME)
    assert heard.urge is not None and not heard.contact_out, text


def test_look_alikes_stay_quiet() -> None:
    assert ev.set_off(QUIET) == []
    reached = [text for text in QUIET if (heard := listen(text, nickname=ev.NICKNAME)).contact_in
               or heard.maybe_ex is not None]
    assert reached == []
