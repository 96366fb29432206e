"""Small things through the real application: a double tap gets the button's toast and nothing
else, chosen options are marked, typed lists take each item once, and a quoted answer that ends
its own sentence gets no second full stop."""

from __future__ import annotations

import re
from datetime import date

from bot.devtools.standin import Call, StandInRequest
from bot.storage.outbox import OutboxRow
from tests.harness import ChatUser, Harness
from tests.turns import text_problems

TOAST = [("answerCallbackQuery", "Got that already ✓")]
# A user's sentence-ending punctuation followed by the template's own full stop.
DOUBLED = re.compile(r"[.!?…](?:”|\"|&quot;|</i>|</b>)+\.")


def newest_button(sam: ChatUser, label_part: str) -> tuple[int, str]:
    """(message id, callback data) of the newest button whose label contains `label_part`."""
    for call in reversed(sam.h.request.calls):
        if call.chat_id == sam.id and call.method in StandInRequest.SENDS:
            for label, data in call.buttons():
                if data and label_part.lower() in label.lower():
                    assert call.message_id is not None
                    return call.message_id, data
    raise AssertionError(f"no button {label_part!r}")


async def double_tap(sam: ChatUser, label_part: str) -> tuple[list[Call], list[Call]]:
    """Presses the same button on the same message twice, as a quick double tap does."""
    message_id, data = newest_button(sam, label_part)
    first = await sam.press(data, message_id=message_id)
    second = await sam.press(data, message_id=message_id)
    return first, second


def toast_only(calls: list[Call]) -> bool:
    return [(c.method, c.params.get("text")) for c in calls] == TOAST


async def pending(harness: Harness, kind: str, user_id: int = 42) -> list[OutboxRow]:
    """The user's outbox rows of `kind` still to go (every scheduled message is one)."""
    return [r for r in await harness.repo.outbox_for(user_id, kind) if r.status == "pending"]


