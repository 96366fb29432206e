"""Rounds 4 and 5 of the abuse detector: the kinds of wording an outside evaluation found weak,
written in tests/data/listening_round<N>_abuse*.jsonl with the near misses beside them.

Round 4: clothes, passwords, work and school, isolation, withheld numbers, the family and friends
used to reach the user, threats to a career or "you'll regret it", injuries without the word
"hit", restraint, things smashed, gaslighting, AAVE and UK/AU/IE words, typos, long messages, nl
and pt; near misses: ordinary arguments, jokes, games, a one-off call from a new number, figures
of speech.

Round 5 (listening_round5_abuse5.jsonl): stalking after the breakup (counts of calls with
screaming or after a block, turning up where the user will be, notes on the doorstep, photos of
the user's own door or car, new accounts after each block), trackers and forced location sharing,
"nobody else would want me", things destroyed, fleeing at night with the kids, a chair against
the door, changed routes, threats to a career, to kill "if i'm with someone else", weapons held to
the user, clothes in it/nl, typos and long messages; near misses: a count of calls alone ("she
called me like 10 times last night"), a third party's "she'd kill me if i texted him", the user's
own tracker, ordinary jealousy, figures of speech.

Round 8 (listening_round8_r8abuse.jsonl): see the block at the end of this module.

Round 6 (listening_round6_t6other.jsonl, shared with tests/listening/test_round4_contact.py):
coercive control told as everyday detail (receipts shown, wifi cut off, keys taken, walks timed,
meds kept back, locked out on the balcony), threats (sexts to a parent, false accusations,
deportation, the kids taken abroad, a career ended, "on blast", "end us both", threats to a new
partner), violence told indirectly (cover stories, hidden bruises, a dent in the wall, scars from a
thrown kettle), stalking after the breakup (parked outside, messages through his family after a
block, followers messaged, false reports to the police, things moved while he still has a key),
fear (his motorbike, freezing like i did with him), sexual coercion (drunk, sulking, woken for sex),
the kids' dad as the ex, and es/pt/de/fr/it/nl regional wordings; near misses: break-ins, selling a
car, locked out by accident, "bit my head off", a parent who "wouldnt let me" sleep.

The floors are the figures reached when the rows were added; a change that loses any of them
fails here."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from bot.listening import listen
from bot.listening.pipeline import Moment, decide
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round4_abuse.jsonl")
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
OTHERS = [row for row in ROWS if row["label"] != "abuse"]
FIGURES = [row for row in ROWS if row["label"] == "figure_of_speech"]

RECALL_FLOOR = {"en": 0.98, "nl": 1.0, "pt": 1.0}
# Near misses the tables still read as abuse (pre-existing wordings: "he said id regret dumping
# him", "she threatened to tell my mum i got a tattoo lol", "kicked me out of bed", ...): 5; and
# 3 more the backstop retrained on all of round 4 adds ("he shared his location so i could pick
# him up", "he locked the door when he left so i was safe"). Its abuse guesses stay because, on
# the sealed outside set, they add 7 of 222 disclosures (79.7% -> 82.9%) and no false positive
# on its 253 neutral rows; this ceiling catches any further loss of precision.
# Round 14's retrain (abuse threshold 8.0 -> 7.7 logits, chosen by the same 0.5% ceiling) adds
# five more, all the kind of control said as a joke ("he made me change my phone wallpaper to a
# pic of us lol", "he wouldnt let me leave without a hug", "i still have his airtag keyring"):
# on a new outside set (blind10's tune half) it hears 2 more of 85 disclosures and no neutral row.
MAX_ABUSE_ON_OTHERS = 13

ROUND5 = ev.load("listening_round5_abuse5.jsonl")
ROUND5_ABUSE = [row for row in ROUND5 if row["label"] == "abuse"]
ROUND5_OTHERS = [row for row in ROUND5 if row["label"] != "abuse"]
# en: 192 of 193 ("he knew which gym i switched to within two days and started going at the
# same time" is left to the backstop: no phrase family covers it without guessing).
ROUND5_FLOOR = {"en": 0.99, "es": 1.0, "de": 1.0, "fr": 1.0, "it": 1.0, "nl": 1.0, "pt": 1.0}
# Three near misses the tables still read as abuse: "she put her fist through a wall when she
# was 16, before we met" (a fist through a wall, told as history), "he sent me a photo of my car,
# he saw it at the garage and said hi" (a photo of the user's car is the stalking wording) and
# "she threatened to post my embarrassing baby photos on my birthday lol" (the older table's
# "threatened to post").
ROUND5_MAX_ABUSE_ON_OTHERS = 3

ROUND6 = ev.load("listening_round6_t6other.jsonl")
ROUND6_ABUSE = [row for row in ROUND6 if row["label"] == "abuse"]
ROUND6_OTHERS = [row for row in ROUND6 if row["label"] != "abuse"]
# en: 116 of 118, it 11 of 12, nl 13 of 14. Left alone on purpose: "im still too scared to go to
# the big tesco in case i bump into him" (avoiding the ex is ordinary breakup talk too) and fear of
# a doorbell or letterbox that names no ex ("i jump out of my skin whenever the letterbox goes", and
# the same in it and nl).
ROUND6_FLOOR = {"en": 0.97, "es": 1.0, "de": 1.0, "fr": 1.0, "it": 0.9, "nl": 0.9, "pt": 1.0}
# One row labelled contact_in that the tables also read as stalking: "he messaged my sister asking
# for my new number" (the pipeline answers it as abuse, which comes first).
ROUND6_MAX_ABUSE_ON_OTHERS = 1


def _heard(row: dict[str, Any]) -> Any:
    return listen(row["text"], nickname=ev.NICKNAME)


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 400 and len(OTHERS) >= 180 and len(FIGURES) >= 20
    assert len(ROUND5_ABUSE) >= 220 and len(ROUND5_OTHERS) >= 100
    assert {row["lang"] for row in ROUND5_ABUSE} == set(ROUND5_FLOOR)
    assert len(ROUND6_ABUSE) >= 190 and len(ROUND6_OTHERS) >= 330
    assert {row["lang"] for row in ROUND6_ABUSE} == set(ROUND6_FLOOR)


ROUNDS = {4: (ABUSE, OTHERS, RECALL_FLOOR, MAX_ABUSE_ON_OTHERS),
          5: (ROUND5_ABUSE, ROUND5_OTHERS, ROUND5_FLOOR, ROUND5_MAX_ABUSE_ON_OTHERS),
          6: (ROUND6_ABUSE, ROUND6_OTHERS, ROUND6_FLOOR, ROUND6_MAX_ABUSE_ON_OTHERS)}


@pytest.mark.parametrize(("round_", "lang"), [(4, lang) for lang in sorted(RECALL_FLOOR)]
                         + [(5, lang) for lang in sorted(ROUND5_FLOOR)]
                         + [(6, lang) for lang in sorted(ROUND6_FLOOR)])
def test_abuse_recall_per_language(round_: int, lang: str) -> None:
    disclosures, _, floor, _ = ROUNDS[round_]
    rows = [row for row in disclosures if row["lang"] == lang]
    missed = [row["text"] for row in rows if _heard(row).abuse is None]
    recall = 1 - len(missed) / len(rows)
    assert recall >= floor[lang], (recall, missed)


@pytest.mark.parametrize("round_", sorted(ROUNDS))
def test_abuse_stays_quiet_on_near_misses(round_: int) -> None:
    _, others, _, ceiling = ROUNDS[round_]
    fired = [row["text"] for row in others if _heard(row).abuse is not None]
    assert len(fired) <= ceiling, fired


def test_figures_of_speech_set_off_nothing_new() -> None:
    crisis = [row["text"] for row in FIGURES if _heard(row).crisis is not None]
    assert len(crisis) <= 1, crisis  # "my legs are bruised from the hike" (the crisis tables)
    later = [row["text"] for row in ROUND5_OTHERS + ROUND6_OTHERS
             if row["label"] == "figure_of_speech" and _heard(row).crisis is not None]
    assert not later, later


def test_a_disclosure_is_answered_as_abuse_not_as_contact_or_crisis() -> None:
    """The pipeline's order puts abuse before both contacts; a disclosure that also reads as
    "they contacted me" ("he keeps calling me from new numbers") is answered as abuse, and an
    injury the ex caused ("he broke my nose") is not a crisis about the user."""
    acts: dict[str, list[str]] = defaultdict(list)
    for row in ABUSE:
        act = decide(row["text"], _heard(row), Moment()).act
        acts[act].append(row["text"])
    assert not acts["contact_in"] and not acts["contact_out"], acts
    assert len(acts["crisis"]) + len(acts["crisis_possible"]) <= 6, (
        acts["crisis"], acts["crisis_possible"])
    later: dict[str, list[str]] = defaultdict(list)
    for row in ROUND5_ABUSE:
        later[decide(row["text"], _heard(row), Moment()).act].append(row["text"])
    assert not later["contact_in"] and not later["contact_out"], later
    # "she called me pathetic and said id die alone without her": "die" keeps the crisis words
    # the user's own, whoever said them first (heard._the_exs_own_words).
    assert len(later["crisis"]) + len(later["crisis_possible"]) <= 1, (
        later["crisis"], later["crisis_possible"])
    sixth: dict[str, list[str]] = defaultdict(list)
    for row in ROUND6_ABUSE:
        sixth[decide(row["text"], _heard(row), Moment()).act].append(row["text"])
    assert not sixth["contact_in"] and not sixth["contact_out"], sixth
    # The crisis tables still ask the kind question first on three disclosures ("she keeps saying
    # she'll out me to my parents if i dont come back to her", "he recorded us without me knowing
    # and now hes showing people", "i jump out of my skin whenever the letterbox goes"): a crisis
    # matter, left to its tables.
    assert not sixth["crisis"] and len(sixth["crisis_possible"]) <= 3, sixth["crisis_possible"]


@pytest.mark.parametrize("text", [
    "he broke my nose", "she scratched my face til it bled", "he stabbed me",
    "he keeps calling me from new numbers", "he keeps turning up at my mums house",
    "er hat mir gedroht mich umzubringen", "ele ameacou me matar", "el me amenazo con matarme",
    "HE PUT A KNIFE TO MY THROAT", "he told me i was worthless", "er sagte mir immer ich sei wertlos",
    "ele disse que me mata se eu ficar com outro",
    "er sagte er bringt mich um wenn ich mit einem anderen zusammen bin",
    "he left 47 voicemails", "she called me 30 times last night screaming",
])
def test_heard_as_abuse_first(text: str) -> None:
    assert decide(text, listen(text), Moment()).act == "abuse"


@pytest.mark.parametrize("text", [
    "he hit me so hard i wanted to die", "he beat me and i want to kill myself",
    "he strangled me. i want to die", "he hit me, i cant go on",
    "he broke my nose and now i just want to end it all", "ele me bateu e vou me matar",
    "er hat mir gedroht mich umzubringen und ich will sterben", "ich hab ihm gedroht mich umzubringen",
    "ele ameacou me matar e eu quero morrer", "he threatened me and i want to kill myself",
    "he told me i was worthless and now i want to die",
    "he said if i leave hell kill himself and i want to die too",
])
def test_the_users_own_crisis_is_never_dropped_for_abuse(text: str) -> None:
    heard = listen(text)
    assert heard.crisis is not None and heard.abuse is not None
    assert decide(text, heard, Moment()).act in ("crisis", "crisis_possible")


@pytest.mark.parametrize("text", [
    "she said id be better off dead", "i told him i would slit my wrists if he left",
    "ich hab ihm gesagt ich bringe mich um", "i held a knife to my throat last night",
    "he watched me hold a knife to my throat", "she told me to kill myself",
])
def test_what_the_ex_said_is_not_taken_for_the_users_words_when_it_is_their_own(text: str) -> None:
    """The ex's reported insult or threat drops a crisis only when the crisis words are inside it,
    say nothing of dying or the self, and the ex, not the user, is their clause's first subject."""
    assert decide(text, listen(text), Moment()).act in ("crisis", "crisis_possible")


