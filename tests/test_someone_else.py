"""Someone else in danger, through the real application: "my friend told me she wants to kill
herself" gets the worried friend's reply (the emergency number, the line that also helps people
worried about someone, asking them directly, looking after oneself), never the user's own crisis
reply, crisis mode or abuse path; nothing is stored and an open question is asked again; the
user's own crisis in the same message is still heard first."""

from tests.harness import Harness

WORRIED = "worried about someone else"  # the crisis line also talks with the worried
FRIENDS = "advises friends and family"  # the domestic-abuse line does too
OWN_CRISIS = "taking it seriously"  # the user's own crisis reply
OWN_ASK = "are you thinking about ending your life"  # the direct question to the user
OWN_ABUSE = "your fault"  # "none of it is your fault": the user's own abuse note


async def test_idle_someone_elses_crisis_gets_the_worried_friends_reply(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/London")
    for words in ("my friend told me she wants to kill herself",
                  "my best friend said he doesnt want to live anymore",
                  "my friend took a bunch of pills"):
        replies = await sam.send(words)
        text = sam.texts(replies)
        assert len(replies) <= 2, words  # not a wall
        assert "999 or 112" in text and "Samaritans" in text and WORRIED in text, words
        assert "Are you thinking about suicide?" in text and "look after yourself" in text, words
        assert OWN_CRISIS not in text and OWN_ASK not in text.lower(), words
        assert await sam.state() is None, words
    record = await harness.repo.safety_record(42)
    assert record is None or (record.crisis_count == 0 and record.crisis_until is None
                              and not record.hold)


async def test_someone_elses_abuse_gets_the_line_that_advises_friends(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/Berlin")
    replies = await sam.send("my friend is being hit by her boyfriend")
    text = sam.texts(replies)
    assert len(replies) == 1 and FRIENDS in text and "112" in text
    assert OWN_ABUSE not in text and "step 7" not in text
    record = await harness.repo.safety_record(42)
    assert record is None or not record.hold  # no safety path for the user


async def test_mid_question_nothing_is_stored_and_the_question_comes_again(
        harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/London")
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    assert await sam.state() == "step1.problems"
    for words in ("my sister's husband hits her and she wont leave him",  # would be stored as abuse
                  "minha irmã tomou um monte de comprimidos"):
        replies = await sam.send(words)
        text = sam.texts(replies)
        assert WORRIED in text or FRIENDS in text, words
        assert text.rstrip().endswith("Tap the button when you've written them all."), words
        assert await sam.state() == "step1.problems", words
    assert await harness.repo.answers(42, 1) == []
    record = await harness.repo.safety_record(42)
    assert record is None or (not record.hold and record.crisis_until is None)


async def test_the_ex_in_danger_is_concern_and_the_exs_threat_stays_abuse(
        harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/London")
    text = sam.texts(await sam.send("my ex texted me that he took pills"))
    assert WORRIED in text and "doesn't undo the distance" in text and OWN_CRISIS not in text
    text = sam.texts(await sam.send("he said he'd kill himself if I left"))
    assert OWN_ABUSE in text and WORRIED not in text


async def test_the_users_own_crisis_in_the_same_message_comes_first(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/London")
    text = sam.texts(await sam.send("my sister tried to kill herself and now i want to kill myself too"))
    assert OWN_CRISIS in text and WORRIED not in text
    assert (await harness.repo.safety_record(42)).crisis_until is not None  # crisis mode


async def test_me_too_makes_it_the_users_own(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/London")
    text = sam.texts(await sam.send("my friend wants to die and honestly so do i"))
    assert OWN_ASK in text.lower() and WORRIED not in text
