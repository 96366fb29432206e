"""Step 7 end to end: the lock, the readiness check next to step-1 answers, the checklist, the
openers and the review, the hand-over (the bot never sends to the ex) and both follow-ups."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.features.steps.step7_rules import CHECKLIST, follow_up_due
from bot.ui.keyboards import encode
from bot.ui.texts import environment, names_under
from tests.harness import ChatUser, Harness


async def _ready_for_step7(harness: Harness, days: int | None) -> None:
    sam = harness.user(42)
    await sam.onboard()
    for step in range(1, 7):
        await harness.repo.complete_step(42, step)
    await harness.repo.set_path(42, "reconnect")  # the article's path: "yes" in step 1
    today = harness.clock.now().date()
    await harness.repo.update_profile(
        42, no_contact_since=today - timedelta(days=days) if days is not None else None)


async def _open(harness: Harness):  # type: ignore[no-untyped-def]
    return await harness.user(42).press(encode("steps", "open", "7", owner=42))


async def _through_checklist(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.tap("Yes, I still do")
    for _ in CHECKLIST:
        await sam.tap("Yes, honestly")


async def _at_the_openers(harness: Harness, days: int) -> ChatUser:
    """Step 7 opened `days` into no contact and its checklist answered yes throughout: the
    openers to pick from are on screen."""
    await _ready_for_step7(harness, days=days)
    await _open(harness)
    await _through_checklist(harness)
    return harness.user(42)


async def test_locked_says_how_long_is_left(harness: Harness) -> None:
    await _ready_for_step7(harness, days=10)
    sam = harness.user(42)
    text = sam.texts(await _open(harness))
    assert "20 days to go" in text
    assert await sam.state() is None
    assert 7 not in await harness.repo.step_statuses(42)
    await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date()
                                      - timedelta(days=29))
    assert "1 day to go" in sam.texts(await _open(harness))


async def test_locked_before_no_contact_has_started(harness: Harness) -> None:
    await _ready_for_step7(harness, days=None)
    text = harness.user(42).texts(await _open(harness))
    assert "30 days of no contact" in text and "hasn't started yet" in text
    assert "to go" not in text


async def test_locked_until_earlier_steps_are_done(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date()
                                      - timedelta(days=90))
    assert "once step 6 is done" in sam.texts(await _open(harness))


async def test_unlocks_after_thirty_days_with_step1_answers(harness: Harness) -> None:
    await _ready_for_step7(harness, days=30)
    await harness.repo.add_answer(42, 1, "problem", "we argued about <everything>")
    await harness.repo.add_answer(42, 1, "safe", "No, I never felt secure")
    await harness.repo.add_answer(42, 1, "want_back", "yes")
    sam = harness.user(42)
    text = sam.texts(await _open(harness))
    assert "Step 7: One small text, much later" in text
    assert "nobody, me included, can make him come back" in text
    assert "we argued about &lt;everything&gt;" in text
    assert "<blockquote>No, I never felt secure</blockquote>\nDo you still want this?" in text
    assert "4 weeks" in text  # 30 days, worded as they were
    assert "do you still want him back?" in text
    assert await sam.state() == "step7.still_want"
    assert (await harness.repo.step_statuses(42))[7].status == "started"
    # Text where a tap is expected is answered kindly, nothing changes.
    await sam.send("hmm")
    assert await sam.state() == "step7.still_want"


async def test_checklist_then_opener_then_reply_yes(harness: Harness) -> None:
    await _ready_for_step7(harness, days=45)
    sam = harness.user(42)
    await _open(harness)
    replies = await sam.tap("Yes, I still do")
    assert "Would you be all right if he never answered at all?" in sam.texts(replies)
    for _ in CHECKLIST[1:]:
        await sam.tap("Yes, honestly")
    replies = await sam.tap("Yes, honestly")
    text = sam.texts(replies)
    assert "<b>6.</b> Happy birthday!" in text
    answers = {a.key: a.value for a in await harness.repo.answers(42, 7)}
    assert all(answers[f"check_{key}"] == "yes" for key in CHECKLIST)
    assert answers["still_want"] == "yes"

    replies = await sam.tap("6")
    assert "<code>Happy birthday! Hope it&#39;s a good one.</code>" in sam.texts(replies)
    assert "I won't send it" in sam.texts(replies)
    sent_at = harness.clock.now()
    await sam.tap("I've sent it")
    assert await sam.state() is None
    [row] = [r for r in await harness.repo.outbox_for(42, "step7.followup") if r.status == "pending"]
    due = datetime.strptime(row.due_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert timedelta(hours=48) <= due - sent_at <= timedelta(hours=72)

    harness.clock.set(due - timedelta(minutes=1))
    assert await harness.tick() == 0
    harness.clock.set(due)
    mark = len(harness.request.calls)
    assert await harness.tick() == 1
    assert "Did he answer?" in sam.texts(harness.request.calls[mark:])
    replies = await sam.tap("Yes, he answered")
    assert "slow matters most" in sam.texts(replies)
    assert (await harness.repo.step_statuses(42))[7].status == "done"
    assert "already settled" in sam.texts(await sam.tap("No answer"))
    # Everything the bot sent went to the user's own chat: nothing to anyone else.
    assert {c.chat_id for c in harness.request.calls if c.method == "sendMessage"} == {42}


async def test_no_reply_moves_on_and_restarts_no_contact(harness: Harness) -> None:
    sam = await _at_the_openers(harness, days=60)
    await sam.tap("1")
    await sam.tap("I've sent it")
    harness.clock.advance(hours=72)
    await harness.tick()
    replies = await sam.tap("No answer")
    text = sam.texts(replies)
    assert "doesn't undo a single day" in text and "second message" in text
    assert (await harness.repo.step_statuses(42))[7].status == "done"
    replies = await sam.tap("Start no contact again")
    assert "starts again, and today is day 0" in sam.texts(replies)
    user = await harness.repo.get_user(42)
    assert user.no_contact_since == user.today(harness.clock.now())
    again = await sam.tap("Start no contact again")  # a double tap: the toast only
    assert [c.params.get("text") for c in again] == ["Got that already ✓"]


async def test_own_message_is_reviewed(harness: Harness) -> None:
    sam = await _at_the_openers(harness, days=40)
    await sam.tap("write my own")
    assert await sam.state() == "step7.draft"
    replies = await sam.send("I miss you so much. I'm sorry. Please come back? Are you ok?")
    text = sam.texts(replies)
    for warning in ("sounds needy", "apologises", "come back or for another chance",
                    "several questions"):
        assert warning in text
    assert "Use it anyway" in [label for label, _ in sam.last_buttons()]
    replies = await sam.send("Hey, saw the new <b>bakery</b> opened. Hope you're well.")
    assert "This reads well" in sam.texts(replies)
    replies = await sam.tap("Use this one")
    assert "<code>Hey, saw the new &lt;b&gt;bakery&lt;/b&gt; opened." in sam.texts(replies)
    drafts = await harness.repo.answers(42, 7, "draft")
    assert len(drafts) == 2
    assert await harness.repo.latest_answer(42, 7, "message") == drafts[-1].value


async def test_review_warns_late_at_night(harness: Harness) -> None:
    sam = await _at_the_openers(harness, days=40)
    harness.clock.set(datetime(2026, 3, 2, 22, 30, tzinfo=UTC))  # 23:30 in Berlin
    replies = await sam.send("Hey, hope the new job is going well.")  # typed instead of a pick
    assert "It's late where you are" in sam.texts(replies)


async def test_a_checklist_no_means_not_yet(harness: Harness) -> None:
    await _ready_for_step7(harness, days=40)
    sam = harness.user(42)
    await _open(harness)
    await sam.tap("Yes, I still do")
    await sam.tap("Yes, honestly")
    replies = await sam.tap("Not yet")
    assert "now isn't the moment" in sam.texts(replies)
    assert await sam.state() is None
    assert await harness.repo.latest_answer(42, 7, "check_not_tonight") == "no"
    assert (await harness.repo.step_statuses(42))[7].status == "started"


async def test_not_wanting_them_back_turns_step7_into_a_goodbye(harness: Harness) -> None:
    await _ready_for_step7(harness, days=40)
    sam = harness.user(42)
    await _open(harness)
    replies = await sam.tap("No, I don't think I do")
    assert "what healing looks like" in sam.texts(replies)
    assert "goodbye of your own" in sam.texts(replies)
    assert [label for label, _ in sam.last_buttons()] == ["✍️ Write the letter", "Not now"]
    assert (await harness.repo.get_user(42)).path == "moving_on"
    assert await sam.state() == "step7.closure"
    assert (await harness.repo.step_statuses(42))[7].status == "started"


async def test_follow_up_due_is_48_to_72_hours_in_daytime() -> None:
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    for hour in range(24):
        sent = datetime(2026, 3, 2, hour, 15, tzinfo=berlin)
        due = follow_up_due(sent)
        assert timedelta(hours=48) <= due - sent <= timedelta(hours=72), hour
        assert 10 <= due.hour < 21


def test_no_false_promises_in_sos_and_step7_texts() -> None:
    promise = re.compile(
        r"(will|'ll|going to) (come|get .* back|miss you)|win (him|her|them|{{ ex\.them }}) back"
        r"|guarantee|promise you", re.IGNORECASE)
    for folder in ("sos", "step7"):
        for name in names_under(folder):
            source = environment().loader.get_source(environment(), name)[0]  # type: ignore[union-attr]
            assert not promise.search(source), name


async def test_unlock_days_come_from_settings(tmp_path: Path) -> None:
    harness = await Harness(tmp_path / "bot.sqlite3", step7_unlock_days=5).start()
    try:
        await _ready_for_step7(harness, days=3)
        sam = harness.user(42)
        assert "2 days to go" in sam.texts(await _open(harness))
        await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date()
                                          - timedelta(days=5))
        assert "Step 7: One small text" in sam.texts(await _open(harness))
    finally:
        await harness.stop()


async def test_follow_up_survives_a_restart(harness: Harness) -> None:
    sam = await _at_the_openers(harness, days=40)
    await sam.tap("3")
    await sam.tap("I've sent it")
    fresh = await harness.restart()
    try:
        fresh.clock.advance(hours=72)
        mark = len(fresh.request.calls)
        assert await fresh.tick() == 1
        assert "Did he answer?" in fresh.user(42).texts(fresh.request.calls[mark:])
    finally:
        await fresh.stop()
