"""Steps 2-6 through the real application: guidance, exercises, stored answers, toggles,
reviews of finished steps, stale buttons and typed text where a tap was expected."""

from __future__ import annotations

from datetime import date

from bot.devtools.standin import Call
from bot.storage.people import TrustedPerson
from bot.ui.keyboards import encode
from tests.harness import ChatUser, Harness

HOSTILE = "<b>x</b> & <a href='y'>"
ESCAPED = "&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href=&#39;y&#39;&gt;"
TODAY = date(2026, 3, 2)  # the harness clock's date in Europe/Berlin


async def ready_for(harness: Harness, step: int, user_id: int = 42, path: str = "reconnect",
                    **onboard: str) -> ChatUser:
    """An onboarded user on `path` (the article's by default) with every step before `step`
    marked done, the step opened via /steps."""
    user = harness.user(user_id)
    await user.onboard(**onboard)
    await harness.repo.set_path(user_id, path)
    for earlier in range(1, step):
        await harness.repo.complete_step(user_id, earlier)
    await user.send("/steps")
    return user


async def latest(harness: Harness, step: int, user_id: int = 42) -> dict[str, str]:
    return {a.key: a.value for a in await harness.repo.answers(user_id, step)}


def edits(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "editMessageText"]


def labels(call: Call) -> list[str]:
    return [label for label, _ in call.buttons()]


async def test_step2_pull_mantra_instead(harness: Harness) -> None:
    sam = await ready_for(harness, 2)
    replies = await sam.tap("Step 2")
    text = sam.texts(replies)
    assert "Step 2" in text and "physical pain" in text and "emergency" in text
    # Short: two messages of guidance (the rest behind "Tell me more"), then the question.
    assert len([c for c in replies if c.method == "sendMessage"]) == 3
    assert "Tell me more" in labels(replies[-2])
    replies = await sam.tap("Tell me more")
    assert "Dopamine and serotonin" in sam.texts(replies) and len(replies) == 3
    assert await sam.state() == "step2.pull" and "10" in labels(replies[-1])  # asked again
    assert await sam.state() == "step2.pull"
    replies = await sam.send("a lot, honestly")  # no number a tap could stand for
    assert "Tap one of these" in sam.texts(replies)
    assert await sam.state() == "step2.pull" and not await latest(harness, 2)
    replies = await sam.tap("9")
    assert "strong pull" in sam.texts(replies) and "this feeling will pass" in sam.texts(replies)
    assert (await latest(harness, 2))["pull"] == "9"
    replies = await sam.send("It won't last, I'll get through it")
    assert "It won&#39;t last" in sam.texts(replies) and "instead" in sam.texts(replies)
    assert (await latest(harness, 2))["mantra"] == "It won't last, I'll get through it"
    replies = await sam.tap("Go for a walk")
    assert "one person you could call" in sam.texts(replies)
    assert [c.method for c in replies] == ["answerCallbackQuery", "sendMessage"]
    assert await sam.state() == "step2.person"
    replies = await sam.tap("Skip")
    text = sam.texts(replies)
    assert "Go for a walk" in text and "Step 2 done" in text and "call" not in text
    assert (await latest(harness, 2))["instead"] == "Go for a walk"
    assert (await harness.repo.step_statuses(42))[2].status == "done"
    assert await sam.state() is None
    assert "Go to step 3" in labels(replies[-1])


async def test_step2_typed_rating_and_mantra_button(harness: Harness) -> None:
    sam = await ready_for(harness, 2)
    await sam.tap("Step 2")
    replies = await sam.send("3")
    assert "quieter" in sam.texts(replies)
    await sam.tap("This feeling will pass")
    assert (await latest(harness, 2))["mantra"] == "This feeling will pass."
    await sam.send(HOSTILE)
    assert (await latest(harness, 2))["instead"] == HOSTILE
    replies = await sam.send("My sister Maya, 0171 234567")
    assert ESCAPED in sam.texts(replies) and HOSTILE not in sam.texts(replies)
    assert "call My sister Maya (0171 234567)" in sam.texts(replies) and len(replies) == 3
    assert await harness.repo.trusted_person(42) == TrustedPerson("My sister Maya", "0171 234567")


