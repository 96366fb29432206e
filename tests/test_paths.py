"""The plan's paths (issue 10) through the real application: chosen by step 1's answer (safety
wins), shown in /steps, changed in /settings (after an informed confirmation on the safety
path), step texts that follow the path, and step 7 on each path."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import aiosqlite
import pytest

from bot.storage import db
from bot.ui.keyboards import encode
from tests.harness import ChatUser, Harness
from tests.test_turns import WANT, onboarding, step1, steps_2_to_6
from tests.turns import Log, Walker

# Words that belong to the reconnect path only: how the ex sees the user, being missed.
RECONNECT_ONLY = ("shapes how he sees you", "can only miss you", "worth missing",
                  "your standing goes up", "Raise your standing", "One small text",
                  "test the water", "openers")


async def walk_to_step7(harness: Harness, path: str, user_id: int = 42) -> tuple[Walker, str]:
    """Onboarding and steps 1-6 on `path`, as a user would; returns the bot's words so far."""
    w = Walker(harness, user_id, Log())
    mark = len(harness.request.calls)
    await onboarding(w)
    await step1(w, path)
    await steps_2_to_6(w, path)
    return w, w.texts(harness.request.calls[mark:])


async def open7(user: ChatUser) -> str:
    return user.texts(await user.press(encode("steps", "open", "7", owner=user.id)))


@pytest.mark.parametrize(("choice", "path", "name"), [
    ("Yes, I still do", "reconnect", "trying again, slowly"),
    ("I'm not sure", "unsure", "getting clear"),
    ("No, I don't think so", "moving_on", "moving on"),
])
async def test_step1_answer_chooses_the_path_and_steps_shows_it(
        harness: Harness, choice: str, path: str, name: str) -> None:
    w = Walker(harness, 42, Log())
    await onboarding(w)
    text = w.texts(await w.send("/steps"))
    assert "Your path follows your answer at the end of step 1" in text
    assert (await harness.repo.get_user(42)).path_chosen is False
    await step1(w, path)
    user = await harness.repo.get_user(42)
    assert (user.path, user.path_chosen) == (path, True)
    assert f"Your path: <b>{name}</b>" in w.texts(await w.send("/steps"))
    assert f"Your path: {name}" in w.texts(await w.send("/settings"))


async def test_safety_wins_over_the_answer_and_over_the_repository(harness: Harness) -> None:
    w = Walker(harness, 42, Log())
    await onboarding(w)
    await step1(w, "safety")  # a "no" to feeling safe, then "Yes, I still do"
    user = await harness.repo.get_user(42)
    assert user.path == "safety"
    assert await harness.repo.latest_answer(42, 1, "want_back") == "yes"
    # No code path can store another path while the hold stands.
    assert await harness.repo.set_path(42, "reconnect") is False
    assert (await harness.repo.get_user(42)).path == "safety"


@pytest.mark.parametrize("path", ["moving_on", "safety"])
async def test_steps_2_to_6_speak_of_the_users_own_life(harness: Harness, path: str) -> None:
    _, text = await walk_to_step7(harness, path)
    for words in RECONNECT_ONLY:
        assert words not in text, words
    if path == "safety":
        # Steps 2, 3 and 4 keep the domestic-abuse line of the user's country in reach (Berlin:
        # the Hilfetelefon), and say it plainly.
        assert text.count("116 016") >= 4 and "not your fault" in text
        assert "Protect your peace" in text and "owe explanations" in text
        # Step 2's someone to call is someone safe, and the plan says when to call them.
        assert "one person you feel safe with" in text
        assert "if it gets too much, or you feel unsafe, call my sister Maya." in text
    else:
        assert "one person you could call when the pull gets strong?" in text
        assert "feel safe with" not in text and "call my sister Maya." in text


async def test_reconnect_words_stay_on_the_reconnect_path(harness: Harness) -> None:
    _, text = await walk_to_step7(harness, "reconnect")
    assert "shapes how he sees you" in text and "worth missing" in text


