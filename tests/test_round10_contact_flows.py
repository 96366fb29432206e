"""Round 10 (k10): contact families added to the tables reach the right flow through the real
app: a slip told without a usual verb goes to the slip flow mid-question and the question is
asked again; the ex reaching out by a lit-up screen goes to the triage; a memory stays words."""

from __future__ import annotations

from tests.checkin_helpers import in_no_contact
from tests.harness import Harness


async def test_i_was_the_one_who_texted_first_is_a_slip_mid_question(harness: Harness) -> None:
    sam = await in_no_contact(harness, days=10)
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    replies = await sam.send("i was the one who texted first this time")
    assert "When did it happen?" in sam.texts(replies)
    await sam.tap("Yesterday")
    await sam.tap("Skip")
    assert await sam.state() == "step1.problems"  # the open question, asked again
    assert await harness.repo.answers(42, 1) == []  # never stored as a problem
    assert len(await harness.repo.slips(42)) == 1


async def test_the_ex_on_my_screen_brings_the_triage(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    replies = await chat.send("my phone just lit up with his name")
    assert "got in touch" in chat.texts(replies)
    assert await harness.repo.slips(42) == []


async def test_a_memory_of_a_kiss_is_no_slip(harness: Harness) -> None:
    sam = await harness.at_step1()
    replies = await sam.send("i keep thinking about the first time we kissed")
    assert "When did it happen?" not in sam.texts(replies)
    assert await harness.repo.slips(42) == []
