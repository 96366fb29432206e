"""bot/features/steps/review.py: the step-7 message review on good and bad drafts."""

import pytest

from bot.core.clock import is_late_night
from bot.features.steps.review import messages_in, review

GOOD = [
    "Hey, saw that the little caf\u00e9 on Elm Street reopened. Hope you're doing well.",
    "Hi! Heard your sister got the job. Tell her congrats from me.",
    "Hey, this song came on and made me laugh. Hope things are good with you.",
    "Happy birthday, hope it's a good one.",
]


@pytest.mark.parametrize("text", GOOD)
def test_good_drafts_pass_in_the_afternoon(text: str) -> None:
    result = review(text, local_hour=15)
    assert result.ok, result.warnings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I miss you so much, I can't stop thinking about us", {"needy"}),
        ("I'm so sorry for everything, it was all my fault", {"apologetic"}),
        ("Please give me another chance", {"pleading"}),
        ("Can we talk? Are you free? Do you want to meet?", {"questions"}),
        ("Hey\nHow are you\nI saw your post", {"several_messages"}),
        ("Hey. I saw the photo. It was nice. You look well. The dog too.", {"several_messages"}),
        ("word " * 35, {"too_long"}),
        ("I miss you. Please come back, I'm sorry!", {"needy", "pleading", "apologetic"}),
        ("I need you!!!", {"needy"}),
    ],
)
def test_bad_drafts_are_flagged(text: str, expected: set[str]) -> None:
    assert set(review(text, local_hour=15).warnings) == expected


def test_late_night_is_flagged_only_at_night() -> None:
    text = GOOD[0]
    assert review(text, local_hour=23).warnings == ("late_night",)
    assert review(text, local_hour=3).warnings == ("late_night",)
    assert review(text, local_hour=5).ok
    assert review(text, local_hour=21).ok
    assert review(text).ok


def test_late_window_edges() -> None:
    assert [h for h in range(24) if is_late_night(h)] == [0, 1, 2, 3, 4, 22, 23]


def test_long_single_sentence_is_too_long() -> None:
    text = "Hey, " + "x" * 170
    assert review(text, local_hour=12).warnings == ("too_long",)


def test_messages_in_counts_blocks() -> None:
    assert messages_in("one\n\ntwo\nthree") == 3
    assert messages_in("just one") == 1


def test_sorry_inside_other_words_is_not_apologetic() -> None:
    assert "apologetic" not in review("Saw a sorryish pigeon, thought of that day.", local_hour=12).warnings
    assert "pleading" not in review("The pleasant weather is back", local_hour=12).warnings


@pytest.mark.parametrize(("draft", "code"), [
    ("Pleaseeee answer me", "pleading"),
    ("i miss youuu", "needy"),
    ("im soooo sorryyy", "apologetic"),
    ("can\u2019t stop thinkin about u", "needy"),
    ("PLZ COME BACK", "pleading"),
])
def test_stretched_and_slang_spellings_are_read_like_the_phrases(draft: str, code: str) -> None:
    """The draft and the word lists go through the listening pipeline's normaliser alike."""
    assert code in review(draft, local_hour=12).warnings


def test_a_phrase_split_across_sentences_is_not_read() -> None:
    assert "needy" not in review("I can't. Stop thinking about the past, it was fun.",
                                 local_hour=12).warnings
