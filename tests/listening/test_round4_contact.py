"""Round 4's set for contact, urge and control words (tests/data/listening_round4_contact.jsonl):
the wordings an outside evaluation found weak (through a friend, story views, gifts and letters,
drive-bys, broken no contact, snap streaks, drafts, thumbs over send, UK and AAVE wordings, control
word variants), written by hand in batches, each run once before the tables were changed for it
(the first figures are in the file's header line), then tuned on. The floors below are the
figures reached, so a later change that loses a family fails here; the neutral and
figure-of-speech rows are near misses that must stay quiet.

Round 5 adds tests/data/listening_round5_contact5.jsonl, scored here the same way: the ex on a
named app or by a name that is not the nickname, money and payment apps, quoted words, calls from
an unknown number, songs and notes, 'would he reply if i messaged', chat open, control help
('what am i supposed to type here'), and urges the message says were overcome ('almost texted him
but put my phone away'), which must stay quiet. Its header line holds each batch's first run.

Round 6 adds the contact and urge rows of tests/data/listening_round6_t6other.jsonl (its abuse rows
are scored in test_round4_abuse.py): contact through every channel and through other people, sex
and hooking up, the kids' dad as the ex, the ex by a first name that is not the nickname, drafts,
bargaining and "about to"; near misses about family, friends, the ex's own family, urges resisted.
Its header line holds each set's first run.

Round 8 adds tests/data/listening_round8_r8contact.jsonl (r8contact): slips and the ex's contact
through reactions, story replies, payment notes, voice notes, emails, comments, showing up and
sleeping together, the ex reaching out through friends, family and new accounts, urges as
questions, bargaining, drafts and "about to", control words as people type them to a bot, and
near misses (family, friends, bosses, the ex contacting someone else, urges resisted, "help me
understand why he left"). Batch 4 was run once and not tuned on for contact and urge.

Round 9 adds tests/data/listening_round9_k9contact.jsonl (k9contact): contact in plain words both
ways, by every channel, meeting, sleeping together, showing up, being on a call, plans the ex
makes ("he's coming over tonight", "he offered to drive me": contact_in by decision), the hedge
"i mightve sent", and near misses (someone else's ex, "everyone but me", family and friends,
negations, urges). Its header line holds each batch's first run; batches a-e were tuned on, batch f
(written after the fixes, run once) was not."""

import pytest

from bot.listening import listen
from bot.listening.detectors import contact, urge
from bot.listening.normalise import normalise
from bot.listening.pipeline import Moment, hear
from tests.halves import share
from tests.listening import listening_eval as ev

FILES = {
    "listening_round4_contact.jsonl": {"contact_out": 1.0, "contact_in": 1.0,
                                       "urge": 0.99},  # urge: "just once" alone stays a miss
    # contact_in: "there was a note under my door this morning, his handwriting" (the note and
    # whose it is sit in two clauses) stays a miss
    "listening_round5_contact5.jsonl": {"contact_out": 1.0, "contact_in": 0.98, "urge": 1.0},
    # round 7: the ex named after "my ex" ("my ex jake texted me"); "jake (my ex) called" and
    # "dan, my ex, rang me at 2am" stay misses (the normaliser splits the name from "my ex")
    "listening_round7_p7otherprec.jsonl": {"contact_out": 1.0, "contact_in": 0.75, "urge": 1.0},
    # round 8 (r8contact): 51/56, 37/39, 26/27 reached. Misses left: a first name alone as the ex
    # ("marias pic", "venmo'd jake back", "jake made another account"), a pronoun after a sister or
    # the kids were named in the same long clause, a friend's screenshot of "a message he wanted
    # passed on" (the friend is named before the pronoun), "swiped up on her story and said
    # 'cute'" and "maybe if i just tell her how i feel one last time" (batch 4, not tuned on)
    "listening_round8_r8contact.jsonl": {"contact_out": 0.89, "contact_in": 0.92, "urge": 0.94},
    # round 9 (k9contact): 87/89, 66/67 and 1/1 reached; batches a-e were tuned on, batch f
    # (run once after the fixes) was not: its three misses are in KNOWN_MISSES
    "listening_round9_k9contact.jsonl": {"contact_out": 0.97, "contact_in": 0.98, "urge": 1.0},
}
KNOWN_MISSES = frozenset({
                          # round 4's draft typed and deleted is labelled an urge; since 600b90f a
                          # draft deleted is read as the win it also is (urge.json "overcome"),
                          # so the pipeline answers it as the companion does: debatable either way
                          "typed out a text to her and deleted it",
                          "just once", "there was a note under my door this morning, his handwriting",
                          "jake (my ex) called", "dan, my ex, rang me at 2am",
                          # round 8's misses named above
                          "accidentally double tapped marias pic from 2019 at 1am kill me",
                          "venmo'd jake back for the concert tix and wrote \"miss u\" in the memo",
                          "work was long and my sister was on at me about the wedding seating plan and i "
                          "was knackered so i had a glass of wine and then i messaged her asking if she's "
                          "happy now and anyway the dog needs walking",
                          "so today was fine actually went to the shops got some bits for the kids lunches "
                          "and then on the bus home i just texted him out of nowhere asking how his mum is "
                          "doing, dont know why i do this to myself",
                          "i swiped up on her story and said \"cute\"",
                          "jake made another account and followed me again, third one this month",
                          "a mutual friend sent me a screenshot of a message he wanted passed on to me",
                          "maybe if i just tell her how i feel one last time she'll get it",
                          # round 9's batch f, not tuned on
                          "bought him a pint when i saw him at the pub and we got chatting",
                          "i dropped his birthday present off at his work",
                          "she dropped my stuff off and asked if we could talk"})