async def test_settings_changes_the_path_and_what_step7_is(harness: Harness) -> None:
    w, _ = await walk_to_step7(harness, "unsure")
    await w.send("/settings")
    replies = await w.tap("Your path")
    assert "Where do you stand now" in w.texts(replies)
    assert "✓ I'm not sure yet" in [label for label, _ in w.user.last_buttons()]
    replies = await w.tap("I'm moving on")
    assert "a goodbye of your own" in w.texts(replies)
    assert (await harness.repo.get_user(42)).path == "moving_on"
    assert "Closure" in await open7(w.user)
    # And back: the goodbye's open question is left, step 7 asks "do you still want...?" again.
    await w.send("/settings")
    await w.tap("Your path")
    await w.tap("I want him back")
    assert await w.state() is None
    assert "do you still want him back?" in await open7(w.user)


async def test_unsure_path_waits_and_asks_again_in_two_weeks(harness: Harness) -> None:
    w, _ = await walk_to_step7(harness, "unsure")
    text = await open7(w.user)
    assert "Decide, once you know" in text and "I know now: I want him back" in str(
        w.user.last_buttons())
    await w.tap("Still not sure")
    asked_at = harness.clock.now()
    replies = await w.tap("Ask me again in two weeks")
    assert "in two weeks" in w.texts(replies)
    [row] = await harness.repo.outbox_for(42, "step7.remind")  # an outbox row
    assert (row.status, row.due_at) == (
        "pending", (asked_at + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    harness.clock.advance(days=13)
    mark = len(harness.request.calls)
    await harness.tick()
    assert "has anything become clearer?" not in w.texts(harness.request.calls[mark:])
    harness.clock.advance(days=1, minutes=1)
    await harness.tick()
    assert "has anything become clearer?" in w.texts(harness.request.calls[mark:])
    assert [r.status for r in await harness.repo.outbox_for(42, "step7.remind")] == ["sent"]
    replies = await w.tap("I know now: I'm letting go")
    assert "goodbye of your own" in w.texts(replies)
    assert (await harness.repo.get_user(42)).path == "moving_on"


async def test_a_path_change_cancels_the_unsure_reminder(harness: Harness) -> None:
    w, _ = await walk_to_step7(harness, "unsure")
    await open7(w.user)
    await w.tap("Still not sure")
    await w.tap("Ask me again in two weeks")
    await w.send("/settings")
    await w.tap("Your path")
    await w.tap("I'm moving on")
    assert [r.status for r in await harness.repo.outbox_for(42, "step7.remind")] == ["cancelled"]
    harness.clock.advance(days=15)
    mark = len(harness.request.calls)
    await harness.tick()
    assert "has anything become clearer" not in w.texts(harness.request.calls[mark:])


async def test_moving_on_goodbye_without_openers_or_a_wait(harness: Harness) -> None:
    w, _ = await walk_to_step7(harness, "moving_on")
    # A start date of today: the goodbye needs no days of no contact.
    await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date())
    mark = len(harness.request.calls)
    assert "Step 7: Closure" in await open7(w.user)
    await w.tap("Write the letter")
    assert await w.state() == "step7.letter"
    replies = await w.tap("That's everything")
    assert "at least a line" in w.texts(replies)
    # Writing to the ex is the point here: this is a line of the letter, not an SOS.
    replies = await w.send("I want to text him so badly, but I won't.")
    assert "Kept (1)" in w.texts(replies) and await harness.repo.urges(42) == []
    # The crisis screen still reads every line first.
    replies = await w.send("I want to end my life")
    assert "taking it seriously" in w.texts(replies)
    assert len(await harness.repo.answers(42, 7, "letter")) == 1
    await w.tap("ready to carry on")
    await w.send("Goodbye, and thank you.")
    await w.tap("That's everything")
    await w.tap("Pack the reminders away")
    await w.tap("I've done it")
    replies = await w.tap("Skip this part")
    assert "That's step 7 done" in w.texts(replies)
    assert (await harness.repo.step_statuses(42))[7].status == "done"
    answers = {a.key: a.value for a in await harness.repo.answers(42, 7)}
    assert (answers["ritual"], answers["closure"]) == ("box", "done")
    text = w.texts(harness.request.calls[mark:])
    for words in ("opener", "Happy birthday", "I've sent it", "checklist", "test the water"):
        assert words not in text, words
    # Reopened: the goodbye is there to read again, with no text to send in sight.
    text = await open7(w.user)
    assert "Step 7 is done" in text
    replies = await w.tap("Read my letter")
    assert "I want to text him so badly, but I won&#39;t." in w.texts(replies)
    # An old reconnect button does nothing on this path.
    replies = await w.press(encode("s7", "go", owner=42), "an old checklist button")
    assert "already settled" in w.texts(replies)


async def test_safety_path_keeps_step7_closed_whatever_the_days(harness: Harness) -> None:
    w, text = await walk_to_step7(harness, "safety")
    assert "stays closed for you" in text  # said when step 6 is done, with no step-7 button
    assert "Go to step 7" not in str(w.user.last_buttons())
    await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date()
                                      - timedelta(days=400))
    replies = await w.user.press(encode("steps", "open", "7", owner=42))
    assert "not your fault" in w.texts(replies) and "116 016" in w.texts(replies)
    assert all(not c.buttons() for c in replies)  # no confirm-to-reconnect from the lock
    assert (await harness.repo.step_statuses(42)).get(7) is None
    # Keeping the safety path changes nothing; confirming only lifts the hold.
    await w.send("/settings")
    await w.tap("Your path")
    await w.tap("Keep the safety path")
    assert not (await harness.repo.safety_record(42)).step7_confirmed
    await w.send("/settings")
    await w.tap("Your path")
    await w.tap("I'm safe now")  # their own words and the line again, then the second tap
    await w.tap("I've read this")
    assert (await harness.repo.get_user(42)).path == "safety"
    assert "stays closed for you" in await open7(w.user)  # still the safety path
    await w.tap("I'm moving on")
    assert "Closure" in await open7(w.user)


