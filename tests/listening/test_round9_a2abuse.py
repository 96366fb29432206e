"""Round 9, second pass (listening_round9_a2abuse.jsonl): abuse kinds still missed after round 9,
in seven languages, written before the tables changed (first run 58/88 disclosures heard, 22/27
look-alikes quiet), then fixed as families in data/abuse.json: death if the user leaves ("id end up
dead in a ditch"), self-harm threats used as leverage (slit wrists; es "se mataba", it "si sarebbe
ammazzato"), intimate images threatened or shared, threats to a new partner and to the kids,
silence as punishment for seeing people, jealousy that ended a job or friendships, sex withheld
then forced, being stood over or screamed at, flinching and nightmares, the ex's car outside
(es/pt/fr/it/de), forced location sharing (fr/it) and a blocked door (six languages).
Look-alikes: a parent tracking a teen's phone, a toddler's punch, a boss threatening to fire, a
pet that follows, "blocked me on insta", a video of the dog."""

from __future__ import annotations

from typing import Any

import pytest

from bot.listening import listen
from tests.listening import listening_eval as ev

ROWS = ev.load("listening_round9_a2abuse.jsonl")
ABUSE = [row for row in ROWS if row["label"] == "abuse"]
OTHERS = [row for row in ROWS if row["label"] != "abuse"]
FLOOR = {"en": 1.0, "es": 1.0, "pt": 1.0, "de": 1.0, "fr": 1.0, "it": 1.0, "nl": 1.0}


def _heard(row: dict[str, Any]) -> Any:
    return listen(row["text"], nickname=ev.NICKNAME)


def assert_recall_in(rows: list[dict[str, Any]], lang: str, floor: float) -> None:
    """The share of one language's disclosures the abuse detector hears, held to its floor."""
    rows = [row for row in rows if row["lang"] == lang]
    missed = [row["text"] for row in rows if _heard(row).abuse is None]
    assert rows and 1 - len(missed) / len(rows) >= floor, missed


def test_the_rows_are_there() -> None:
    assert len(ABUSE) >= 88 and len(OTHERS) >= 27


@pytest.mark.parametrize("lang", sorted(FLOOR))
def test_abuse_recall_per_language(lang: str) -> None:
    assert_recall_in(ABUSE, lang, FLOOR[lang])


def test_look_alikes_stay_quiet() -> None:
    fired = [row["text"] for row in OTHERS
             if _heard(row).abuse is not None or _heard(row).crisis is not None]
    assert not fired, fired


# Paraphrases written after the first fixes to check the families (4 of 18 missed and were then
# covered as families: "get hurt", jealousy without "so", "la voiture de mon ex", "er stand mit dem
# auto jeden abend"); one look-alike fired ("kill his brother for eating his pizza") and the
# new-partner rule now needs the partner's body or the partner as the object.
@pytest.mark.parametrize("text", [
    "she always said if i left her id wind up in the river",
    "he told me i'd be dead within a week if i ever left",
    "she used to say she'd slit her wrists if i ever walked",
    "he swore hed post the videos on pornhub if i blocked him",
    "alex messaged my new gf saying shes gonna get hurt if she keeps seeing me",
    "she'd give me the silent treatment for a week after i visited my parents",
    "whenever i went out with the girls he would ignore me for days",
    "i dropped all my friends bc she kept accusing me of sleeping with them",
    "he got so jealous i ended up quitting uni",
    "he stood over me shouting until i cried",
    "she shared my nudes with her friends after we split",
    "i still have nightmares about her coming after me",
    "i flinch every time someone lifts their hand too fast",
    "la voiture de mon ex est garée devant chez moi tous les soirs",
    "il mio ex dovevo mandargli la posizione ogni ora",
    "er stand mit dem auto jeden abend vor meiner wohnung",
    "ela disse que se matava se eu terminasse",
])
def test_paraphrases_are_heard(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).abuse is not None


@pytest.mark.parametrize("text", [
    "my mum gave me the silent treatment after i forgot her birthday",
    "i quit my job because my boss was jealous of my sales lol",
    "he posted a video of us at the wedding and i look awful",
    "my new boyfriend said hes going to kill his brother for eating his pizza",
    "my little brother punched me in the arm for changing the channel",
    "i had a dream about him last night, we were back together",
    "my sister shares her location with me so i know she got home",
    "i'd be dead in a ditch without my friends honestly theyre my rock",
    "la voiture de mon voisin est garée devant chez moi",
    "he posted a pic of us on his story and tagged me",
    # the user's own despair, never taken for the ex's threat ("she goes" is also a SAYS word)
    "if she goes through with the wedding i'll be in the canal by sunday",
    "if i leave him ill end up dead in a ditch i have nowhere to go",
])
def test_ordinary_words_are_not_abuse(text: str) -> None:
    assert listen(text, nickname=ev.NICKNAME).abuse is None
