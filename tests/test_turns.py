"""Short turns (issue 10): every step and flow walked through the real application, the
messages the bot sends for each user turn counted and printed (run with -s to see the table),
and the test fails when a turn sends more than three or its last message does not say what
to do next (buttons, a question or a command). Every message sent on the way is held to the
content's text rules too (allowed tags, balanced, no doubled full stops)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.ui.keyboards import encode
from tests.harness import Harness
from tests.turns import MAX_MESSAGES, Log, Walker

WANT = {"reconnect": "Yes, I still do", "unsure": "I'm not sure", "moving_on": "No, I don't think so",
        "safety": "Yes, I still do"}  # safety wins over a "yes"


async def onboarding(w: Walker, *, nickname: str | None = None) -> None:
    w.flow = "onboarding"
    await w.send("/start")
    await w.send("Sam")
    await w.tap("He")
    await (w.send(nickname) if nickname else w.tap("Skip"))
    await w.send("2 months ago")
    await w.send("Europe/Berlin")
    await w.send("20:00")


async def step1(w: Walker, path: str) -> None:
    w.flow = f"{path} step 1"
    await w.tap("Go to step 1")
    await w.tap("Tell me more")
    await w.tap("Let's write it out")
    await w.send("We argued about everything")
    await w.send("I always came second")
    await w.tap("That's all for now")
    await w.send("Coldly, most days")
    await w.send("Not often")
    await w.send("No. I was scared of him most days" if path == "safety" else "Mostly, yes")
    await w.tap(WANT[path])


async def _person_with_reach(w: Walker) -> None:
    await w.send("Maya, 0171 234567")


async def _no_person(w: Walker) -> None:
    await w.tap("Skip")


async def _person_after_a_number(w: Walker) -> None:
    await w.send("12345")  # no name in it: asked again, Skip still there
    await w.send("my sister Maya")


# Step 2's optional last question, someone to call, answered a different way on each path.
PERSON = {"reconnect": _person_with_reach, "unsure": _no_person,
          "moving_on": _person_after_a_number, "safety": _person_after_a_number}


async def steps_2_to_6(w: Walker, path: str) -> None:
    w.flow = f"{path} step 2"
    await w.tap("Go to step 2")
    await w.tap("Tell me more")
    await w.tap("7")
    await w.tap("This feeling will pass.")
    await w.tap("Go for a walk")
    await PERSON[path](w)
    w.flow = f"{path} step 3"
    await w.tap("Go to step 3")
    await w.tap("Tell me more")
    await w.tap("I don't owe explanations" if path == "safety" else "No pleading")
    await w.tap("That's my commitment")
    await w.send("I deserve calm")
    w.flow = f"{path} step 4"
    await w.tap("Go to step 4")
    await w.tap("Tell me more")
    await w.tap("No calls")
    await w.tap("I'm in")
    await w.send("6 weeks ago")
    await w.tap("No morning items")  # asked once, when no contact starts (the daily programme)
    w.flow = f"{path} step 5"
    await w.tap("Go to step 5")
    await w.tap("Tell me more")
    await w.tap("Exercise")
    await w.tap("That's my list")
    await w.tap("Skip")
    await w.tap("Exercise")
    await w.tap("I commit to these")
    w.flow = f"{path} step 6"
    await w.tap("Go to step 6")
    await w.tap("Tell me more")
    await w.tap("I'll keep it private")
    await w.tap("See a friend")
    await w.send("Climbing on Thursday")
    await w.tap("That's my week")


async def step7_reconnect(w: Walker) -> None:
    w.flow = "reconnect step 7"
    await w.tap("Go to step 7")
    await w.tap("Tell me more")
    await w.tap("Yes, I still do")
    for _ in range(6):
        await w.tap("Yes, honestly")
    await w.tap("1")
    await w.tap("I've sent it")
    w.flow = "reconnect after sending"
    await w.send("/nocontact")
    await w.send("/checkin")
    await w.tap("3")
    await w.tap("No, nothing else")
    await w.tap("2")
    await w.tap("Skip")
    await w.send("/progress")
    w.h.clock.advance(hours=72)
    await w.scheduled("the follow-up is due")
    await w.tap("Yes, he answered")


async def step7_unsure(w: Walker) -> None:
    w.flow = "unsure step 7"
    await w.tap("Go to step 7")
    await w.tap("Tell me more")
    await w.tap("Still not sure")
    await w.tap("Ask me again in two weeks")
    w.h.clock.advance(days=14, minutes=1)
    await w.scheduled("two weeks on, the reminder")
    await w.tap("I know now: I want him back")
    await w.tap("Yes, honestly")


async def step7_moving_on(w: Walker) -> None:
    w.flow = "moving on step 7"
    await w.tap("Go to step 7")
    await w.tap("Tell me more")
    await w.tap("Write the letter")
    await w.send("Jo, I loved you more than I let on.")
    await w.send("Thank you for the good years.")
    await w.tap("That's everything")
    await w.tap("A goodbye walk")
    await w.tap("Later")
    await w.tap("I've done it")
    await w.send("I'm letting go of the hope that he'll say sorry")
    await w.send("/steps")
    await w.tap("Step 7")
    await w.tap("Read my letter")
    await w.tap("Go through the goodbye again")


async def step7_safety(w: Walker) -> None:
    w.flow = "safety step 7"
    await w.send("/steps")
    await w.press(encode("steps", "open", "7", owner=w.user.id), "opens step 7 (an old button)")
    await w.send("/settings")
    await w.tap("Your path")
    await w.tap("I'm safe now")
    await w.tap("I've read this")
    await w.tap("I'm moving on")


STEP7 = {"reconnect": step7_reconnect, "unsure": step7_unsure, "moving_on": step7_moving_on,
         "safety": step7_safety}


def verdict(log: Log) -> None:
    print("\n" + log.table())
    assert not log.too_long(), f"turns over {MAX_MESSAGES} messages: {log.too_long()}"
    assert not log.without_next(), f"turns that end without a next step: {log.without_next()}"
    assert not log.with_problems(), f"messages breaking the text rules: {log.with_problems()}"


@pytest.mark.parametrize("path", ["reconnect", "unsure", "moving_on", "safety"])
async def test_every_step_on_every_path_in_short_turns(harness: Harness, path: str) -> None:
    log = Log()
    w = Walker(harness, 42, log)
    await onboarding(w, nickname="Jo" if path == "moving_on" else None)
    await step1(w, path)
    assert (await harness.repo.get_user(42)).path == path
    await steps_2_to_6(w, path)
    await STEP7[path](w)
    verdict(log)


async def test_sos_checkin_nocontact_settings_and_commands_in_short_turns(
        harness: Harness) -> None:
    log = Log()
    w = Walker(harness, 42, log)
    await onboarding(w)
    today = harness.clock.now().date()
    await harness.repo.update_profile(42, no_contact_since=today - timedelta(days=5))
    w.flow = "commands"
    for command in ("/help", "/journal", "/steps", "/progress", "/start", "/cancel"):
        await w.send(command)

    w.flow = "SOS"
    await w.send("/sos")
    await w.tap("0")
    await w.send("a song in the supermarket")
    await w.tap("Wait 15 minutes")
    harness.clock.advance(minutes=16)
    await w.scheduled("fifteen minutes on")
    await w.tap("It passed")
    await w.send("I want to text him so badly")
    await w.tap("That's not what I meant")
    await w.send("I want to text them")  # the reply-keyboard button
    await w.tap("5")
    await w.tap("Skip this")
    await w.tap("Write it here instead")
    await w.send("I miss you. Can we talk?")
    await w.send("/sos")
    await w.tap("9")
    await w.tap("Skip this")
    await w.tap("Talk to someone")
    await w.send("/sos")
    await w.tap("2")
    await w.tap("Skip this")
    await w.tap("I'm OK now")

    w.flow = "check-in"
    harness.clock.set(harness.clock.now().replace(hour=19, minute=0))  # 20:00 in Berlin
    await w.scheduled("check-in time")
    await w.tap("2")
    await w.tap("No, I didn't")
    await w.tap("6")
    await w.send("went for a run")
    harness.clock.advance(days=1)
    await w.send("/checkin")
    await w.tap("4")
    await w.tap("Yes, I did")
    await w.send("a late night")
    await w.tap("8")
    await w.tap("Skip")

    w.flow = "/nocontact"
    await w.send("/nocontact")
    await w.tap("I contacted him")
    await w.tap("Skip")
    for kind in ("Practical", "Feelings", "A crumb"):
        await w.send("/nocontact")
        await w.tap("He contacted me")
        await w.tap(kind)
    await w.send("/nocontact")
    await w.tap("Change start date")
    await w.tap("Yesterday")

    w.flow = "/settings"
    await w.send("/settings")
    await w.tap("Your name")
    await w.send("Sammy")
    await w.tap("Change something else")
    await w.tap("Their pronoun")
    await w.tap("She")
    await w.send("/settings")
    await w.tap("Time zone")
    await w.tap("Keep it as it is")
    await w.send("/settings")
    await w.tap("Your path")
    await w.tap("I'm not sure yet")
    await w.send("/settings")
    await w.tap("Pause check-ins")

    w.flow = "crisis"
    await w.send("I don't want to live anymore")
    await w.tap("ready to carry on")
    verdict(log)


async def test_journal_people_and_export_in_short_turns(harness: Harness) -> None:
    log = Log()
    w = Walker(harness, 42, log)
    await onboarding(w, nickname="Jo")
    await step1(w, "reconnect")

    w.flow = "/journal"
    await w.send("/journal")
    await w.tap("Add a line")
    await w.send("He laughed at my friends")
    await w.tap("Add another line")
    await w.send("he laughed at my friends.")  # on the list already
    await w.send("/journal")
    await w.tap("Remove a line")
    await w.tap("Line 1")
    await w.tap("Yes, take it off")
    w.flow = "/write"
    await w.send("/write")
    await w.send("Slept through the night for once")
    await w.send("/write")
    await w.tap("Give me a prompt")
    await w.tap("Another prompt")
    await w.send("My sister, she always picks up")
    await w.send("/journal")
    await w.tap("Edit 1")
    await w.send("Slept eight hours. First time since it ended")
    await w.send("/journal")
    await w.tap("Delete 2")
    await w.tap("No, keep it")
    harness.clock.advance(seconds=30)  # the same list's button again, later: not a double tap
    await w.tap("Delete 2")
    await w.tap("Yes, delete it")
    for n in range(6):
        await w.send("/write")
        await w.send(f"A short line, number {n}")
    await w.send("/journal")
    await w.tap("Older entries")

    w.flow = "step 2's person"
    await w.tap("Go to step 2")
    await w.tap("4")
    await w.tap("This feeling will pass.")
    await w.send("Go for a run")
    await w.send("@maya")  # a handle without a name
    await w.tap("Skip")

    w.flow = "/settings person"
    await w.send("/settings")
    await w.tap("Someone to call")
    await w.send("12345")
    await w.send("Maya, 0171 234567")
    await w.tap("Change something else")
    await w.tap("Someone to call")
    await w.tap("Keep it as it is")
    w.flow = "SOS with a person"
    await w.send("/sos")
    await w.tap("6")
    await w.tap("Skip this")
    await w.tap("Talk to someone")
    w.flow = "/settings person"
    await w.send("/settings")
    await w.tap("Someone to call")
    await w.tap("No one for now")

    w.flow = "/progress and /export"
    await w.send("/progress")
    await w.send("/export")
    verdict(log)
    # The walk went where it says: entries kept, the person asked and forgotten, files sent.
    assert await harness.repo.count_journal(42) == 7
    assert await harness.repo.trusted_person(42) is None
    assert [c.params.get("filename") or c.method for c in harness.request.sent(42)][-2:] == [
        "sendDocument", "sendDocument"]


async def test_words_heard_in_the_journal_and_in_questions_in_short_turns(
        harness: Harness) -> None:
    """What the listening pipeline hears where the journal (and step 2's person question)
    wait for words: each answered in one short turn that says what comes next."""
    log = Log()
    w = Walker(harness, 42, log)
    await onboarding(w)
    await step1(w, "reconnect")
    today = harness.clock.now().date()
    await harness.repo.update_profile(42, no_contact_since=today - timedelta(days=5))

    w.flow = "heard in /write"
    for words in ("i really want to text him right now",  # help offered, not an entry
                  "I texted him last night",  # "when was it?", not an entry
                  "he texted me this morning",  # the triage, not an entry
                  "he used to hit me when he was angry"):  # the note, then /write again
        await w.send("/write")
        await w.send(words)
        if "right now" in words:
            await w.tap("Yes, help me now")
            await w.tap("4")
            await w.tap("Skip this")
            await w.tap("I'm OK now")
        elif "last night" in words:
            await w.tap("Yesterday")
            await w.tap("Skip")
    await w.send("/write")
    await w.send("skip")
    w.flow = "heard in a list line"
    await w.send("/journal")
    await w.tap("Add a line")
    await w.send("i want to call him so bad")  # never a line: the offer
    await w.tap("No, let's go on")
    await w.send("He read my messages behind my back")

    w.flow = "heard at step 2's person"
    await w.tap("Go to step 2")
    await w.tap("4")
    await w.tap("This feeling will pass.")
    await w.send("Go for a run")
    await w.send("back")
    await w.send("Go for a run")
    await w.send("nobody really")

    w.flow = "crisis in /write"
    await w.send("/write")
    await w.send("I don't want to live anymore")
    await w.tap("ready to carry on")
    verdict(log)
    assert await harness.repo.count_journal(42) == 0  # nothing said in distress is an entry
