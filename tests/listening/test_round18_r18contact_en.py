"""Round 18, contact, English (listening_round18_r18contact_en.jsonl): contact with the ex and the
urge to reach out, told the way people type (lowercase, no apostrophes, slang, a first name or the
nickname, one clause of a long message), and look-alikes that stay quiet. probe1 was written
before the tables were read, probe2 after the fixes. Fixed as families:

- contact_out (data/contact.json): "pm'd"/"sc'd"/"vc'd"/"hmu'd" and a clause that starts with
  them; calling or texting "over and over", "nonstop"; spamming his phone; reposting his story;
  a Venmo request; staying at theirs "last friday"; "went over to drop his stuff off and stayed
  the night"; "we ended up talking for hours" after the ex turned up among friends
  (detectors/contact.py: a "we" after "he was there" holds the ex).
- contact_in: "his text said ...", "followed my new account", "he called and we talked",
  "he hmu", "he sent flowers", "apologised last night", "responded after 3 days", "slid back
  into my dms", "guess who decided to show up in my dms", "had the audacity to text me", a
  clause with no subject ("texted me 'hey' like nothing happened"), "keeps calling from unknown
  numbers", he wants to "catch up" (quoted).
- urge (data/urge.json): "thinking about sliding into his dms", "it took everything in me not to
  text him", "considering reaching out", "ask if we can meet", "should i send the letter",
  "text him or no?", "to text or not to text", "reasons not to text her", "what's the harm in one
  text", "it's just one text", a typed message with no one named, "keep going to his profile",
  "almost dialling it", "i'm gonna reply", "accept his follow request", "if he calls im picking
  up", "if i should reply", "should i message his sister", "what if i just call and hang up",
  and a first name after a strong wish ("tempted to text jake tonight").
- quiet: the user is no name ("i texted chris to ask if he wanted his hoodie back" is no message
  from chris); "my ex's best friend", "my ex's mum texted my mum"; a year or a school long gone
  ("he texted me back in 2019", "we met on tinder"); the time since ("its been 2 weeks since i
  texted him"); name-calling ("he called me a liar") and the relationship's past in the learned
  backstop's guesses; "i almost called in sick", "almost texted my mum"; "an old voicemail from
  him".

heard="ask_ex": a first name the bot asks about ("is Ryan your ex?") before the slip flow or the
triage. label "details": contact_details reads the kind of an incoming message and the day of a
slip ("date:-2d" from listening_eval.TODAY): a thing asked back, a photo, "how are you" and
"u up?" as crumbs, "last nite", "yday", "the night before last", "earlier", "on the 14th"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.listening import listen
from bot.listening.detectors.contact_details import kind_of_message, when_said
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round18_r18contact_en.jsonl")
EVENTS = [row for row in ROWS if row["label"] in ("contact_out", "contact_in")]
URGES = [row["text"] for row in ROWS if row["label"] == "urge"]
QUIET = [row["text"] for row in ROWS if row["label"] == "neutral"]
KINDS = [row for row in ROWS if row["label"] == "details" and row["dir"] == "in"]
DAYS = [row for row in ROWS if row["label"] == "details" and row["dir"] == "out"]


def test_the_rows_are_there() -> None:
    counts = {label: sum(row["label"] == label for row in ROWS)
              for label in ("contact_out", "contact_in", "urge", "neutral", "details")}
    assert counts["contact_out"] >= 95 and counts["contact_in"] >= 90 and counts["urge"] >= 90
    assert counts["neutral"] >= 125 and counts["details"] >= 60
    assert {row["lang"] for row in ROWS} == {"en"}
    assert {row["probe"] for row in ROWS} == {"probe1", "probe2"}


@pytest.mark.parametrize("row", EVENTS, ids=lambda row: row["text"][:40])
def test_each_contact_event_is_heard(row: dict[str, str]) -> None:
    heard = listen(row["text"], nickname=ev.NICKNAME)
    direction = row["label"].removeprefix("contact_")
    if row.get("heard") == "ask_ex":  # a first name: the bot asks whether it is the ex
        assert heard.maybe_ex is not None and heard.maybe_ex[0] == direction, row["text"]
    else:
        assert getattr(heard, row["label"]), row["text"]


@pytest.mark.parametrize("text", URGES)
def test_each_urge_is_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).urge is not None


def test_look_alikes_stay_quiet() -> None:
    assert ev.set_off(QUIET) == []
    reached = [text for text in QUIET if (heard := listen(text, nickname=ev.NICKNAME)).contact_in
               or heard.maybe_ex is not None]
    assert reached == []


@pytest.mark.parametrize("row", KINDS, ids=lambda row: row["text"][:40])
def test_the_kind_of_message(row: dict[str, str]) -> None:
    assert kind_of_message(row["text"], ev.NICKNAME) == row["kind"]


@pytest.mark.parametrize("row", DAYS, ids=lambda row: row["text"][:40])
def test_the_day_of_a_slip(row: dict[str, str | None]) -> None:
    day = row["day"]
    wanted = None if day is None else ev.TODAY + timedelta(days=int(str(day)[5:-1]))
    assert when_said(str(row["text"]), ev.TODAY, ev.ZONE) == wanted
