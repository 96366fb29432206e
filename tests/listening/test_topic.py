"""The companion's topics (bot/listening/detectors/topic.py): what an everyday message with
nothing else in it is about, so the reply fits it. None is the general reply."""

from __future__ import annotations

import pytest

from bot.listening.detectors.topic import topic


@pytest.mark.parametrize(("text", "found"), [
    ("why did she leave me", "why"), ("why did he dump me like that", "why"),
    ("what did i do wrong", "why"), ("was it my fault", "why"), ("why wasnt i enough", "why"),
    ("do you think she will come back", "come_back"),
    ("do you think hell ever miss me", "come_back"), ("will he come back", "come_back"),
    ("how do i get him back", "come_back"), ("will we get back together", "come_back"),
    ("i saw her with someone else today", "moved_on"),
    ("he has a new girlfriend already", "moved_on"), ("shes dating someone new", "moved_on"),
    ("he moved on so fast", "moved_on"),
    ("im doing a bit better today actually", "better"), ("today was a good day", "better"),
    ("i didnt text him today!!", "better"), ("ive been ok", "better"),
    ("idk what to do", "lost"), ("where do i even start", "lost"),
    ("thanks, youre helpful", "thanks"), ("thank you so much for this", "thanks"),
    ("i feel so lost", "lost"), ("what am i supposed to do now", "lost"),
    ("does it ever get easier", "easier"), ("how long does this take", "easier"),
    ("will i ever get over her", "easier"), ("when will this stop hurting", "easier"),
    ("how long till i feel normal again", "easier"),
    ("am i stupid for still loving her", "still_love"), ("why do i still miss him", "still_love"),
    ("is it normal to still want him", "still_love"), ("i still love her", "still_love"),
    ("should i delete our photos", "ties"), ("should i block him", "ties"),
    ("what do i do with his stuff", "ties"), ("should i keep the gifts", "ties"),
    ("i went to the gym today", "better"), ("i finally slept through the night", "better"),
    ("i miss him", "missing"), ("missing her tonight", "missing"), ("i miss us", "missing"),
    ("i miss her so much it physically hurts", "missing"),
    ("cant sleep", "sleep"), ("its 3am and im still awake", "sleep"),
    ("havent slept properly in days", "sleep"), ("woke up crying again", "sleep"),
    ("how do i stop thinking about him", "rumination"),
    ("i keep replaying our last conversation", "rumination"), ("hes all i think about", "rumination"),
    ("i feel so stupid", "self_worth"), ("what if i never find anyone else", "self_worth"),
    ("no one will ever love me like that", "self_worth"), ("whats wrong with me", "self_worth"),
    ("i saw him at the gym", "sighting"), ("she looked so happy without me", "sighting"),
    ("i ran into her at tescos", "sighting"),
    ("i went on a date today", "dating"), ("should i download hinge", "dating"),
    ("im back on tinder lol", "dating"), ("i kissed someone else last night", "dating"),
    ("he unfollowed me today", "social"), ("she blocked me everywhere", "social"),
    ("he posted a story with his friends", "social"), ("she changed her bio", "social"),
    ("i looked at her insta again", "checking"), ("i stalked his profile for an hour", "checking"),
    ("i kept checking her last seen", "checking"), ("i googled him", "checking"),
])
def test_topic(text: str, found: str) -> None:
    assert topic(text) == found


@pytest.mark.parametrize("text", [
    # someone else's day, a worse day, a better day that ended, or the ex's qualities
    "my mum is doing better", "i dont feel any better", "im not okay", "i had a good cry",
    "i was doing fine until i saw his story", "hes so good at everything",
    "i feel good but also sad",
    # a long message that opens with thanks is more than thanks
    "thanks but i still feel awful and i dont know how to get through tonight at all",
    "why is the sky blue", "", "🙂",
    # not about the breakup, or not a better day
    "how long does it take to get to london", "can i keep this in my journal",
    "my friends say im better off", "should i", "i lost my keys",
    # the new topics' look-alikes: someone else, a thing, a plain day
    "i miss my dog", "i had a date with my mum for lunch", "my sister cant sleep either",
    "i saw a movie", "i posted a photo of my cat", "i sleep fine", "the team looked happy",
    "i checked my email", "i looked at my photos",
])
def test_no_topic(text: str) -> None:
    assert topic(text) is None