@pytest.mark.parametrize("text", [
    "he said he'd make my dinner", "she said she'd find my keys", "he said he'd teach me to drive",
    "he said he would take care of me", "he said he'd get me a present",
    "she threatened to beat me at fifa", "he said he'd make my life hell in mario kart lol",
    "she texted me from her new number", "she called from a blocked number, i know it was her",
    "he broke his phone", "he cut me off mid sentence", "she shot me a look",
    "my job made me give all my passwords to IT", "the break up made me think i was crazy",
    "i wasnt allowed to wear trainers at the wedding, dress code",
    "he didnt want me to work weekends cos he missed me, we compromised",
    "nao pude sair hoje porque estava chovendo", "the gym beat me up today",
    "she called me like 10 times last night", "he texted me like 20 times about the dog",
    "my sister said she would kill me if i texted him", "my mum will kill me if i go back to him",
    "i found my airtag in my bag, thought i lost my keys", "i broke my phone when i dropped it",
    "he made a new account after he got hacked", "he got a new number and texted me happy birthday",
    "he was jealous when i went out with my mates but we talked about it",
    "he said no one would want the old sofa", "i had to leave in the middle of the night to catch my flight",
])
def test_ordinary_words_are_not_abuse(text: str) -> None:
    assert listen(text).abuse is None