async def test_double_taps_get_a_toast_and_change_nothing(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    await sam.send("Sam")
    first, second = await double_tap(sam, "He")  # onboarding
    assert "give him a name" in sam.texts(first) and toast_only(second)
    assert await sam.state() == "onboard.nickname"
    for answer in ("Jo", "2 weeks ago", "Europe/Berlin", "20:00"):
        await sam.send(answer)
    _, second = await double_tap(sam, "Go to step 1")  # steps: open
    assert toast_only(second)
    first, second = await double_tap(sam, "write it out")  # step 1: begin
    assert toast_only(second) and await sam.state() == "step1.problems"
    await sam.send("He lied")
    await sam.tap("all for now")
    for answer in ("Badly", "No", "No"):
        await sam.send(answer)
    first, second = await double_tap(sam, "not sure")  # step 1: the last answer
    assert "Step 1 done" in sam.texts(first) and toast_only(second)
    # SOS: the intensity and "wait with me" (one timer, not two).
    await sam.send("/sos")
    _, second = await double_tap(sam, "7")
    assert toast_only(second)
    await sam.tap("Skip this")
    _, second = await double_tap(sam, "Wait 15")
    assert toast_only(second) and len(await pending(harness, "sos.wait")) == 1
    # No contact: one slip, whatever the thumb does.
    await harness.repo.update_profile(42, no_contact_since=date(2026, 2, 20))
    await sam.send("/nocontact")
    _, second = await double_tap(sam, "I contacted")
    assert toast_only(second) and len(await harness.repo.slips(42)) == 1
    await sam.tap("Skip")
    # Check-ins: the mood.
    await sam.send("/checkin")
    _, second = await double_tap(sam, "3 okay")
    assert toast_only(second)
    # Privacy and the journal.
    await sam.send("/delete")
    _, second = await double_tap(sam, "keep it")
    assert toast_only(second)


async def test_menu_buttons_work_again_but_not_twice_in_a_moment(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await sam.send("/settings")
    first, second = await double_tap(sam, "Their pronoun")
    assert "Which pronoun" in sam.texts(first) and toast_only(second)
    await sam.send("/cancel")
    harness.clock.advance(seconds=30)  # the same menu, pressed again later: it works
    message_id, data = newest_button(sam, "Their pronoun")
    assert "Which pronoun" in sam.texts(await sam.press(data, message_id=message_id))


async def test_checklist_boxes_flip_on_every_press(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    for step in (1, 2):
        await harness.repo.complete_step(42, step)
    await sam.send("/steps")
    await sam.tap("Step 3")
    first, second = await double_tap(sam, "No angry scenes")
    edits = [c for c in first + second if c.method == "editMessageText"]
    assert len(edits) == 2  # ticked, then unticked
    assert (await harness.repo.get_user(42)).state_data == {"picked": []}


async def test_settings_mark_the_current_choice(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(pronoun="she", tz="Europe/London", checkin="21:00")
    await sam.send("/settings")
    for setting, current in (("Their pronoun", "✓ She"), ("Time zone", "✓ Europe/London"),
                             ("Check-in time", "✓ 21:00"), ("Weekly summary day", "✓ Sunday")):
        await sam.send("/settings")
        replies = await sam.tap(setting)
        labels = [label for label, _ in replies[-1].buttons()]
        assert [label for label in labels if label.startswith("✓")] == [current], setting
    await sam.tap("Monday")
    await sam.send("/settings")
    replies = await sam.tap("Weekly summary day")
    assert "✓ Monday" in [label for label, _ in replies[-1].buttons()]


async def test_typed_lists_take_each_item_once(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    # Step 1: the same problem twice, differently spaced and cased.
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    await sam.send("He never listened")
    replies = await sam.send("  he never   LISTENED. ")
    assert "already" in sam.texts(replies) and len(replies) == 1
    assert len(await harness.repo.answers(42, 1, "problem")) == 1
    # Step 5: an own activity that is one of the ticked ones.
    for step in (1, 2, 3, 4):
        await harness.repo.complete_step(42, step)
    await sam.send("/cancel")
    await sam.send("/steps")
    await sam.tap("Step 5")
    await sam.tap("Exercise")
    await sam.tap("That's my list")
    replies = await sam.send("exercise")
    assert "already" in sam.texts(replies) and await sam.state() == "step5.own"
    await sam.send("Pottery")
    assert await sam.state() == "step5.commit"
    # Step 6: the same plan twenty times is one plan.
    await harness.repo.complete_step(42, 5)
    await sam.send("/cancel")
    await sam.send("/steps")
    await sam.tap("Step 6")
    await sam.tap("keep it private")
    await sam.send("Dinner with Ana on Friday")
    for _ in range(3):
        replies = await sam.send("dinner with ana on friday.")
        assert "on your plan already" in sam.texts(replies)
    assert [a.value for a in await harness.repo.answers(42, 6, "plan")] == [
        "Dinner with Ana on Friday"]


async def test_no_doubled_full_stop_after_a_quoted_answer(harness: Harness) -> None:
    """Every reply that quotes the user's words back, each fed words that end their own
    sentence: the words stand on a line of their own, and no template full stop follows."""
    sam = await harness.at_step1()
    await sam.send("He never listened.")
    replies = await sam.send("he never listened")  # step 1: on the list already
    assert "already:\n<i>He never listened.</i>\nWrite the next one" in sam.texts(replies)
    await sam.tap("all for now")
    for answer in ("Badly", "No", "No"):
        await sam.send(answer)
    await sam.tap("not sure")
    await sam.tap("Go to step 2")
    await sam.tap("5")
    replies = await sam.tap("This feeling will pass")  # the mantra ends with its own full stop
    assert "Saved:\n<i>This feeling will pass.</i>\nCome back" in sam.texts(replies)
    await sam.send("Call my brother.")
    replies = await sam.send("Maya.")  # someone to call: a name, its full stop not kept
    assert "call Maya." in sam.texts(replies) and "<i>This feeling will pass.</i>\n" in \
        sam.texts(replies)
    for step in (2, 3, 4):
        await harness.repo.complete_step(42, step)
    await sam.send("/steps")
    await sam.tap("Step 5")
    await sam.tap("Exercise")
    await sam.tap("That's my list")
    replies = await sam.send("exercise.")  # an own activity that is ticked already
    assert "already:\n<i>Exercise</i>\nType a different" in sam.texts(replies)
    await sam.send("Pottery on Tuesdays.")
    await sam.tap("Pottery")
    await sam.tap("I commit to these")
    await sam.send("/steps")
    replies = await sam.tap("Step 5")  # the review lists the commitments, one a line
    assert "You committed to:\n• Pottery on Tuesdays.\n" in sam.texts(replies)
    await harness.repo.complete_step(42, 5)
    await sam.send("/steps")
    await sam.tap("Step 6")
    await sam.tap("keep it private")
    await sam.send("Go climbing on Saturday.")
    replies = await sam.send("go climbing on saturday")
    assert "already:\n<i>Go climbing on Saturday.</i>\nAdd something" in sam.texts(replies)
    await sam.send("/journal")
    await sam.tap("Add a line")
    await sam.send("He laughed at my friends!")
    await sam.tap("Add another line")
    replies = await sam.send("he laughed at my friends")
    assert "already:\n<i>He laughed at my friends!</i>\n" in sam.texts(replies)
    for _ in range(5):  # the pep talk quotes each of the five card lines in a blockquote
        await sam.send("/sos")
    sent = [c.text for c in harness.request.sent(42)]
    assert "<blockquote>He never listened.</blockquote>" in "\n".join(sent)
    for text in sent:
        assert not DOUBLED.findall(text) and not text_problems(text), text
