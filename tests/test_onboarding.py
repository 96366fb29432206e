"""Onboarding through the real application: answers stored, bad input refused, resume works."""

from __future__ import annotations

from datetime import date, time

from tests.harness import Harness


async def test_full_onboarding_with_typed_answers_is_stored(harness: Harness) -> None:
    sam = harness.user(42)
    replies = await sam.send("/start")
    text = sam.texts(replies)
    assert "not therapy" in text and "/export" in text and "/delete" in text
    assert await sam.state() == "onboard.name"
    await sam.send("Alex")
    await sam.tap("she")
    await sam.send("Jo")
    await sam.send("2026-02-14")
    await sam.send("UTC+2")
    replies = await sam.send("7pm")
    user = await harness.repo.get_user(42)
    assert user.onboarded and user.state is None
    assert (user.display_name, user.ex_pronoun, user.ex_nickname) == ("Alex", "she", "Jo")
    assert user.breakup_date == date(2026, 2, 14)
    assert user.timezone == "UTC+02:00" and user.checkin_time == time(19, 0)
    assert "19:00" in sam.texts(replies)
    # The SOS reply keyboard arrives with the summary.
    assert any(c.markup and "keyboard" in c.markup for c in replies)


async def test_skips_keep_sensible_defaults(harness: Harness) -> None:
    sam = harness.user(7)
    await sam.send("/start")
    for _ in range(6):
        buttons = sam.last_buttons()
        skip = [data for label, data in buttons if label == "Skip"]
        if skip:
            await sam.press(skip[0])
        else:  # the pronoun question has no skip: choose one
            await sam.tap("They")
    user = await harness.repo.get_user(7)
    assert user.onboarded
    assert user.display_name is None and user.name == "friend"
    assert user.timezone == harness.settings.default_timezone
    assert user.checkin_time == harness.settings.default_checkin_time


async def test_bad_answers_are_refused_kindly_and_change_nothing(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    replies = await sam.send("x" * 41)
    assert "between 1 and 40" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).display_name is None
    await sam.send("Alex")
    # (not "maybe": since round 9 that is "not sure", which any setup question takes as skip)
    replies = await sam.send("purple")
    assert "he, she or they" in sam.texts(replies)
    assert await sam.state() == "onboard.pronoun"
    await sam.tap("he")
    await sam.tap("Skip")
    for bad in ("tomorrow", "2030-01-01", "31.02.2026"):
        replies = await sam.send(bad)
        assert "couldn't read" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).breakup_date is None
    await sam.tap("Yesterday")
    replies = await sam.send("Narnia")
    assert "don't know that one" in sam.texts(replies)
    await sam.send("new york")
    replies = await sam.send("25:99")
    assert "21:30" in sam.texts(replies)
    user = await harness.repo.get_user(42)
    assert user.timezone == "America/New_York" and user.state == "onboard.checkin"


async def test_a_when_typed_at_the_nickname_question_is_no_nickname(harness: Harness) -> None:
    """Answering the next question early ("2 weeks ago" for the ex's name) is no name: a kind
    word that says so, the nickname still open, and an initial is welcome."""
    sam = harness.user(42)
    await sam.send("/start")
    await sam.send("Alex")
    await sam.tap("he")
    replies = await sam.send("2 weeks ago")
    assert "a when rather than a name" in sam.texts(replies)
    assert "ask when it ended in a moment" in sam.texts(replies)
    assert await sam.state() == "onboard.nickname"
    assert (await harness.repo.get_user(42)).ex_nickname is None
    await sam.send("J")
    assert (await harness.repo.get_user(42)).ex_nickname == "J"
    assert await sam.state() == "onboard.breakup"