async def test_old_databases_get_a_path_from_their_answers(tmp_path: Path) -> None:
    """Migration 0008 on a database of users who answered step 1 before paths existed."""
    older = tmp_path / "migrations"
    older.mkdir()
    for number, path in db.migrations():
        if number < 8:
            (older / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    conn = await aiosqlite.connect(str(tmp_path / "old.sqlite3"), isolation_level=None)
    try:
        assert await db.migrate(conn, older) == 7
        now = "2026-03-01T09:00:00Z"
        for user_id, want in ((1, "yes"), (2, "unsure"), (3, "no"), (4, "yes"), (5, None)):
            await conn.execute("INSERT INTO users (user_id, chat_id, created_at, updated_at)"
                               " VALUES (?, ?, ?, ?)", (user_id, user_id, now, now))
            if want:
                await conn.execute("INSERT INTO answers (user_id, step, key, value, created_at)"
                                   " VALUES (?, 1, 'want_back', ?, ?)", (user_id, want, now))
        await conn.execute("INSERT INTO safety (user_id, abuse_flag_at, created_at, updated_at)"
                           " VALUES (4, ?, ?, ?)", (now, now, now))
        assert await db.migrate(conn) >= 8
        rows = await conn.execute_fetchall("SELECT user_id, path FROM users ORDER BY user_id")
        assert [tuple(r) for r in rows] == [(1, "reconnect"), (2, "unsure"), (3, "moving_on"),
                                            (4, "safety"), (5, None)]
    finally:
        await conn.close()


def test_the_walks_cover_every_path() -> None:
    assert set(WANT) == {"reconnect", "unsure", "moving_on", "safety"}


async def test_the_reminder_waits_beside_another_open_question(harness: Harness) -> None:
    w, _ = await walk_to_step7(harness, "unsure")
    await open7(w.user)
    await w.tap("Still not sure")
    await w.tap("Ask me again in two weeks")
    await harness.repo.set_state(42, "step2.mantra")  # something else is being asked
    harness.clock.advance(days=15)
    await harness.tick()
    assert await w.state() == "step2.mantra"
    await w.tap("Still not sure")
    assert await w.state() == "step2.mantra"  # still open
    await w.tap("I know now: I'm letting go")
    assert (await harness.repo.get_user(42)).path == "moving_on"