# Round 7 (listening_round7_p7otherprec.jsonl): look-alikes the tables fired on (courses,
# documentaries and cases about domestic abuse, a relative's abusive partner, pets, toddlers and
# sparring partners, spoilers, parties, the flu, bosses, fear of being alone) beside their real
# twins, and kinds the tables missed (receipts and benefits, sleep, reproductive coercion,
# withheld insulin or hearing aids, hands round the neck, dragged by the hair, the same gym or
# street, threats to pets, "if I left him he'd kill me" in es/pt/de/fr/it).
ROUND7 = ev.load("listening_round7_p7otherprec.jsonl")
ROUND7_ABUSE = [row for row in ROUND7 if row["label"] == "abuse"]
ROUND7_OTHERS = [row for row in ROUND7 if row["label"] == "neutral"]
# en: 38 of 39 ("she'd wake me up at 4am to go through my phone", batch c); pt: 3 of 4 ("se eu
# deixasse ele, ia me matar, foi o que ele falou", batch c: the threat is its own clause)
ROUND7_FLOOR = {"en": 0.97, "es": 1.0, "de": 1.0, "fr": 1.0, "it": 1.0, "nl": 1.0, "pt": 0.75}
# "sie hat mich angeschrien, und zwar zu recht" (the excuse is in its own clause) and "volunteering
# on a helpline for domestic abuse survivors ..." (batch c, not tuned on)
ROUND7_MAX_ABUSE_ON_OTHERS = 2