async def test_step3_toggles_commitment_and_own_words(harness: Harness) -> None:
    sam = await ready_for(harness, 3)
    replies = await sam.tap("Step 3")
    assert "dignity" in sam.texts(replies).lower() and await sam.state() == "step3.pledges"
    assert "⬜ No pleading or begging" in labels(replies[-1])
    replies = await sam.tap("No pleading")
    (edit,) = edits(replies)
    assert "✅ No pleading or begging" in labels(edit) and "⬜ No angry scenes" in labels(edit)
    replies = await sam.tap("No angry scenes")
    assert "✅ No angry scenes" in labels(edits(replies)[0])
    replies = await sam.tap("No pleading")  # untick
    assert "⬜ No pleading or begging" in labels(edits(replies)[0])
    assert (await harness.repo.get_user(42)).state_data == {"picked": ["anger"]}
    replies = await sam.send("I promise")  # text where a tap was expected
    assert "tap one of the buttons" in sam.texts(replies)
    assert await sam.state() == "step3.pledges" and not await latest(harness, 3)
    await sam.tap("No floods of texts")
    replies = await sam.tap("That's my commitment")
    assert "own words" in sam.texts(replies)
    assert (await latest(harness, 3))["pledges"] == "anger,texts"
    replies = await sam.send(HOSTILE)
    text = sam.texts(replies)
    assert ESCAPED in text and "No angry scenes" in text and "No floods of texts" in text
    assert "No pleading" not in text and "Step 3 done" in text
    assert (await latest(harness, 3))["own"] == HOSTILE


async def test_step3_needs_a_pledge_then_all_and_skip(harness: Harness) -> None:
    sam = await ready_for(harness, 3)
    await sam.tap("Step 3")
    replies = await sam.tap("That's my commitment")
    assert "at least one" in sam.texts(replies) and not await latest(harness, 3)
    await sam.tap("I promise all")
    assert (await latest(harness, 3))["pledges"] == "plead,anger,calls,texts"
    replies = await sam.tap("Skip")
    assert "No tearful calls" in sam.texts(replies) and "In your words" not in sam.texts(replies)
    assert (await harness.repo.step_statuses(42))[3].status == "done"


async def test_step4_checklist_and_backdated_start(harness: Harness) -> None:
    sam = await ready_for(harness, 4)
    replies = await sam.tap("Step 4")
    text = sam.texts(replies)
    assert "hooked on" in text and "every day" in text
    assert "⬜ Stop messaging him" in labels(replies[-1])
    replies = await sam.tap("I'm in")
    assert "at least one" in sam.texts(replies)
    for item in ("Stop messaging", "Mute or remove", "No calls"):
        replies = await sam.tap(item)
    assert labels(edits(replies)[0])[:4] == [
        "✅ Stop messaging him", "✅ Mute or remove him on social media", "✅ No calls",
        "⬜ No meeting up"]
    replies = await sam.tap("I'm in")
    assert "No meeting up" in sam.texts(replies) and "When did your no contact start" in \
        sam.texts(replies)
    assert (await latest(harness, 4))["checklist"] == "msg,social,calls"
    assert any("breakup day" in label for label in labels(replies[-1]))
    replies = await sam.send("next thursday")
    assert "couldn't read that" in sam.texts(replies)
    replies = await sam.send("2026-03-05")  # the future does not count
    assert "couldn't read that" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).no_contact_since is None
    replies = await sam.send("3 days ago")
    text = sam.texts(replies)
    assert "27 February 2026" in text and "today is day 3" in text and "20:00" in text
    assert (await harness.repo.get_user(42)).no_contact_since == date(2026, 2, 27)
    assert (await latest(harness, 4))["since"] == "2026-02-27"
    assert (await harness.repo.step_statuses(42))[4].status == "done"


async def test_step4_buttons_for_start_date(harness: Harness) -> None:
    sam = await ready_for(harness, 4)
    await sam.tap("Step 4")
    await sam.tap("No meeting up")
    await sam.tap("I'm in")
    replies = await sam.tap("breakup day")
    assert (await harness.repo.get_user(42)).no_contact_since == date(2026, 2, 16)
    assert "today is day 14" in sam.texts(replies)
    # Redo from the review: the old date is offered to keep; "today" moves it.
    await sam.send("/steps")
    replies = await sam.tap("Step 4")
    assert "16 February 2026" in sam.texts(replies) and "No meeting up" in sam.texts(replies)
    await sam.tap("Go through step 4 again")
    await sam.tap("Stop messaging")
    replies = await sam.tap("I'm in")
    assert "Keep 16 Feb" in labels(replies[-1])
    replies = await sam.tap("Today")
    assert "today is day 0" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).no_contact_since == TODAY
    assert [a.value for a in await harness.repo.answers(42, 4, "since")] == ["2026-03-02"]
    assert [a.value for a in await harness.repo.answers(42, 4, "checklist")] == ["msg"]


