"""The journal through the real application: /journal's card and pages of entries, /write with
prompts, editing and deleting one entry, the "remember why" list's lines, and keeping words
from the chat (the companion fallback's button)."""

from __future__ import annotations

import re

from bot.core.hooks import hooks_of
from bot.devtools.standin import Call, StandInRequest
from bot.features.journal import handlers as journal
from bot.features.journal.keep import keep_in_journal, offer_keep
from bot.features.journal.rules import next_prompt, older_arg
from bot.ui.texts import excerpt
from tests.harness import ChatUser, Harness

HOSTILE = "<b>x</b> & <a href='y'>"
ESCAPED = "&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href=&#39;y&#39;&gt;"


async def with_card(harness: Harness) -> ChatUser:
    """An onboarded user who finished step 1 with two problems."""
    sam = await harness.at_step1()
    await sam.send("He never listened")
    await sam.send("I felt small around him")
    await sam.tap("all for now")
    for answer in ("Badly", "Not often", "No"):
        await sam.send(answer)
    await sam.tap("not sure")
    return sam


def sent(calls: list[Call]) -> list[Call]:
    """The messages among a turn's calls (not the answer to the button press)."""
    return [c for c in calls if c.method in StandInRequest.SENDS]


def labels(call: Call) -> list[str]:
    return [label for label, _ in call.buttons()]


async def write(sam: ChatUser, text: str) -> list[Call]:
    await sam.send("/write")
    return await sam.send(text)


async def test_journal_shows_card_and_entries_in_two_messages(harness: Harness) -> None:
    sam = await with_card(harness)
    replies = await sam.send("/journal")
    assert len(replies) == 2
    card, entries = replies
    assert "Remember why" in card.text and "He never listened" in card.text
    assert labels(card) == ["➕ Add a line", "➖ Remove a line"]
    assert "Nothing written here yet" in entries.text and labels(entries) == ["✍️ Write an entry"]


async def test_write_free_entry_then_list_edit_and_delete(harness: Harness) -> None:
    sam = await with_card(harness)
    replies = await sam.send("/write")
    assert len(replies) == 1 and await sam.state() == journal.ENTRY_STATE
    replies = await sam.send(HOSTILE)
    assert len(replies) == 1 and "Saved in your journal" in replies[0].text
    assert await sam.state() is None
    (entry,) = await harness.repo.journal_entries(42)
    assert entry.body == HOSTILE and entry.prompt is None and entry.source == "write"
    listing = (await sam.send("/journal"))[-1]
    assert ESCAPED in listing.text and "1 entry" in listing.text
    assert labels(listing) == ["✏️ Edit 1", "🗑 Delete 1", "✍️ Write an entry"]
    # Edit: the old text is shown whole, the new one replaces it.
    replies = await sam.tap("Edit 1")
    assert ESCAPED in replies[-1].text and await sam.state() == journal.EDIT_STATE
    replies = await sam.send("Better words")
    assert "Updated" in sam.texts(replies) and await sam.state() is None
    assert (await harness.repo.journal_entry(42, entry.id)).body == "Better words"
    assert "(edited)" in (await sam.send("/journal"))[-1].text
    # Delete asks first; "keep" keeps it, "yes" deletes it.
    replies = await sam.tap("Delete 1")
    assert "Delete this entry for good?" in replies[-1].text
    assert labels(replies[-1]) == ["Yes, delete it", "No, keep it"]
    await sam.tap("No, keep it")
    assert await harness.repo.count_journal(42) == 1
    await sam.tap("Delete 1")
    replies = await sam.tap("Yes, delete it")
    assert "Deleted" in sam.texts(replies) and await harness.repo.count_journal(42) == 0
    # The old edit button (pressed before: fine again, after a moment) finds nothing to edit.
    harness.clock.advance(seconds=30)
    replies = await sam.press(listing.buttons()[0][1], message_id=listing.message_id or 0)
    assert "isn't in your journal any more" in sam.texts(replies)


async def test_prompts_rotate_and_are_kept_with_the_entry(harness: Harness) -> None:
    sam = await with_card(harness)
    await sam.send("/write")
    first = await sam.tap("Give me a prompt")
    (edit,) = [c for c in first if c.method == "editMessageText"]
    second = await sam.tap("Another prompt")  # the same message, redrawn with the next prompt
    (edit2,) = [c for c in second if c.method == "editMessageText"]
    assert edit.text != edit2.text and edit2.message_id == edit.message_id
    await sam.send("My sister, she always picks up")
    (entry,) = await harness.repo.journal_entries(42)
    shown = journal.prompt_ids()[journal.prompt_ids().index(
        next_prompt(journal.prompt_ids(), None, 0)) + 1]
    assert entry.prompt == journal._prompt_text(await harness.repo.get_user(42), shown)
    assert entry.prompt and entry.prompt in (await sam.send("/journal"))[-1].text.replace(
        "&#39;", "'").replace("&quot;", '"')


async def test_pages_of_five_with_an_older_button(harness: Harness) -> None:
    sam = await with_card(harness)
    for n in range(1, 8):
        await write(sam, f"entry number {n}")
    listing = (await sam.send("/journal"))[-1]
    assert "entry number 7" in listing.text and "entry number 3" in listing.text
    assert "entry number 2" not in listing.text and "7 entries" in listing.text
    assert "Older entries" in labels(listing)
    replies = sent(await sam.tap("Older entries"))
    assert len(replies) == 1
    older = replies[0].text
    assert "entries 6 to 7 of 7" in older and "entry number 1" in older
    assert "<b>7.</b>" in older and "Older entries" not in labels(replies[0])
    assert "✏️ Edit 7" in labels(replies[0])