def assert_recall_in(rows: list[dict[str, Any]], lang: str, floor: float) -> None:
    """The share of one language's disclosures the abuse detector hears, held to its floor."""
    rows = [row for row in rows if row["lang"] == lang]
    missed = [row["text"] for row in rows if _heard(row).abuse is None]
    assert rows and 1 - len(missed) / len(rows) >= floor, missed


@pytest.mark.parametrize("lang", sorted(ROUND7_FLOOR))
def test_round7_abuse_recall_per_language(lang: str) -> None:
    assert_recall_in(ROUND7_ABUSE, lang, ROUND7_FLOOR[lang])


def test_round7_look_alikes_stay_quiet() -> None:
    fired = [row["text"] for row in ROUND7_OTHERS if _heard(row).abuse is not None]
    assert len(fired) <= ROUND7_MAX_ABUSE_ON_OTHERS, fired


# Round 8 (listening_round8_r8abuse.jsonl): abuse in en/it/de/nl told as everyday detail (an
# allowance, the lease in his name, a phone contract cancelled, friends driven away, "mocht van hem
# niet"), threats (immigration, a fake report, outing, the kids taken abroad or "se lo lascio"),
# violence told indirectly (scars "from the night he lost it", a chair thrown, a grabbed neck),
# sexual coercion ("sex i owed him", pressure until sex across clauses), stalking after the
# breakup (breathing calls, dead flowers, fake accounts, waiting "obwohl ich Schluss gemacht hab")
# and fear (routes changed because of his car, looking over the shoulder); look-alikes: rows,
# jealousy, shared locations, kids, pets, sport, news. Batches a-d were tuned on; batch e was run
# once and not tuned on (42.1% on it: the honest figure for fresh phrasing), so it is scored apart.
ROUND8 = ev.load("listening_round8_r8abuse.jsonl")
ROUND8_TUNED = [row for row in ROUND8 if row["batch"] != "e"]
ROUND8_ABUSE = [row for row in ROUND8_TUNED if row["label"] == "abuse"]
ROUND8_OTHERS = [row for row in ROUND8 if row["label"] != "abuse"]
# en 51 of 52 ("told the nurse i fell down the stairs, i didnt fall": the denial is its own clause),
# nl 17 of 18 ("ze bleef maar aandringen tot ik toegaf": names no sex, could be any request)
ROUND8_FLOOR = {"en": 0.96, "it": 1.0, "de": 1.0, "nl": 0.94}
ROUND8_UNTUNED_FLOOR = 0.4  # batch e: 8 of 19
ROUND8_MAX_ABUSE_ON_OTHERS = 0


