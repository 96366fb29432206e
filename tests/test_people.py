"""People through the real application: the trusted person (asked in step 2, kept in /settings,
named by the SOS "Talk to someone"), the ex's nickname in conversation, and the reply
keyboard's button following the pronoun (every pronoun's label still opens the SOS)."""

from __future__ import annotations

import pytest

from bot.core.pronouns import Ex
from bot.listening.people import parse_person
from bot.storage.people import TrustedPerson
from bot.ui.keyboards import main_menu
from tests.harness import ChatUser, Harness


@pytest.mark.parametrize(("text", "expected"), [
    ("Maya", ("Maya", None)),
    ("Maya, 0171 2345678", ("Maya", "0171 2345678")),
    ("my sister Maya @maya_k", ("my sister Maya", "@maya_k")),
    ("Tom (call after 6)", ("Tom", "call after 6")),
    ("Jo - jo@example.com", ("Jo", "jo@example.com")),
    ("Dad 555-1234", ("Dad", "555-1234")),
    ("Maya?", ("Maya", None)),  # a name takes no sentence punctuation: "call Maya." follows
    ("My brother Sam.", ("My brother Sam", None)),
    ("0171 2345", None),  # a number without a name
    ("@maya", None),
    ("I think probably my best friend from school Anna", None),  # a sentence, not a name
    ("   ", None),
])
def test_parse_person(text: str, expected: tuple[str, str | None] | None) -> None:
    assert parse_person(text) == expected


async def sos_to_talk(sam: ChatUser) -> str:
    await sam.send("/sos")
    await sam.tap("6")
    await sam.tap("Skip this")
    replies = await sam.tap("Talk to someone")
    assert len([c for c in replies if c.method == "sendMessage"]) <= 3
    return sam.texts(replies)


async def test_talk_to_someone_names_the_person_from_settings(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    assert "a friend, a sister or brother" in await sos_to_talk(sam)  # nobody named yet
    await sam.send("/settings")
    await sam.tap("Someone to call")
    replies = await sam.send("12345")  # no name in it: nothing changes
    assert "couldn't find a name" in sam.texts(replies)
    assert await harness.repo.trusted_person(42) is None
    replies = await sam.send("Maya <3, 0171 234567")
    assert "I'll suggest calling Maya &lt;3" in sam.texts(replies) and await sam.state() is None
    assert await harness.repo.trusted_person(42) == TrustedPerson("Maya <3", "0171 234567")
    talk = await sos_to_talk(sam)
    assert "Could you call Maya &lt;3 (0171 234567) right now?" in talk
    # "them" is the person to call in that sentence, so the ex is "your ex" there, not "him".
    assert "wanted to say to your ex out loud to them instead" in talk
    # The settings show them, and "no one for now" forgets them.
    assert "Someone to call: Maya &lt;3 (0171 234567)" in sam.texts(await sam.send("/settings"))
    await sam.tap("Someone to call")
    replies = await sam.tap("No one for now")
    assert "won't suggest anyone" in sam.texts(replies)
    assert await harness.repo.trusted_person(42) is None


async def test_step2_asks_once_and_not_again_when_someone_is_named(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.complete_step(42, 1)
    await harness.repo.set_trusted_person(42, "Sam's mum", None)
    await sam.send("/steps")
    await sam.tap("Step 2")
    await sam.tap("4")
    await sam.tap("This feeling will pass")
    replies = await sam.tap("Go for a walk")  # someone is named already: straight to the end
    text = sam.texts(replies)
    assert "one person you could call" not in text and "Step 2 done" in text
    assert "call Sam&#39;s mum" in text


async def test_nickname_in_conversation(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    await sam.send("Sam")
    await sam.tap("she")
    await sam.send("Jo")  # the nickname
    for answer in ("2 weeks ago", "Europe/Berlin", "20:00"):
        await sam.send(answer)
    text = sam.texts(await sam.send("/sos"))
    assert "you want to reach out to Jo." in text and "reach out to her" not in text
    await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date())
    await sam.send("/nocontact")
    text = sam.texts(await sam.tap("She contacted me"))
    assert "Jo got in touch." in text
    await sam.send("/checkin")
    assert "Did you contact Jo today?" in sam.texts(await sam.tap("3 okay"))


async def test_reply_keyboard_follows_the_pronoun_and_every_label_opens_sos(
        harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(pronoun="she")
    keyboard = next(c for c in harness.request.calls if (c.markup or {}).get("keyboard"))
    assert keyboard.markup["keyboard"] == [[{"text": "I want to text her"}]]
    # A new pronoun comes with the keyboard's new label.
    await sam.send("/settings")
    await sam.tap("Their pronoun")
    replies = await sam.tap("They")
    assert replies[-1].markup["keyboard"] == [[{"text": "I want to text them"}]]
    for pronoun in ("he", "she", "they"):  # old keyboards keep working
        label = main_menu(Ex(pronoun)).keyboard[0][0].text
        text = sam.texts(await sam.send(label))
        assert "you want to reach out to them." in text, label