FLOORS = [(name, label, floor) for name, floors in FILES.items() for label, floor in floors.items()]
_REPORTS: dict[str, ev.Report] = {}

ROUND6 = "listening_round6_t6other.jsonl"
# contact_out 72/75, contact_in 73/75, urge 74/74 when the rows were added. Misses left alone: a
# first name with nothing else that says it is the ex ("sent jake a voice note at 2am", "i texted
# jake 'happy birthday' and he replied with a thumbs up", "jake rang me on the way home from work
# and we talked for an hour", "jake popped up in my dms asking if im free friday") and "i sent the
# paragraph. its gone. oh god" (no one named at all).
ROUND6_FLOORS = {"contact_out": 0.94, "contact_in": 0.95, "urge": 0.98}
# Near misses the contact and urge detectors still hear, each by an older design choice: the ex's
# family reaching the user or the ex reaching the user's family counts as contact ("his mum
# messaged me and i replied", "my exs mum sent me a christmas card", "he texted my brother about
# the football"), turning up where the user is counts as contact ("she turned up at my kids
# football to watch her nephew play"), "we made up" after a cousin is named in another clause,
# and the learned backstop's guesses ("my ex messaged his sister about the wedding and she told
# me", "i want him to text me first").
ROUND6_KNOWN_FIRES = frozenset({
    "his mum messaged me and i replied, she was always lovely", "my exs mum sent me a christmas card",
    "he texted my brother about the football", "she turned up at my kids football to watch her nephew play",
    "im gonna unblock my cousin, we made up", "my ex messaged his sister about the wedding and she told me",
    "i want him to text me first"})


def _report(name: str) -> ev.Report:
    if name not in _REPORTS:
        _REPORTS[name] = ev.evaluate(ev.load(name))
        print("\n" + _REPORTS[name].table(name))
    return _REPORTS[name]


@pytest.fixture(params=sorted(FILES))
def report(request: pytest.FixtureRequest) -> ev.Report:
    return _report(request.param)


@pytest.mark.parametrize(("name", "label", "floor"), FLOORS)
def test_recall_floor(name: str, label: str, floor: float) -> None:
    score = _report(name).labels[label]
    assert score.rate >= floor, score.misses


def test_control_words_all(report: ev.Report) -> None:
    for label, score in report.labels.items():
        if label.startswith("control_"):
            assert score.rate == 1.0, (label, score.misses)


# Round 7's batch c was run once and not tuned on: "my finger is over the send button for this
# ebay bid" (urge) and two abuse look-alikes (scored in test_round4_abuse.py) stay as found.
# Round 8's batch 4: "nvm him, hes not worth it" sets off the crisis question through the learned
# score (a crisis-area matter, left as found).
ALLOWED_ON_NEUTRAL = {"listening_round7_p7otherprec.jsonl": {"abuse": 2, "urge": 1},
                      "listening_round8_r8contact.jsonl": {"crisis": 1},
                      # round 9: "almost sent him a message but deleted it" is heard as an urge
                      # (the urge tables' "overcome" list has no "deleted it"; left to them)
                      "listening_round9_k9contact.jsonl": {"urge": 1}}