@pytest.mark.parametrize("lang", sorted(ROUND8_FLOOR))
def test_round8_abuse_recall_per_language(lang: str) -> None:
    assert_recall_in(ROUND8_ABUSE, lang, ROUND8_FLOOR[lang])


def test_round8_untuned_batch_keeps_its_figure() -> None:
    rows = [row for row in ROUND8 if row["batch"] == "e" and row["label"] == "abuse"]
    missed = [row["text"] for row in rows if _heard(row).abuse is None]
    assert len(rows) >= 19 and 1 - len(missed) / len(rows) >= ROUND8_UNTUNED_FLOOR, missed


def test_round8_look_alikes_stay_quiet() -> None:
    fired = [row["text"] for row in ROUND8_OTHERS if _heard(row).abuse is not None]
    assert len(fired) <= ROUND8_MAX_ABUSE_ON_OTHERS, fired
    crisis = [row["text"] for row in ROUND8_OTHERS if _heard(row).crisis is not None]
    assert not crisis, crisis


def test_round8_disclosures_are_answered_as_abuse() -> None:
    acts: dict[str, list[str]] = defaultdict(list)
    for row in ROUND8_ABUSE:
        acts[decide(row["text"], _heard(row), Moment()).act].append(row["text"])
    assert not acts["contact_in"] and not acts["contact_out"], acts
    # "my ribs still hurt from where he kicked me on saturday": the crisis tables read "my ribs
    # still hurt" alone as a clear risk (an injury), a crisis matter left to its tables.
    assert len(acts["crisis"]) <= 1, acts["crisis"]


# Round 9 (listening_round9_a9abuse.jsonl): five fresh sets written before the tables changed
# (first run 83.1% abuse, 35/38 look-alikes quiet), then fixed as families: logging into the
# user's accounts, proof of where or with whom, demanded photos, money "literally" controlled,
# family driven away, menacing lines quoted from a text ("watch your back", "you'll regret
# this"), "he'd find me wherever", passive choking, base-form hits after "would", turning up at
# the gym or a new flat, fake accounts, a changed number found, fear of what he might do and
# "keeps following me" in the six other languages. Look-alikes: a relative's outing threat or
# menace ("my brother said hed tell my mum im gay"), "pushed me to apply", a pet that follows.
ROUND9 = ev.load("listening_round9_a9abuse.jsonl")
ROUND9_ABUSE = [row for row in ROUND9 if row["label"] == "abuse"]
ROUND9_OTHERS = [row for row in ROUND9 if row["label"] != "abuse"]
ROUND9_FLOOR = {"en": 1.0, "es": 1.0, "pt": 1.0, "de": 1.0, "fr": 1.0, "it": 1.0, "nl": 1.0}


@pytest.mark.parametrize("lang", sorted(ROUND9_FLOOR))
def test_round9_abuse_recall_per_language(lang: str) -> None:
    assert_recall_in(ROUND9_ABUSE, lang, ROUND9_FLOOR[lang])


def test_round9_look_alikes_stay_quiet() -> None:
    fired = [row["text"] for row in ROUND9_OTHERS
             if _heard(row).abuse is not None or _heard(row).crisis is not None]
    assert not fired, fired


@pytest.mark.parametrize("text", [
    "my brother said hed tell my mum im gay", "my sister said she would tell everyone i am pregnant",
    "my mum said youll regret this if you quit uni", "i texted him saying you will regret this",
    "she pushed me into applying for uni", "my cat follows me around the flat",
    "my boss controls literally all the money in the company", "i got choked up at the wedding",
    "he showed up at my work to drop off my stuff", "i have to prove where i was to my manager",
    "my mum knew my passwords and would log into my email",
])
def test_round9_others_words_are_not_abuse(text: str) -> None:
    assert listen(text).abuse is None
