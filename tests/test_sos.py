"""The SOS flow end to end: entry points, pep-talk rotation, the four choices, the 15-minute
check-back across a restart, the unsent-message box and its morning return, and urge logging."""

import re
from datetime import UTC, date, datetime

from bot.core.pronouns import Ex
from bot.features.sos.rules import PEP_WINDOW
from bot.features.sos.start import pep_ids
from bot.storage.outbox import OutboxRow
from bot.ui.keyboards import main_menu
from bot.ui.texts import render
from tests.harness import ChatUser, Harness


async def _urges(harness: Harness, user_id: int = 42):  # type: ignore[no-untyped-def]
    return list(reversed(await harness.repo.urges(user_id)))


async def pending(harness: Harness, kind: str) -> list[OutboxRow]:
    """The user's messages of `kind` still to go out."""
    return [r for r in await harness.repo.outbox_for(42, kind) if r.status == "pending"]

async def test_sos_command_full_flow_is_logged(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.update_profile(42, no_contact_since=date(2026, 2, 20))
    replies = await sam.send("/sos")
    text = sam.texts(replies)
    # No nickname: the ex by the pronoun the user picked (he), not "your ex".
    assert "Okay, Sam: you want to reach out to him." in text
    assert "<b>10 days</b> of no contact" in text
    assert "0 is barely there, 10 is thumb on the send button" in text
    # Two messages: the moment (acknowledgement, pep talk, card line), then the question.
    assert [c.method for c in replies] == ["sendMessage", "sendMessage"]
    labels = [label for label, _ in sam.last_buttons()]
    # 0-10 in order, like every scale; no "not what I meant" for /sos
    assert labels == [str(n) for n in range(11)]
    rows = replies[-1].markup["inline_keyboard"]
    assert [len(row) for row in rows] == [6, 5]

    await sam.tap("7")
    assert await sam.state() == "sos.trigger"
    replies = await sam.send("a song in the supermarket")
    assert "What would help most" in sam.texts(replies)
    assert await sam.state() is None
    replies = await sam.tap("I'm OK now")
    assert "That's a win, Sam" in sam.texts(replies)

    [urge] = await _urges(harness)
    assert (urge.source, urge.intensity, urge.trigger, urge.outcome) == (
        "sos", 7, "a song in the supermarket", "resisted")
    assert await harness.repo.urges_resisted(42) == 1
    # The intensity is asked once: the old buttons are now stale.
    replies = await sam.tap("3")
    assert "already settled" in sam.texts(replies)
    assert (await _urges(harness))[0].intensity == 7


async def test_streak_zero_and_none_are_kind(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("/sos")
    assert "haven't started a no-contact count" in sam.texts(replies)
    await harness.repo.update_profile(42, no_contact_since=harness.clock.now().date())
    replies = await sam.send("/sos")
    assert "Today is day 0 of no contact" in sam.texts(replies)


async def test_keyboard_button_works_mid_question_and_gives_it_back(harness: Harness) -> None:
    sam = await harness.at_step1()
    assert await sam.state() == "step1.problems"
    label = main_menu().keyboard[0][0].text
    replies = await sam.send(label)
    assert "you want to reach out to him." in sam.texts(replies)
    user = await harness.repo.get_user(42)  # the SOS question, and the one it interrupted
    assert (user.state, user.state_data["back"]) == ("sos.intensity", "step1.problems")
    await sam.tap("5")
    await sam.tap("Skip this")
    assert await sam.state() == "step1.problems"
    await sam.tap("Write it here instead")
    assert await sam.state() == "sos.draft"
    replies = await sam.send("I wish you'd call")
    assert "carry on where we were" in sam.texts(replies)
    assert await sam.state() == "step1.problems"
    [urge] = await _urges(harness)
    assert (urge.source, urge.outcome) == ("button", "wrote_it")
    # The step-1 list didn't swallow any of it.
    assert await harness.repo.answers(42, 1, "problem") == []


async def test_free_text_only_when_nothing_is_pending(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("I texted my mom")
    assert "want to reach out" not in sam.texts(replies)
    replies = await sam.send("I really want to text him")
    assert "Sounds like you want to reach out to him right now, Sam." in sam.texts(replies)
    assert [u.source for u in await _urges(harness)] == ["text"]
    await sam.tap("not what I meant")
    assert await _urges(harness) == []

    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    replies = await sam.send("I miss him so much")
    assert "Saved (1)" in sam.texts(replies)  # an answer, not an SOS
    assert await _urges(harness) == []


async def test_mid_onboarding_an_urge_is_offered_help_not_taken_as_an_answer(
        harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    await sam.send("Sam")
    replies = await sam.send("i really want to text her right now")
    assert "Do you want help with that urge right now?" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).ex_pronoun == "they"  # not stored as an answer
    assert await harness.repo.urges(42) == []
    replies = await sam.tap("Yes, help me now")
    assert "You want to reach out to them right now" in sam.texts(replies)  # no name needed
    assert [u.source for u in await harness.repo.urges(42)] == ["text"]
    assert await sam.state() == "onboard.pronoun"  # the setup question is still open
    await sam.tap("She")
    assert (await harness.repo.get_user(42)).ex_pronoun == "she"


async def test_sos_works_before_onboarding(harness: Harness) -> None:
    sam = harness.user(42)
    replies = await sam.send("/sos")
    assert "Let's finish getting to know each other first" not in sam.texts(replies)
    assert "What would help most right now?" in sam.texts(replies)
    assert len(replies) <= 3
    await sam.tap("I'm OK now")
    [urge] = await harness.repo.urges(42)
    assert urge.outcome == "resisted"


async def test_sos_typed_at_the_offer_before_onboarding_closes_the_offer(harness: Harness) -> None:
    """An urge typed at a setup question brings the offer; /sos then gives the help at once,
    and what comes next is read against the setup question, never the offer again."""
    sam = harness.user(42)
    await sam.send("/start")
    await sam.send("Sam")
    assert await sam.state() == "onboard.pronoun"
    replies = await sam.send("i want to text him so bad")
    assert "Do you want help with that urge right now?" in sam.texts(replies)
    replies = await sam.send("/sos")
    assert "What would help most right now?" in sam.texts(replies)
    assert await sam.state() == "onboard.pronoun"
    replies = await sam.send("he used to read all my messages and scream at me")
    assert "help with that urge" not in sam.texts(replies)
    await sam.send("she")
    assert (await harness.repo.get_user(42)).ex_pronoun == "she"


async def test_card_line_comes_from_step1(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.add_answer(42, 1, "safe", "No, I never <knew> where I stood")
    replies = await sam.send("/sos")
    text = sam.texts(replies)
    assert "feeling secure and safe" in text
    assert "I never &lt;knew&gt; where I stood" in text


async def test_pep_talks_do_not_repeat_within_ten(harness: Harness) -> None:
    assert len(pep_ids()) >= 30
    sam = harness.user(42)
    await sam.onboard()
    rendered = {render(f"sos/pep/{i:02d}", name="Sam", ex=Ex("he"), looking=False): i
                for i in pep_ids()}
    assert len(rendered) == len(pep_ids())  # all distinct
    shown: list[int] = []
    for _ in range(25):
        replies = await sam.send("/sos")
        found = [i for text, i in rendered.items() for c in replies if text in c.text]
        assert len(found) == 1
        assert found[0] not in shown[-PEP_WINDOW:]
        shown.append(found[0])
        await sam.tap("4")
        await sam.tap("Skip this")
        await sam.tap("I'm OK now")
    assert await harness.repo.recent_peps(42, 25) == list(reversed(shown))
    assert (await harness.repo.urge_counts(42)).resisted == 25


async def _sos_options(harness: Harness, level: int, *, onboard: bool = True) -> ChatUser:
    """User 42 (onboarded first unless told not to) opens /sos, rates the urge `level` and
    skips what set it off: the ways through it (wait, talk, write) are on screen."""
    sam = harness.user(42)
    if onboard:
        await sam.onboard()
    await sam.send("/sos")
    await sam.tap(str(level))
    await sam.tap("Skip this")
    return sam


async def test_wait_fifteen_minutes_survives_a_restart(harness: Harness) -> None:
    sam = await _sos_options(harness, 8)
    replies = await sam.tap("Wait 15 minutes")
    assert "15 minutes" in sam.texts(replies)
    fresh = await harness.restart()
    try:
        sam = fresh.user(42)
        fresh.clock.advance(minutes=14)
        assert await fresh.tick() == 0
        fresh.clock.advance(minutes=1)
        mark = len(fresh.request.calls)
        assert await fresh.tick() == 1
        sent = fresh.request.calls[mark:]
        assert "do you still want to send it?" in sam.texts(sent)
        assert await fresh.tick() == 0  # once only
        replies = await sam.tap("It passed")
        assert "You rode the wave" in sam.texts(replies)
        [urge] = await _urges(fresh)
        assert (urge.intensity, urge.outcome) == (8, "resisted")
    finally:
        await fresh.stop()


async def test_wait_then_still_then_contacted(harness: Harness) -> None:
    sam = await _sos_options(harness, 9)
    await sam.tap("Wait 15 minutes")
    harness.clock.advance(minutes=15)
    await harness.tick()
    replies = await sam.tap("I still want to")
    assert "Wait 15 minutes with me" in [label for label, _ in sam.last_buttons()][1]
    await sam.tap("Wait 15 minutes")  # a second wait gets its own check-back
    harness.clock.advance(minutes=15)
    assert await harness.tick() == 1
    replies = await sam.tap("I already reached out")
    assert "No lecture" in sam.texts(replies)
    [urge] = await _urges(harness)
    assert urge.outcome == "contacted"
    counts = await harness.repo.urge_counts(42)
    assert (counts.total, counts.contacted, counts.held_off) == (1, 1, 0)


async def test_wait_check_is_skipped_when_already_settled(harness: Harness) -> None:
    sam = await _sos_options(harness, 2)
    await sam.tap("Wait 15 minutes")
    [urge] = await _urges(harness)
    await harness.repo.set_urge_outcome(42, urge.id, "resisted")
    harness.clock.advance(minutes=15)
    mark = len(harness.request.calls)
    await harness.tick()
    assert harness.request.calls[mark:] == []


async def test_talk_to_someone(harness: Harness) -> None:
    sam = await _sos_options(harness, 6)
    replies = await sam.tap("Talk to someone")
    assert "a friend" in sam.texts(replies)
    assert (await _urges(harness))[0].outcome == "resisted"


async def _write_draft(harness: Harness, body: str) -> None:
    sam = await _sos_options(harness, 7, onboard=False)
    await sam.tap("Write it here instead")
    await sam.send(body)


async def test_late_night_draft_comes_back_next_morning(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/Berlin")
    harness.clock.set(datetime(2026, 3, 2, 22, 30, tzinfo=UTC))  # 23:30 in Berlin
    await _write_draft(harness, "I <b>miss</b> you & I'm sorry")
    [draft] = await harness.repo.drafts(42)
    assert draft.body == "I <b>miss</b> you & I'm sorry" and draft.late_night
    [row] = await pending(harness, "sos.morning")
    assert row.due_at == "2026-03-03T08:00:00Z"  # 09:00 in Berlin
    harness.clock.set(datetime(2026, 3, 3, 7, 59, tzinfo=UTC))
    assert await harness.tick() == 0
    harness.clock.advance(minutes=1)
    mark = len(harness.request.calls)
    assert await harness.tick() == 1
    text = sam.texts(harness.request.calls[mark:])
    assert "Good morning, Sam" in text and "still want to send this?" in text
    assert "I &lt;b&gt;miss&lt;/b&gt; you &amp; I&#39;m sorry" in text
    replies = await sam.tap("Glad I didn't")
    assert "stays here, unsent" in sam.texts(replies)
    assert (await harness.repo.drafts(42))[0].revisit == "let_go"
    assert "already settled" in sam.texts(await sam.tap("Part of me"))


async def test_daytime_draft_does_not_come_back(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/Berlin")
    await _write_draft(harness, "hey, how have you been")  # 10:00 in Berlin
    replies_text = sam.texts(harness.request.calls[-3:])
    assert "Kept safe, and not sent" in replies_text
    assert await pending(harness, "sos.morning") == []
    harness.clock.advance(days=1)
    mark = len(harness.request.calls)
    await harness.tick()
    assert harness.request.calls[mark:] == []
    assert (await _urges(harness))[0].outcome == "wrote_it"


async def test_small_hours_draft_comes_back_the_same_morning(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="America/New_York")
    harness.clock.set(datetime(2026, 3, 3, 7, 0, tzinfo=UTC))  # 02:00 in New York
    await _write_draft(harness, "are you up")
    [row] = await pending(harness, "sos.morning")
    assert row.due_at == "2026-03-03T14:00:00Z"  # 09:00 in New York, same day
    harness.clock.set(datetime(2026, 3, 3, 14, 0, tzinfo=UTC))
    await harness.tick()
    replies = await sam.tap("I sent something anyway")
    assert "No judgement" in sam.texts(replies)
    assert (await _urges(harness))[0].outcome == "contacted"


async def test_drafts_lists_escaped(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("/drafts")
    assert "Your unsent box is empty" in sam.texts(replies)
    await _write_draft(harness, "<script>alert(1)</script> & <i>you</i>")
    harness.clock.advance(minutes=5)
    await _write_draft(harness, "second one")
    replies = await sam.send("/drafts")
    text = sam.texts(replies)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;i&gt;you&lt;/i&gt;" in text
    assert "<script>" not in text
    assert text.index("second one") < text.index("&lt;script&gt;")  # newest first
    assert "02 Mar, 10:00" in text  # written-at in the user's own time (Berlin)


async def test_reaching_out_after_the_wait_restarts_the_count_kindly(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.update_profile(42, no_contact_since=date(2026, 2, 20))  # 10 days in
    await sam.send("/sos")
    await sam.tap("9")
    await sam.tap("Skip this")
    await sam.tap("Wait 15 minutes")
    harness.clock.advance(minutes=15)
    await harness.tick()
    replies = await sam.tap("I already reached out")
    text = sam.texts(replies)
    assert "No lecture" in text and "starts again from today" in text and "10 days" in text
    [slip] = await harness.repo.slips(42)
    assert slip.streak_days == 10
    user = await harness.repo.get_user(42)
    assert user.no_contact_since == harness.clock.now().date()
    await sam.send("a sad song came on")  # the optional note on what set it off
    assert (await harness.repo.slips(42))[0].note == "a sad song came on"


async def test_two_taps_on_wait_across_a_second_boundary_give_one_check_back(
    harness: Harness,
) -> None:
    sam = await _sos_options(harness, 6)
    wait = next(data for label, data in sam.last_buttons() if "Wait 15" in label)
    first = await sam.press(wait)
    harness.clock.advance(seconds=1.5)  # the old key held the whole second: a second timer
    second = await sam.press(wait)
    assert "check back" in sam.texts(first)
    assert "already running" in sam.texts(second)
    assert len(await pending(harness, "sos.wait")) == 1
    harness.clock.advance(minutes=15)
    mark = len(harness.request.calls)
    assert await harness.tick() == 1
    harness.clock.advance(minutes=15)
    assert await harness.tick() == 0
    checks = [c for c in harness.request.calls[mark:] if "Fifteen minutes are up" in c.text]
    assert len(checks) == 1


async def test_an_urge_to_look_at_them_gets_the_same_help_in_words_about_looking(
        harness: Harness) -> None:
    """'i want to check his insta' is the pull the SOS is for (the article: remove them from
    social media), named as looking, not as writing; idle, mid-question and before setup."""
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("i really want to check his insta rn")
    text = sam.texts(replies)
    assert "the pull to check up on him right now, Sam" in text
    assert "reach out" not in text and "one message would reset" not in text
    assert "How strong is the urge" in text
    assert [u.source for u in await _urges(harness)] == ["text"]

    await sam.tap("not what I meant")
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    replies = await sam.send("i need to see if he viewed my story")
    assert "the pull to check up on him" in sam.texts(replies)
    assert "Do you want help with that urge right now?" in sam.texts(replies)
    replies = await sam.tap("Yes, help me now")
    assert "the pull to check up on him right now" in sam.texts(replies)
    assert await harness.repo.answers(42, 1) == []

    # a pull to write keeps its own words
    newcomer = harness.user(43)
    replies = await newcomer.send("i want to stalk her page so bad")
    assert "That pull to check up on them" in newcomer.texts(replies)


async def test_every_pep_talk_for_a_pull_to_look_speaks_of_looking_not_sending(
        harness: Harness) -> None:
    """The pep talk is picked at random from the library (the whole of it before a repeat): for
    a pull to look at their page, none of the thirty may talk about sending a message."""
    sam = harness.user(42)
    await sam.onboard()
    writing = re.compile(r"\b(?:send|sending|sent|text|message|reach out|typ(?:e|ing))\b", re.I)
    shown = set()
    for _ in range(len(pep_ids())):
        replies = await sam.send("i really want to check his insta rn")
        moment = replies[0].text
        assert "the pull to check up on him right now, Sam" in moment
        assert writing.search(moment) is None, moment
        shown.add(moment)
        await sam.tap("4")
        await sam.tap("Skip this")
        await sam.tap("I'm OK now")
    assert sorted(await harness.repo.recent_peps(42, 50)) == sorted(pep_ids())
    assert len(shown) == len(pep_ids())


async def test_wanting_to_see_them_is_reaching_out_not_looking(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("i want to see him so bad")
    assert "Sounds like you want to reach out to him right now, Sam." in sam.texts(replies)


async def test_a_command_without_its_entity_and_sos_without_a_slash_still_work(
        harness: Harness) -> None:
    """Some clients and bridges send "/sos" with no bot_command entity, and in a hurry people
    type "SOS!!" without the slash: both open the SOS flow, also mid-question, where "/sos" was
    read as a bad answer. Words that merely contain "sos" are not the command."""
    sam = harness.user(42)
    await sam.onboard()
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    replies = await sam.send("/sos", entities=[])
    assert "How strong is the urge" in sam.texts(replies)
    assert await sam.state() == "sos.intensity"
    await sam.send("3")
    for typed in ("SOS!!", "sos pls", " /sos@comeback_coach_bot"):
        await sam.send("/cancel")
        replies = await sam.send(typed, entities=[])
        assert "How strong is the urge" in sam.texts(replies), typed
    await sam.send("/cancel")
    replies = await sam.send("i sent an sos to my group chat last night")
    assert "How strong is the urge" not in sam.texts(replies)
    replies = await sam.send("/notacommand", entities=[])
    assert "How strong is the urge" not in sam.texts(replies)