async def test_pronoun_and_name_are_used_in_later_messages(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(name="Robin", pronoun="she")
    replies = await sam.tap("Go to step 1")
    await sam.tap("write it out")
    await sam.send("we never talked")
    replies = await sam.tap("That's all")
    text = sam.texts(replies)
    assert "how did she treat you" in text
    assert " he " not in f" {text} " and " they " not in f" {text} "


async def test_html_in_the_name_is_refused_and_names_are_escaped(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    replies = await sam.send("<b>Al</b> & <a href='x'>co")
    assert "reads like a sentence" in sam.texts(replies)  # a name is a name
    assert (await harness.repo.get_user(42)).display_name is None
    replies = await sam.send("Jo O'Brien")
    assert "Jo O&#39;Brien" in sam.texts(replies)  # kept as typed, escaped when shown
    assert harness.request.rejected == []


async def test_start_later_offers_to_resume_not_restart(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("/start")
    text = sam.texts(replies)
    assert "step 1 of 7" in text and "A few quick questions" not in text
    await sam.tap("Carry on")
    assert await sam.state() == "step1.begin"
    assert (await harness.repo.get_user(42)).display_name == "Sam"


async def test_onboarding_resumes_after_restart(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    await sam.send("Alex")
    await harness.restart()
    replies = await sam.tap("he")  # the button on the old message still works
    assert "name I can use" in sam.texts(replies)
    await sam.send("/start")
    assert await sam.state() == "onboard.nickname"
    user = await harness.repo.get_user(42)
    assert user.display_name == "Alex" and user.ex_pronoun == "he"


async def test_commands_wait_for_onboarding(harness: Harness) -> None:
    sam = harness.user(42)
    replies = await sam.send("/steps")
    assert "/start" in sam.texts(replies)
    replies = await sam.send("/help")
    assert "/steps" in sam.texts(replies)


async def test_command_menu_is_registered(harness: Harness) -> None:
    calls = [c for c in harness.request.calls if c.method == "setMyCommands"]
    assert calls
    names = {c["command"] for c in __import__("json").loads(calls[-1].params["commands"])} \
        if isinstance(calls[-1].params["commands"], str) else \
        {c["command"] for c in calls[-1].params["commands"]}
    assert {"start", "steps", "journal", "help", "cancel"} <= names


async def test_a_country_a_state_or_an_abbreviation_sets_the_zone_and_the_helpline_country(
        harness: Harness) -> None:
    """People answer "where are you?" with "uk", "texas" or "EST"; a country of several clocks
    ("usa") is asked again by name, for the city, and changes nothing."""
    sam = harness.user(42)
    await sam.send("/start")
    await sam.send("Sam")
    await sam.tap("he")
    await sam.tap("Skip")
    await sam.send("on the 14th")  # the clock says 2 March 2026: the latest 14th
    assert (await harness.repo.get_user(42)).breakup_date == date(2026, 2, 14)
    replies = await sam.send("usa")
    text = sam.texts(replies)
    assert "USA has more than one time zone" in text and "Which city" in text
    assert await sam.state() == "onboard.tz"
    assert (await harness.repo.get_user(42)).timezone == harness.settings.default_timezone
    replies = await sam.send("texas")
    assert "Texas (America/Chicago)" in sam.texts(replies)
    user = await harness.repo.get_user(42)
    assert user.timezone == "America/Chicago" and user.country == "US"
    replies = await sam.send("9 in the evening")
    assert (await harness.repo.get_user(42)).checkin_time == time(21, 0)

    jo = harness.user(43)
    await jo.send("/start")
    await jo.send("Jo")
    await jo.tap("she")
    await jo.tap("Skip")
    await jo.send("last summer")
    assert (await harness.repo.get_user(43)).breakup_date == date(2025, 7, 15)
    replies = await jo.send("i'm in the uk")
    assert "UK (Europe/London)" in jo.texts(replies)
    user = await harness.repo.get_user(43)
    assert (user.timezone, user.country) == ("Europe/London", "GB")


async def test_a_no_at_an_optional_name_question_is_its_skip(harness: Harness) -> None:
    """ "nope", "no nickname", "my ex is fine" answer "want to give her a name?": the question is
    skipped as by its button, nothing is stored, and no "that reads like a sentence". A real
    name that starts like a no ("Noah") is still a name."""
    for uid, (own, decline) in enumerate((("no thanks", "nope"), ("nah", "no nickname"),
                                          ("Sam", "my ex is fine"),
                                          ("Sam", "she doesn't have one lol")), start=50):
        sam = harness.user(uid)
        await sam.send("/start")
        replies = await sam.send(own)
        assert "Nice to meet you" in sam.texts(replies), own
        await sam.tap("she")
        replies = await sam.send(decline)
        assert "sentence" not in sam.texts(replies), decline
        assert await sam.state() == "onboard.breakup", decline
        user = await harness.repo.get_user(uid)
        assert user.ex_nickname is None, decline
        assert user.display_name == (None if own != "Sam" else "Sam"), own
    noah = harness.user(60)
    await noah.send("/start")
    await noah.send("Sam")
    await noah.tap("he")
    await noah.send("Noah")
    assert (await harness.repo.get_user(60)).ex_nickname == "Noah"
    replies = await harness.user(61).send("/start")
    assert replies
    await harness.user(61).send("i said no")
    assert await harness.user(61).state() == "onboard.pronoun"
