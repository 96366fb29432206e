"""bot/listening/spelling.py on its own: slips, leetspeak and spelt-out letters read against the
crisis tables' words, and never a real word read as another."""

import json
from importlib import resources

import pytest

from bot.listening import spelling


@pytest.mark.parametrize(("typed", "word"), [
    ("thouhgts", "thoughts"),    # two neighbours swapped
    ("ovredose", "overdose"),
    ("overdsoe", "overdose"),
    ("pastlilas", "pastillas"),  # a letter added
    ("suicudal", "suicidal"),    # the key next to it (and the plain spelling, not "suicidaal")
])
def test_slips_are_read(typed: str, word: str) -> None:
    assert spelling.slip(typed) == word


@pytest.mark.parametrize("typed", [
    "regalos", "noches", "sufri", "escribo",  # another form of a word: the ends are where it shows
    "vuelvo", "veces",                        # a changed letter that is not the key next to it
    "fridge", "dyeing", "morirse",            # real words (the guard, the hand list)
    "apartment", "photos", "tired",           # words no vocabulary word is a slip away from
    "pils", "kil",                            # too short: too many real neighbours
    "tablest",                                # two words one slip away: neither is read
    "k1ll", "",                               # letters only
])
def test_real_words_short_words_and_ambiguous_slips_are_left(typed: str) -> None:
    assert spelling.slip(typed) is None


@pytest.mark.parametrize(("token", "word"), [
    ("k1ll", "kill"), ("su!c!de", "suicide"), ("h4ng", "hang"), ("0verd0se", "overdose"),
    ("d*e", "die"), ("k*ll", "kill"),
])
def test_leetspeak_and_masks(token: str, word: str) -> None:
    assert spelling.unmask(token) == word


@pytest.mark.parametrize("token", ["d*ck", "h*ll", "gr8", "b4", "l8r"])
def test_masked_swear_words_and_chat_numbers_are_not_crisis_words(token: str) -> None:
    assert spelling.unmask(token) is None


@pytest.mark.parametrize(("letters", "words"), [
    ("killmyself", "kill myself"), ("iwanttodie", "i want to die"), ("suicide", "suicide"),
])
def test_spelt_out_letters_cut_back_into_words(letters: str, words: str) -> None:
    assert spelling.segment(letters) == words


def test_letters_that_make_no_known_words_stay_unread() -> None:
    assert spelling.segment("qzxwvbnm") is None
    assert spelling.segment("iwanttodieiwanttodie") is None  # more pieces than a word spelt out


def test_vocabulary_is_the_crisis_tables_words() -> None:
    words = spelling.vocabulary()
    assert {"overdose", "pastillas", "noose", "suicidal"} <= words
    assert not any(w.isupper() or not w.isalpha() for w in words)


def test_the_typo_guard_was_written_for_the_current_tables() -> None:
    """Fails when a table named in "reading_tables" (or the slip rules) changed and the guard
    was not written again: run tools/make_typo_guard.py."""
    guard = json.loads(resources.files("bot.listening").joinpath("data/typo_guard.json")
                       .read_text("utf-8"))
    assert guard["_vocabulary"] == spelling.vocabulary_digest(), "run tools/make_typo_guard.py"
    assert len(guard["words"]) > 1000 and guard["words"] == sorted(set(guard["words"]))
    assert {w for w in guard["words"] if spelling.slip(w) is not None} == set()


def test_the_fingerprint_follows_the_vocabulary() -> None:
    words = set(spelling.vocabulary())
    assert spelling.vocabulary_digest(words) == spelling.vocabulary_digest()
    assert spelling.vocabulary_digest(words | {"newword"}) != spelling.vocabulary_digest()
    assert spelling.vocabulary_digest(words | {"new"}) == spelling.vocabulary_digest()  # short
