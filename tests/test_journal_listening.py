"""The journal's questions and step 2's person question heard through the real application
(issue 9's listening pipeline meets issue 10's journal): real updates through process_update,
the Bot API stand-in and a real SQLite file.

While /write (or an entry's edit) waits for words, a crisis, an abuse disclosure, contact with
the ex and the urge to reach out are heard first and answered as what they are; none of them is
stored as the entry, and the question is asked again afterwards. A new line of the "remember
why" list is one of step 1's problems, so it takes an abuse disclosure (as step 1 does) but
never an urge. Step 2's "who would you call?" never takes words said in distress as a name."""

from __future__ import annotations

from datetime import timedelta

from bot.features.journal import card
from bot.features.journal import handlers as journal
from bot.features.sos.heard import OFFER_STATE
from tests.harness import ChatUser, Harness
from tests.test_journal import sent, with_card

CRISIS = "taking it seriously"  # in the crisis reply (tests/test_safety.py)
KILL = "i want to kill myself"
URGE = "i really want to text him right now, i can't stop thinking about it"


async def bodies(harness: Harness) -> list[str]:
    return [e.body for e in await harness.repo.whole_journal(42)]


async def writing(harness: Harness) -> ChatUser:
    sam = await with_card(harness)
    await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date()
                                      - timedelta(days=6))
    await sam.send("/write")
    assert await sam.state() == journal.ENTRY_STATE
    return sam


async def test_crisis_typed_as_a_journal_entry_gets_crisis_care_and_is_not_saved(
        harness: Harness) -> None:
    sam = await writing(harness)
    replies = await sam.send(KILL)
    text = sam.texts(replies)
    assert CRISIS in text and "TelefonSeelsorge" in text  # the Berlin user's helpline
    assert len(sent(replies)) <= 2 and "journal" not in text.lower()
    assert await bodies(harness) == []  # nothing said in a crisis becomes an entry
    assert not await harness.repo.count_journal(42)
    user = await harness.repo.get_user(42)
    assert user is not None and user.in_crisis(harness.clock.now())
    record = await harness.repo.safety_record(42)
    assert record is not None and record.crisis_count == 1
    assert record.paused_state == journal.ENTRY_STATE and await sam.state() is None
    # The next words in the same moment get care, never the companion's "keep it" offer.
    replies = await sam.send("i mean it")
    assert "ready to carry on" in sam.texts(replies)
    assert "Keep it in my journal" not in [label for label, _ in sam.last_buttons()]
    assert await bodies(harness) == []
    replies = await sam.tap("ready to carry on")  # the journal's question, asked again
    assert await sam.state() == journal.ENTRY_STATE
    await sam.send("Slept a little better last night")
    assert await bodies(harness) == ["Slept a little better last night"]


async def test_crisis_typed_as_an_edit_leaves_the_entry_as_it_was(harness: Harness) -> None:
    sam = await writing(harness)
    await sam.send("Slept badly")
    await sam.send("/journal")
    await sam.tap("Edit 1")
    assert await sam.state() == journal.EDIT_STATE
    replies = await sam.send(KILL)
    assert CRISIS in sam.texts(replies)
    assert await bodies(harness) == ["Slept badly"]


async def test_an_urge_in_the_journal_is_offered_help_and_not_saved(harness: Harness) -> None:
    sam = await writing(harness)
    replies = await sam.send(URGE)
    assert await bodies(harness) == []
    assert "won't take it as your answer" in sam.texts(replies)
    assert "help with that urge" in sam.texts(replies)
    assert await sam.state() == OFFER_STATE
    await sam.tap("No, let")
    assert await sam.state() == journal.ENTRY_STATE  # the entry question, asked again
    await sam.send("Went for a walk instead")
    assert await bodies(harness) == ["Went for a walk instead"]


async def test_yes_to_the_offer_opens_the_sos(harness: Harness) -> None:
    sam = await writing(harness)
    await sam.send(URGE)
    replies = await sam.tap("Yes, help")
    assert "how strong" in sam.texts(replies).lower()
    assert URGE not in sam.texts(replies)
    assert await sam.state() == "sos.intensity"
    assert await bodies(harness) == []


async def test_abuse_in_the_journal_gets_the_note_and_is_not_saved(harness: Harness) -> None:
    sam = await writing(harness)
    replies = await sam.send("he used to check my phone and scream at me when i went out")
    assert "not your fault" in sam.texts(replies)
    assert "kept it with your answers" not in sam.texts(replies)
    assert await bodies(harness) == []
    assert await sam.state() == journal.ENTRY_STATE  # asked again after the note
    record = await harness.repo.safety_record(42)
    assert record is not None and record.abuse_flagged