async def test_remember_why_lines_added_once_and_removed_after_a_confirm(harness: Harness) -> None:
    sam = await with_card(harness)
    await sam.send("/journal")
    replies = sent(await sam.tap("Add a line"))
    assert await sam.state() == "journal.line" and len(replies) == 1
    replies = await sam.send("He laughed at my  friends")
    assert "Added. Your list has 3 lines" in sam.texts(replies)
    await sam.tap("Add another line")
    replies = await sam.send("he laughed at my friends.")  # the same line again
    assert "already" in sam.texts(replies) and await sam.state() is None
    assert len(await harness.repo.answers(42, 1, "problem")) == 3
    replies = await sam.send("/journal")
    assert "He laughed at my friends" in replies[0].text
    replies = await sam.tap("Remove a line")
    assert "1. He never listened" in replies[-1].text
    assert labels(replies[-1]) == ["Line 1", "Line 2", "Line 3"]
    replies = await sam.tap("Line 1")
    assert "He never listened" in replies[-1].text
    replies = await sam.tap("Yes, take it off")
    assert "2 lines left" in sam.texts(replies)
    lines = [a.value for a in await harness.repo.answers(42, 1, "problem")]
    assert lines == ["I felt small around him", "He laughed at my friends"]
    # The pep talk draws on the list as it is now (a removed line never comes back).
    for _ in range(6):
        card = sam.texts(await sam.send("/sos"))
        assert "He never listened" not in card


async def test_empty_card_offers_step_one_and_a_line(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("/journal")
    assert "empty so far" in replies[0].text
    assert labels(replies[0]) == ["Go to step 1", "➕ Add a line"]
    await sam.tap("Add a line")
    await sam.send("We fought every weekend")
    assert [a.value for a in await harness.repo.answers(42, 1, "problem")] == [
        "We fought every weekend"]


async def test_keep_words_from_the_chat(harness: Harness) -> None:
    """The fallback's "keep it in my journal": words held, kept on a tap, older offers gone."""
    sam = await with_card(harness)
    await sam.send("/help")  # any update, so a context exists for the hook below
    context = harness.app.context_types.context.from_update(
        harness.updates.text(42, "x"), harness.app)
    user = await harness.repo.get_user(42)
    assert hooks_of(context).offer_keep is offer_keep
    old = await offer_keep(context, user, "an older thought")
    markup = await offer_keep(context, user, "Today I walked past our café and kept going")
    assert await harness.repo.count_journal(42) == 0  # offered, not kept
    replies = await sam.press(markup.inline_keyboard[0][0].callback_data)
    assert "Kept in your journal" in sam.texts(replies)
    (entry,) = await harness.repo.journal_entries(42)
    assert entry.source == "fallback" and "café" in entry.body
    # Only the newest offer is held: the older button finds its words gone.
    replies = await sam.press(old.inline_keyboard[0][0].callback_data, message_id=2)
    assert "don't have those words any more" in sam.texts(replies)
    await keep_in_journal(context, user, "straight in", source="checkin")
    assert (await harness.repo.journal_entries(42))[0].body == "straight in"
    # An offer nobody takes within a day is forgotten.
    stale = await offer_keep(context, user, "left hanging")
    harness.clock.advance(days=1, minutes=1)
    replies = await sam.press(stale.inline_keyboard[0][0].callback_data, message_id=3)
    assert "don't have those words" in sam.texts(replies)


async def test_start_reasks_an_open_entry_or_edit(harness: Harness) -> None:
    sam = await with_card(harness)
    await sam.send("/write")
    await sam.tap("Give me a prompt")
    replies = await sam.send("/start")
    assert any("Here's one to start from" in c.text for c in replies)
    await sam.send("answer")
    assert await harness.repo.count_journal(42) == 1


def test_rules() -> None:
    assert next_prompt((1, 2, 3), None, 4) == 2 and next_prompt((1, 2, 3), 3, 0) == 1
    assert excerpt("short", 10) == "short"
    assert excerpt("word " * 200, 50).endswith("…") and len(excerpt("word " * 200, 50)) <= 51
    assert older_arg("12.6") == (12, 6) and older_arg("x.1") is None and older_arg("") is None


async def test_the_pep_talk_quotes_the_journal_but_never_an_urge(harness: Harness) -> None:
    sam = await with_card(harness)
    await write(sam, "Woke up without checking his profile. First time in weeks.")
    await write(sam, "I really want to text him right now")  # reads as an urge: never quoted
    quoted: set[str] = set()
    headed = ""
    for _ in range(12):  # five card lines and one journal line, in turn
        text = sam.texts(await sam.send("/sos"))
        quoted |= set(re.findall(r"<blockquote>(.*?)</blockquote>", text, re.S))
        headed += text
    assert "Woke up without checking his profile. First time in weeks." in quoted
    assert "From your journal:\n<blockquote>Woke up" in headed
    assert not any("I really want to text him" in line for line in quoted)
    assert "He never listened" in quoted and "Badly" in quoted