@pytest.mark.parametrize("name", sorted(FILES))
def test_neutral_rows_set_off_nothing(name: str) -> None:
    report = _report(name)
    allowed = ALLOWED_ON_NEUTRAL.get(name, {})
    fired = {detector: score.hits for detector, score in report.fired_on_neutral.items()
             if score.hits > allowed.get(detector, 0)}
    assert not fired, (fired, report.labels["neutral"].misses)


def test_figures_of_speech_never_crisis(report: ev.Report) -> None:
    assert report.groups["figure of speech -> crisis"].hits == 0


def _act(row: dict[str, str]) -> str:
    """The pipeline's act for a row. Re-baselined for issue 9: where the ex is named only by a
    first name that is not the registered nickname ("i texted jake", "maria liked a pic of
    mine"; the corpus's nickname is Alex), the bot now asks "is Jake your ex?" and a yes brings
    exactly the labelled flow, so that question in the row's direction counts as the label."""
    decision = hear(row["text"], Moment(), nickname=ev.NICKNAME)
    found = decision.heard.maybe_ex
    if decision.act == "ask_ex" and found is not None and f"contact_{found[0]}" == row["label"]:
        return row["label"]
    return decision.act


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_pipeline_answers_each_row_as_labelled(name: str) -> None:
    """Order matters: an urge must not be taken for a slip ('im texting him right now' is a
    decision), nor a slip for the ex's message ('he called from a new number and i answered').
    Abuse may come first (stalking is its area)."""
    wrong = []
    for row in ev.load(name):
        if row["label"] not in ("contact_out", "contact_in", "urge"):
            continue
        act = _act(row)
        if act != row["label"] and act != "abuse" and row["text"] not in KNOWN_MISSES:
            wrong.append((row["text"], act))
    assert not wrong


@pytest.mark.parametrize("name", sorted(FILES))
def test_trigger_index_never_changes_a_result(name: str) -> None:
    for row in share(ev.load(name)):  # this run's half of the rows: tests/halves.py
        norm = normalise(row["text"], nickname=ev.NICKNAME)
        assert contact.outgoing(norm) == contact.outgoing(norm, exhaustive=True), row["text"]
        assert contact.incoming(norm) == contact.incoming(norm, exhaustive=True), row["text"]
        assert urge.detect(norm) == urge.detect(norm, exhaustive=True), row["text"]


@pytest.mark.parametrize(("label", "floor"), sorted(ROUND6_FLOORS.items()))
def test_round6_recall_floor(label: str, floor: float) -> None:
    score = _report(ROUND6).labels[label]
    assert score.rate >= floor, score.misses


def test_round6_near_misses_stay_quiet() -> None:
    """Contact and urge stay quiet on the neutral rows but for the known ones; no figure of speech
    sets off a crisis."""
    fired = []
    for row in ev.load(ROUND6):
        if row["label"] not in ("neutral", "figure_of_speech"):
            continue
        heard = listen(row["text"], nickname=ev.NICKNAME)
        if (heard.contact_out or heard.contact_in or heard.urge is not None) and (
                row["text"] not in ROUND6_KNOWN_FIRES):
            fired.append(row["text"])
    assert not fired, fired
    assert _report(ROUND6).groups["figure of speech -> crisis"].hits == 0


def test_round6_the_pipeline_answers_each_row_as_labelled() -> None:
    wrong = []
    for row in ev.load(ROUND6):
        if row["label"] not in ("contact_out", "contact_in", "urge"):
            continue
        act = _act(row)
        if act not in (row["label"], "abuse") and _report(ROUND6).labels[row["label"]].misses.count(row["text"]) == 0:
            wrong.append((row["text"], act))
    # "he texted to say hes moving away and wanted to say bye": the crisis tables read "say bye"
    # as the user's goodbye and ask the kind question first (a crisis-table matter).
    assert len(wrong) <= 1, wrong


def test_round6_trigger_index_never_changes_a_result() -> None:
    for row in share(ev.load(ROUND6)):  # this run's half of the rows: tests/halves.py
        norm = normalise(row["text"], nickname=ev.NICKNAME)
        assert contact.outgoing(norm) == contact.outgoing(norm, exhaustive=True), row["text"]
        assert contact.incoming(norm) == contact.incoming(norm, exhaustive=True), row["text"]
        assert urge.detect(norm) == urge.detect(norm, exhaustive=True), row["text"]
