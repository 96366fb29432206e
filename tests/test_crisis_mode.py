"""Crisis care through the real app: the direct question of the possible tier, crisis mode
(caring replies, scheduled messages held back, the next-day follow-up, restart-safe), local
helplines from the zone, Telegram's language code or the user's own answer, and crisis words
in command arguments."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Update

from bot.features.safety.followup import KIND
from tests.checkin_helpers import checkins_sent, in_no_contact, run_until
from tests.harness import Harness

CRISIS = "taking it seriously"
ASKED = "are you thinking about ending your life"


async def test_possible_risk_is_asked_directly_and_no_goes_back_to_the_question(
        harness: Harness) -> None:
    sam = await harness.at_step1(tz="Europe/London")
    replies = await sam.send("honestly i just want it all to be over")
    text = sam.texts(replies)
    assert ASKED in text and "Samaritans" in text and "116 123" in text  # the line is there
    assert [label for label, _ in sam.last_buttons()] == ["Yes", "No", "I'm not sure"]
    assert await harness.repo.answers(42, 1) == []  # not stored as a problem
    replies = await sam.tap("No")
    text = sam.texts(replies)
    assert "Thank you for answering me honestly" in text
    assert "What were the problems between you" in text  # back where they were
    assert await sam.state() == "step1.problems"
    assert (await harness.repo.get_user(42)).crisis_until is None  # no crisis mode for a no
    await sam.send("we never laughed any more")
    assert len(await harness.repo.answers(42, 1, "problem")) == 1


async def test_typed_answers_to_the_direct_question(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    for answer, crisis in (("nope", False), ("idk", True), ("yes", True), ("not sure", True),
                           ("maybe", True)):
        await harness.repo.end_crisis_mode(42)
        await sam.send("I'm such a burden to everyone")
        assert await sam.state() == "safety.ask", answer
        replies = await sam.send(answer)
        assert (CRISIS in sam.texts(replies)) is crisis, answer
    replies = await sam.send("ok")  # crisis mode lasts: care, not the plan
    assert "ready to carry on" in sam.texts(replies) and "journal" not in sam.texts(replies)


async def test_crisis_mode_holds_checkins_and_follows_up_next_morning(harness: Harness) -> None:
    chat = await in_no_contact(harness, tz="Europe/Berlin", checkin="20:00")
    harness.clock.set(datetime(2026, 3, 2, 18, 0, tzinfo=UTC))  # 19:00 in Berlin
    replies = await chat.send("I wrote a goodbye note")
    assert CRISIS in chat.texts(replies)
    [followup] = await harness.repo.outbox_for(42, KIND)  # an outbox row, like every message
    assert (followup.status, followup.due_at) == ("pending", "2026-03-03T09:00:00Z")  # 10:00
    await run_until(harness, datetime(2026, 3, 2, 20, 0, tzinfo=UTC))
    assert checkins_sent(harness) == []  # held back while crisis mode lasts
    harness = await harness.restart()
    chat = harness.user(42)
    await run_until(harness, datetime(2026, 3, 3, 9, 15, tzinfo=UTC))
    follow = [c for c in harness.request.sent(42) if "thinking about you" in c.text]
    assert len(follow) == 1 and "TelefonSeelsorge" in follow[0].text
    replies = await chat.tap("ready to carry on")
    assert (await harness.repo.get_user(42)).crisis_until is None
    await run_until(harness, datetime(2026, 3, 3, 19, 15, tzinfo=UTC))
    assert len(checkins_sent(harness)) == 1  # the plan is back
    await harness.stop()


async def test_crisis_mode_ends_by_itself_after_a_day(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await sam.send("i'm going to kill myself")
    harness.clock.advance(hours=25)
    replies = await sam.send("had a strange day")
    assert "Keep it in my journal" in str([c.buttons() for c in replies])  # the companion again


async def test_the_country_is_asked_when_the_zone_names_none(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="UTC")
    replies = await sam.send("I want to kill myself")
    assert "which country" in sam.texts(replies)
    replies = await sam.send("I'm in the UK")
    text = sam.texts(replies)
    assert "Samaritans" in text and "116 123" in text and "999 or 112" in text
    assert (await harness.repo.get_user(42)).country == "GB"
    other = harness.user(43)
    await other.onboard(tz="UTC")
    await other.send("I want to kill myself")
    replies = await other.tap("Canada")
    assert "988" in other.texts(replies)
    assert (await harness.repo.get_user(43)).country == "CA"


def _update_with_language(harness: Harness, user_id: int, text: str, code: str) -> Update:
    message = harness.updates.message_dict(user_id, text)
    message["from"]["language_code"] = code
    return Update.de_json({"update_id": user_id * 1000 + len(text), "message": message},
                          harness.app.bot)


async def test_telegram_language_code_picks_the_country_when_the_zone_does_not(
        harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="UTC")
    replies = await sam.process(_update_with_language(harness, 42, "quero morrer", "pt-BR"))
    assert (await harness.repo.get_user(42)).language_code == "pt-BR"
    assert "CVV" in sam.texts(replies) and "188" in sam.texts(replies)


async def test_an_offset_and_a_typed_city_name_the_country(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="UTC+05:30")
    text = sam.texts(await sam.send("i want to end my life"))
    assert "Tele-MANAS" in text and "14416" in text
    manchester = harness.user(43)
    await manchester.onboard(tz="Manchester")
    user = await harness.repo.get_user(43)
    assert (user.timezone, user.country) == ("Europe/London", "GB")


async def test_crisis_words_after_a_command_are_answered_first(harness: Harness) -> None:
    sam = harness.user(42)
    replies = await sam.send("/start kms")
    assert CRISIS in sam.texts(replies) and "What should I call you" not in sam.texts(replies)
    await sam.tap("ready to carry on")
    await sam.onboard()
    replies = await sam.send("/sos i want to die")
    assert CRISIS in sam.texts(replies)
    assert await harness.repo.urges(42) == []  # the SOS did not start over it
    await sam.tap("ready to carry on")
    replies = await sam.send("/sos\nhe said he'd kill me if i left")  # words on the next line
    assert "your fault" in sam.texts(replies)


async def test_over_long_text_is_heard_but_not_stored(harness: Harness) -> None:
    sam = await harness.at_step1()
    long = "he left and " * 500 + "i took all my pills"
    replies = await sam.send(long)
    assert CRISIS in sam.texts(replies)
    assert await harness.repo.answers(42, 1) == []


async def test_scheduled_prompts_are_held_back_while_crisis_mode_lasts(harness: Harness) -> None:
    """The delivery hold rules (bot/delivery/hold.py): the SOS 15-minute check-back is not sent
    in crisis mode, nor a day later ("fifteen minutes are up" would make no sense then); it is
    recorded as skipped for the crisis. Only the crisis follow-up goes."""
    sam = harness.user(42)
    await sam.onboard()
    await sam.send("I really want to text him")  # the SOS flow: tap "wait 15 minutes"
    await sam.tap("5")
    await sam.tap("Skip this")
    await sam.tap("Wait 15 minutes")
    await sam.send("i want to die")
    harness.clock.advance(minutes=20)
    await harness.tick()
    assert not [c for c in harness.request.sent(42) if "Fifteen minutes are up" in c.text]
    [row] = await harness.repo.outbox_for(42, "sos.wait")
    assert (row.status, row.reason) == ("skipped", "crisis")
    harness.clock.advance(hours=24)
    await harness.tick()
    assert not [c for c in harness.request.sent(42) if "Fifteen minutes are up" in c.text]
    assert [c for c in harness.request.sent(42) if "thinking about you" in c.text]