async def test_contact_in_the_journal_goes_to_the_slip_flow_not_the_journal(
        harness: Harness) -> None:
    sam = await writing(harness)
    replies = await sam.send("I texted him last night and he never answered")
    # the day was said: no "when did it happen?", the slip is recorded on it at once
    assert "When did it happen?" not in sam.texts(replies)
    assert "Thank you for telling me" in sam.texts(replies)
    assert await bodies(harness) == []
    [slip] = await harness.repo.slips(42)
    user = await harness.repo.get_user(42)
    assert slip.occurred_on == user.today(harness.clock.now()) - timedelta(days=1)


async def test_skip_and_cancel_leave_the_journal_without_an_entry(harness: Harness) -> None:
    sam = await writing(harness)
    replies = await sam.send("skip")
    assert await sam.state() is None and "leave that question" in sam.texts(replies)
    await sam.send("/write")
    await sam.send("cancel")
    assert await sam.state() is None
    assert await bodies(harness) == []


async def test_a_remember_why_line_takes_abuse_but_never_an_urge(harness: Harness) -> None:
    sam = await writing(harness)
    await sam.send("cancel")
    await sam.send("/journal")
    await sam.tap("Add a line")
    assert await sam.state() == card.LINE_STATE
    replies = await sam.send(URGE)
    lines = [a.value for a in await harness.repo.answers(42, 1, "problem")]
    assert URGE not in lines and "won't take it as your answer" in sam.texts(replies)
    replies = await sam.tap("No, let")
    assert await sam.state() == card.LINE_STATE  # the line question, asked again
    replies = await sam.send(KILL)
    assert CRISIS in sam.texts(replies)
    assert KILL not in [a.value for a in await harness.repo.answers(42, 1, "problem")]
    await sam.tap("ready to carry on")
    assert await sam.state() == card.LINE_STATE
    words = "she threatened to share my photos if i left"
    replies = await sam.send(words)
    assert words in [a.value for a in await harness.repo.answers(42, 1, "problem")]
    assert "kept it with your answers" in sam.texts(replies)
    assert "not your fault" in sam.texts(replies)
    assert await sam.state() is None


async def at_step2_person(harness: Harness) -> ChatUser:
    sam = await with_card(harness)
    await sam.tap("Go to step 2")
    await sam.tap("4")
    await sam.tap("This feeling will pass.")
    await sam.send("Go for a run")
    assert await sam.state() == "step2.person"
    return sam


async def test_step2_person_hears_crisis_first_and_keeps_no_name(harness: Harness) -> None:
    sam = await at_step2_person(harness)
    replies = await sam.send(KILL)
    assert CRISIS in sam.texts(replies)
    assert await harness.repo.trusted_person(42) is None
    record = await harness.repo.safety_record(42)
    assert record is not None and record.paused_state == "step2.person"
    await sam.tap("ready to carry on")
    assert await sam.state() == "step2.person"
    await sam.send("my sister Maya")
    person = await harness.repo.trusted_person(42)
    assert person is not None and person.name == "my sister Maya"


async def test_step2_person_reads_urges_control_words_and_nobody(harness: Harness) -> None:
    sam = await at_step2_person(harness)
    await sam.send(URGE)  # an urge is never a name
    assert await sam.state() == OFFER_STATE and await harness.repo.trusted_person(42) is None
    await sam.tap("No, let")
    assert await sam.state() == "step2.person"
    await sam.send("he hit me when he was drunk")  # abuse: the note, never a name
    assert await harness.repo.trusted_person(42) is None
    assert await sam.state() == "step2.person"
    await sam.send("back")  # the question before, again
    assert await sam.state() == "step2.instead"
    await sam.send("Go for a run")
    replies = await sam.send("nobody really")  # an answer, not a name: the step wraps up
    assert await harness.repo.trusted_person(42) is None
    assert 2 in {n for n, s in (await harness.repo.step_statuses(42)).items()
                 if s.status == "done"}
    assert "nobody" not in sam.texts(replies).lower()


async def test_step2_person_skip_typed_and_a_name_with_a_number(harness: Harness) -> None:
    sam = await at_step2_person(harness)
    await sam.send("skip")
    assert await harness.repo.trusted_person(42) is None and await sam.state() is None
    await harness.repo.set_state(42, "step2.person")
    await sam.send("Maya, 0171 234567")
    person = await harness.repo.trusted_person(42)
    assert person is not None and (person.name, person.reach) == ("Maya", "0171 234567")


async def test_the_companion_offer_is_the_journals_and_old_kw_buttons_still_keep(
        harness: Harness) -> None:
    sam = await with_card(harness)
    replies = await sam.send("walked past our old cafe today and kept going")
    keep = [data for label, data in sam.last_buttons() if "journal" in label.lower()]
    assert keep and keep[0].startswith("1|kw|keep|")  # issue 9's callback data, unchanged
    assert "journal" in sam.texts(replies)
    replies = await sam.tap("Keep it in my journal")
    assert "Kept in your journal" in sam.texts(replies)
    assert await bodies(harness) == ["walked past our old cafe today and kept going"]