async def test_step5_pick_own_and_commit(harness: Harness) -> None:
    sam = await ready_for(harness, 5)
    replies = await sam.tap("Step 5")
    assert "professional" in sam.texts(replies) and await sam.state() == "step5.pick"
    await sam.tap("Talk to friends")
    await sam.tap("Exercise")
    replies = await sam.tap("Take a course")
    assert [lb for lb in labels(edits(replies)[0]) if lb.startswith("✅")] == [
        "✅ Talk to friends", "✅ Exercise", "✅ Take a course"]
    replies = await sam.send("friends")  # text where a tap was expected
    assert "tap one of the buttons" in sam.texts(replies) and await sam.state() == "step5.pick"
    await sam.tap("That's my list")
    assert (await latest(harness, 5))["activities"] == "friends,exercise,course"
    replies = await sam.send(HOSTILE)
    assert await sam.state() == "step5.commit"
    assert labels(replies[-1])[:4] == [
        "⬜ Talk to friends", "⬜ Exercise", "⬜ Take a course", f"⬜ {HOSTILE}"]
    replies = await sam.tap("I commit")
    assert "at least one" in sam.texts(replies)
    await sam.tap("Exercise")
    await sam.tap(HOSTILE)
    replies = await sam.tap("I commit")
    text = sam.texts(replies)
    assert "Exercise" in text and ESCAPED in text and "Take a course" not in text
    assert "Step 5 done" in text
    stored = await latest(harness, 5)
    assert stored["own"] == HOSTILE and stored["commit"] == "exercise,own"


async def test_step6_private_plans_and_redo(harness: Harness) -> None:
    sam = await ready_for(harness, 6, pronoun="she")
    replies = await sam.tap("Step 6")
    assert "Let her see you moving on" in sam.texts(replies)
    replies = await sam.send("hmm")
    assert "Tap one of these" in sam.texts(replies)
    await sam.tap("keep it private")
    replies = await sam.tap("That's my week")
    assert "at least one plan" in sam.texts(replies)
    await sam.send("Thursday: climbing with Jo")
    replies = await sam.tap("See a friend")
    assert "Added (2)" in sam.texts(replies)
    replies = await sam.send(HOSTILE)
    assert ESCAPED in sam.texts(replies)
    replies = await sam.tap("That's my week")
    assert "Thursday: climbing with Jo" in sam.texts(replies) and "See a friend" in \
        sam.texts(replies)
    plans = [a.value for a in await harness.repo.answers(42, 6, "plan")]
    assert plans == ["Thursday: climbing with Jo", "See a friend", HOSTILE]
    assert (await latest(harness, 6))["private"] == "yes"
    # Reopening shows the week, and a redo replaces the plans instead of piling them up.
    await sam.send("/steps")
    replies = await sam.tap("Step 6")
    assert "climbing with Jo" in sam.texts(replies) and "keeping it private" in sam.texts(replies)
    await sam.tap("Go through step 6 again")
    await sam.tap("I'll try")
    await sam.send("Saturday: the lake")
    await sam.tap("That's my week")
    assert [a.value for a in await harness.repo.answers(42, 6, "plan")] == ["Saturday: the lake"]
    assert [a.value for a in await harness.repo.answers(42, 6, "private")] == ["try"]


async def test_whole_journey_2_to_6_by_next_step_buttons(harness: Harness) -> None:
    sam = await ready_for(harness, 2)
    await sam.tap("Step 2")
    await sam.tap("5")
    await sam.tap("This feeling will pass")
    await sam.tap("Breathe")
    await sam.tap("Skip")
    await sam.tap("Go to step 3")
    await sam.tap("I promise all")
    await sam.tap("Skip")
    await sam.tap("Go to step 4")
    await sam.tap("No calls")
    await sam.tap("I'm in")
    await sam.tap("Yesterday")
    await sam.tap("No morning items")  # the daily programme's question, once no contact starts
    await sam.tap("Go to step 5")
    await sam.tap("Look after myself")
    await sam.tap("That's my list")
    await sam.send("Pottery")
    await sam.tap("Pottery")
    await sam.tap("I commit")
    await sam.tap("Go to step 6")
    await sam.tap("keep it private")
    await sam.tap("Go somewhere new")
    replies = await sam.tap("That's my week")
    assert "Step 6 done" in sam.texts(replies)
    statuses = await harness.repo.step_statuses(42)
    assert all(statuses[n].status == "done" for n in range(1, 7))
    assert (await harness.repo.get_user(42)).no_contact_since == date(2026, 3, 1)
    replies = await sam.send("/steps")
    text = sam.texts(replies)
    assert all(f"✅ {n}." in text for n in range(1, 7)) and "🔒 7." in text


async def test_stale_buttons_change_nothing(harness: Harness) -> None:
    sam = await ready_for(harness, 3)
    await sam.tap("Step 3")
    early = encode("s4", "since", "today", owner=42)
    replies = await sam.press(early)  # a step-4 button while step 3 waits
    assert "already settled" in sam.texts(replies)
    await sam.tap("I promise all")
    replies = await sam.press(encode("s3", "toggle", "plead", owner=42))  # the old checklist
    assert "already settled" in sam.texts(replies) and await sam.state() == "step3.own"
    replies = await sam.press(encode("s3", "toggle", "nonsense", owner=42))
    assert "already settled" in sam.texts(replies)
    assert (await latest(harness, 3))["pledges"] == "plead,anger,calls,texts"
    assert (await harness.repo.get_user(42)).no_contact_since is None


async def test_reopening_a_done_step_shows_the_review_then_redo_replaces(harness: Harness) -> None:
    sam = await ready_for(harness, 3)
    await sam.tap("Step 3")
    await sam.tap("No angry scenes")
    await sam.tap("That's my commitment")
    await sam.send("I walk away calmly")
    await sam.send("/steps")
    replies = await sam.tap("Step 3")
    text = sam.texts(replies)
    assert "Step 3 is done" in text and "No angry scenes" in text and "I walk away calmly" in text
    assert await sam.state() is None
    assert labels(replies[-1]) == ["Go through step 3 again", "On to step 4"]
    replies = await sam.tap("Go through step 3 again")
    assert "⬜ No angry scenes" in labels(replies[-1])  # a fresh checklist
    await sam.tap("No tearful calls")
    await sam.tap("That's my commitment")
    await sam.tap("Skip")
    answers = await harness.repo.answers(42, 3)
    assert [(a.key, a.value) for a in answers] == [("pledges", "calls"), ("own", "")]
    replies = await sam.tap("On to step 4")  # the old review's button still works
    assert "Step 4: Cut contact" in sam.texts(replies)


async def test_steps_overview_shows_progress_and_pronoun(harness: Harness) -> None:
    sam = await ready_for(harness, 3, pronoun="she")
    await sam.tap("Step 3")
    replies = await sam.send("/steps")
    text = sam.texts(replies)
    assert "✅ 1." in text and "✅ 2." in text and "▶️ 3." in text and "🔒 4." in text
    assert "Let her see you moving on" in text and "One small text to her" in text
    assert labels(replies[-1]) == ["✓ Step 1", "✓ Step 2", "Step 3"]
    they = await ready_for(harness, 2, user_id=7, pronoun="they")
    replies = await they.send("/steps")
    assert "Let them see you moving on" in they.texts(replies)


async def test_a_typed_thats_all_ends_a_list_and_is_never_an_item(harness: Harness) -> None:
    """ "idk what else" while writing step 1's problems, or "ok that's it for now" at step 6's
    plans, is the list's Done button: nothing stored for it, the next question asked. With
    nothing written yet it asks for one first. An item that starts like it ("nothing he did
    was enough") is an item."""
    sam = await harness.at_step1()
    replies = await sam.send("that's all")
    assert "Write at least one thing" in sam.texts(replies)
    await sam.send("nothing he did was ever enough for her")
    replies = await sam.send("idk what else tbh")
    assert await sam.state() == "step1.treated"
    assert [a.value for a in await harness.repo.answers(42, 1, "problem")] == [
        "nothing he did was ever enough for her"]
    lea = await ready_for(harness, 6, user_id=43, pronoun="she")
    await lea.tap("Step 6")
    await lea.tap("keep it private")
    await lea.send("Thursday: climbing with Jo")
    replies = await lea.send("ok that's it for now")
    assert "Thursday: climbing with Jo" in lea.texts(replies)
    assert [a.value for a in await harness.repo.answers(43, 6, "plan")] == [
        "Thursday: climbing with Jo"]
    assert await lea.state() is None
