"""Every message is heard, in any state, through the real app: contact with the ex in plain
words (the slip flow, the triage), urges mid-question, control words, typed answers to button
questions, the companion fallback and questions about the bot."""

from __future__ import annotations

from datetime import timedelta

from tests.checkin_helpers import in_no_contact
from tests.harness import Harness


async def test_i_texted_him_starts_the_slip_flow(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=10)
    replies = await chat.send("I texted him. i know i shouldnt have")
    assert "When did it happen?" in chat.texts(replies) and "no shame" in chat.texts(replies)
    assert [label for label, _ in chat.last_buttons()] == ["Today", "Yesterday", "Earlier"]
    replies = await chat.send("last night")  # typed, in the user's own calendar
    text = chat.texts(replies)
    user = await harness.repo.get_user(42)
    today = user.today(harness.clock.now())
    assert user.no_contact_since == today - timedelta(days=1)  # the count restarts that day
    assert "today is day 1" in text
    [slip] = await harness.repo.slips(42)
    assert (slip.occurred_on, slip.streak_days) == (today - timedelta(days=1), 9)
    await chat.tap("Skip")
    assert await chat.state() is None


async def test_a_slip_told_with_its_day_is_not_asked_when(harness: Harness) -> None:
    """"I texted him last night" says when: the count restarts on that day at once, with the
    same thanks, and "when did it happen?" is never asked."""
    chat = await in_no_contact(harness, days=10)
    replies = await chat.send("I texted him last night")
    text = chat.texts(replies)
    assert "When did it happen?" not in text and "Thank you for telling me" in text
    user = await harness.repo.get_user(42)
    today = user.today(harness.clock.now())
    assert user.no_contact_since == today - timedelta(days=1)
    [slip] = await harness.repo.slips(42)
    assert (slip.occurred_on, slip.streak_days) == (today - timedelta(days=1), 9)
    assert "set it off" in text and await chat.state() == "nocontact.slip_note"
    assert "today is day 1" in text
    # a day told that lies before the count restarted moves nothing, and says so
    await chat.tap("Skip")
    replies = await chat.send("i also texted him 3 days ago, i should have said")
    text = chat.texts(replies)
    assert "When did it happen?" not in text and "before your current count began" in text
    assert len(await harness.repo.slips(42)) == 1
    assert (await harness.repo.get_user(42)).no_contact_since == today - timedelta(days=1)


async def test_a_slip_mid_question_asks_the_question_again_afterwards(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.tap("Go to step 1")
    await chat.tap("write it out")
    await chat.send("we slept together again")
    await chat.tap("Earlier")
    replies = await chat.send("last saturday")
    assert "set it off" in chat.texts(replies)
    replies = await chat.send("a sad song at 2am")
    text = chat.texts(replies)
    assert "What were the problems between you" in text  # the open question, asked again
    assert await chat.state() == "step1.problems"
    assert await harness.repo.answers(42, 1) == []  # nothing of it became a problem
    assert (await harness.repo.slips(42))[0].note == "a sad song at 2am"


async def test_a_slip_before_the_count_began_leaves_the_count(harness: Harness) -> None:
    chat = await in_no_contact(harness, days=3)
    await chat.send("I called her")
    await chat.tap("Earlier")
    replies = await chat.send("two weeks ago")
    assert "before your current count began" in chat.texts(replies)
    assert await harness.repo.slips(42) == []


async def test_he_texted_me_brings_the_triage(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    replies = await chat.send("he texted me")
    assert "got in touch" in chat.texts(replies)
    replies = await chat.tap("A crumb")
    assert "breadcrumb" in chat.texts(replies)
    assert await harness.repo.slips(42) == []  # their contact is not a slip


async def test_the_kind_of_message_told_in_words_is_not_asked(harness: Harness) -> None:
    """What the ex sent, told in the user's words, brings that advice at once; words of two
    kinds (the dog and missing them) are asked about."""
    chat = await in_no_contact(harness)
    for words, advice in (("he texted me happy birthday", "that's a breadcrumb"),
                          ("she messaged me at 3am saying she misses me", "hurts most"),
                          ("he texted asking when he can pick up his stuff", "part of life")):
        replies = await chat.send(words)
        text = chat.texts(replies)
        assert "got in touch" in text and advice in text, words
        assert "What kind of message was it?" not in text
    replies = await chat.send("he messaged about the dog and said he misses me")
    assert "What kind of message was it?" in chat.texts(replies)
    assert await harness.repo.slips(42) == []


async def test_an_urge_mid_question_is_never_the_answer(harness: Harness) -> None:
    sam = await harness.at_step1()
    replies = await sam.send("i really want to text him right now")
    assert "Do you want help with that urge right now?" in sam.texts(replies)
    assert await harness.repo.answers(42, 1) == []
    replies = await sam.tap("No, let's go on")
    assert "What were the problems between you" in sam.texts(replies)
    await sam.send("i want to call him so bad")
    replies = await sam.send("yes")  # typed
    assert "How strong is the urge" in sam.texts(replies)
    replies = await sam.send("like a 2")  # typed intensity
    assert "What set it off" in sam.texts(replies) or "set it off" in sam.texts(replies)
    [urge] = await harness.repo.urges(42)
    assert urge.intensity == 2
    await sam.tap("Skip this")
    assert await sam.state() == "step1.problems"
    assert await harness.repo.answers(42, 1) == []


async def test_words_to_the_offer_that_answer_the_question_count(harness: Harness) -> None:
    sam = await harness.at_step1()
    await sam.send("should I call him")
    replies = await sam.send("he never listened to me")
    assert "Saved (1)" in sam.texts(replies)
    assert await sam.state() == "step1.problems"


async def test_control_words_in_questions_are_never_data(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    replies = await sam.send("skip")
    assert (await harness.repo.get_user(42)).display_name is None  # not "skip"
    assert await sam.state() == "onboard.pronoun"
    replies = await sam.send("go back")
    assert "What should I call you" in sam.texts(replies)
    replies = await sam.send("is this a real person?")  # answered honestly, then asked again
    assert "I'm not a person" in sam.texts(replies)
    assert "What should I call you" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).display_name is None
    await sam.send("Sam")
    replies = await sam.send("help")  # how to answer this question, not the list of commands
    assert "answer in your own words" in sam.texts(replies) and "/help" in sam.texts(replies)
    assert "which word fits" in sam.texts(replies) and "/export" not in sam.texts(replies)
    await sam.send("her")  # a typed pronoun
    assert (await harness.repo.get_user(42)).ex_pronoun == "she"
    await sam.send("skip")  # no nickname
    await sam.send("two weeks ago")
    await sam.send("Manchester")
    await sam.send("7pm")
    user = await harness.repo.get_user(42)
    assert user.onboarded and user.ex_nickname is None
    assert user.breakup_date == user.today(harness.clock.now()) - timedelta(days=14)
    assert (user.timezone, user.country, user.checkin_time.hour) == ("Europe/London", "GB", 19)
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    replies = await sam.send("menu")
    assert "Where to?" in sam.texts(replies) and await sam.state() is None


async def test_typed_answers_to_step_and_checkin_questions(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    for step in range(1, 2):
        await harness.repo.complete_step(42, step)
    await chat.send("/steps")
    await chat.tap("2")
    replies = await chat.send("7/10")
    assert await harness.repo.latest_answer(42, 2, "pull") == "7"
    assert "in your own words" in chat.texts(replies)
    await chat.send("/cancel")
    await chat.send("/checkin")
    await chat.send("pretty good")
    await chat.send("nope")
    await chat.send("about a seven")
    entry = await harness.repo.get_checkin(42, (await harness.repo.get_user(42)).today(
        harness.clock.now()))
    assert (entry.mood, entry.contacted, entry.urge) == (4, False, 7)
    assert await chat.state() == "checkin.note"
    await chat.send("skip")
    assert await chat.state() is None


async def test_a_sentence_to_a_checkin_question_is_heard_as_words(harness: Harness) -> None:
    chat = await in_no_contact(harness)
    await chat.send("/checkin")
    replies = await chat.send("he posted a photo with someone new and it wrecked me")
    assert "Keep it in my journal" in str([c.buttons() for c in replies])
    # heard, and the check-in goes on: its question again (tests/test_aside.py says more)
    assert "How has today been" in chat.texts(replies)
    assert await chat.state() == "checkin.mood"


async def test_the_companion_acknowledges_and_keeps_words_in_the_journal(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.send("today was long, i kept thinking about our trip to <Lisbon>")
    text = sam.texts(replies)
    assert "wasn't waiting" not in text and "/sos" in text and "/steps" in text
    replies = await sam.tap("Keep it in my journal")
    assert "Kept in your journal" in sam.texts(replies)
    assert [e.body for e in await harness.repo.whole_journal(42)] == [
        "today was long, i kept thinking about our trip to <Lisbon>"]
    replies = await sam.tap("Keep it in my journal")  # a second tap keeps nothing twice
    assert [(c.method, c.params.get("text")) for c in replies] == [
        ("answerCallbackQuery", "Got that already ✓")]
    assert len(await harness.repo.whole_journal(42)) == 1
    assert "our trip to &lt;Lisbon&gt;" in sam.texts(await sam.send("/journal"))
    replies = await sam.send("thanks")
    assert "journal" not in sam.texts(replies)


async def test_the_companion_answers_what_the_words_are_about(harness: Harness) -> None:
    """Everyday words get a reply that fits them, not the same acknowledgement every time:
    why it ended, whether the ex will come back (never a promise), the ex with someone new, a
    better day, not knowing what to do, thanks. Each reply is different, none says it wasn't
    waiting, and words worth keeping can be kept."""
    sam = harness.user(42)
    await sam.onboard()
    seen: set[str] = set()
    for words, fits, keeps in (
            ("why did he leave me", "Step 1 of your plan", True),
            ("do you think he will come back", "I can't promise that", True),
            ("i saw him with someone new today <3", "says nothing about what you're worth", True),
            ("im doing a bit better today actually", "Better days count", True),
            ("idk what to do", "just the next small thing", False),
            ("does it ever get easier??", "not in a straight line", False),
            ("am i stupid for still loving him", "Not stupid at all", True),
            ("should i delete our photos", "move the photos into a folder", False),
            ("goodnight", "Good night, Sam", False),
            ("lol", "Tell me whatever's on your mind", False),
            ("thanks, youre helpful", "I'm here whenever you need me", False),
            ("i miss him so much tonight", "love with nowhere to go", True),
            ("its 3am and im still awake", "the mind gets loud", True),
            ("how do i stop thinking about him", "give the thoughts a slot", True),
            ("i feel so stupid", "a feeling, not a fact about you", True),
            ("i ran into him at the station", "a snapshot, not the whole story", True),
            ("i went on a date tonight", "putting yourself out there", True),
            ("he unfollowed me on insta", "mute or hide him", True),
            ("i looked at his insta again", "the late-night scroll", True)):
        replies = await sam.send(words)
        text = sam.texts(replies)
        assert fits in text and "wasn't waiting" not in text, words
        labels = [label for call in replies for label, _ in call.buttons()]
        assert any("journal" in label.lower() for label in labels) == keeps, words
        assert text not in seen
        seen.add(text)
    assert await harness.repo.whole_journal(42) == []  # kept only when asked
    # With nothing asked, "what should i do now" is about their life: not the list of commands
    text = sam.texts(await sam.send("what should i do now"))
    assert "just the next small thing" in text and "/export" not in text
    assert "/export" in sam.texts(await sam.send("help"))


async def test_on_the_safety_path_the_companion_never_talks_of_getting_back(
        harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await sam.send("he used to hit me when he got angry")
    assert (await harness.repo.get_user(42)).path == "safety"
    text = sam.texts(await sam.send("do you think he will come back"))
    assert "gives anything a chance" not in text and "safe" in text
    text = sam.texts(await sam.send("why did he leave me"))
    assert "never your fault" in text
    text = sam.texts(await sam.send("should i block him everywhere"))
    assert "keeping a copy" in text and "domestic-abuse line" in text and "step 4" not in text
    text = sam.texts(await sam.send("is it normal that i still miss him"))
    assert "doesn't make it your fault" in text and "Not stupid at all" not in text


async def test_questions_about_the_bot_get_honest_answers(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    assert "I'm not a person" in sam.texts(await sam.send("is this a real person?"))
    assert "not a therapist" in sam.texts(await sam.send("are you a therapist"))
    assert "I'm a bot" in sam.texts(await sam.send("are you AI?"))
    assert "/delete" in sam.texts(await sam.send("do you store my messages?"))


async def test_before_onboarding_words_get_a_kind_reply_that_offers_setup(harness: Harness) -> None:
    sam = harness.user(42)
    assert "/start" in sam.texts(await sam.send("hi, a friend sent me here"))
    assert "/start" in sam.texts(await sam.send("i texted him last night"))
    assert "/sos" in sam.texts(await sam.send("i really want to text him"))
    assert (await harness.repo.get_user(42)).state is None


async def test_edits_and_captions_are_heard(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    replies = await sam.process(harness.updates.edited(42, "he choked me once"))
    assert "your fault" in sam.texts(replies)
    replies = await sam.process(harness.updates.edited(42, "a fixed typo"))
    assert "edit" in sam.texts(replies)


async def test_contact_news_at_the_urge_scale_is_heard_not_misread(harness: Harness) -> None:
    """The SOS asks how strong the urge is; "he texted me last night" is not a failed number
    but news: the triage, then the scale again. An urge there stays part of the answer."""
    chat = await in_no_contact(harness)
    await chat.send("/sos")
    assert await chat.state() == "sos.intensity"
    replies = await chat.send("he texted me last night")
    text = chat.texts(replies)
    assert "got in touch" in text and "didn't catch a number" not in text
    assert await harness.repo.slips(42) == []
    await chat.send("/sos")
    replies = await chat.send("I already sent him a message")
    assert "When did it happen?" in chat.texts(replies)  # the slip flow, not "no number"


async def test_a_hello_to_an_open_question_is_greeted_never_saved(harness: Harness) -> None:
    """A day later, "hello?" is not one of the problems between you: a greeting, then the
    question again, and nothing stored. A real answer after it is kept as usual."""
    chat = await in_no_contact(harness)
    await chat.tap("Go to step 1")
    await chat.tap("write it out")
    for hello in ("hello?", "Hiii", "you there?", "good morning"):
        text = chat.texts(await chat.send(hello))
        assert "I'm here" in text and "What were the problems between you" in text, hello
    assert await harness.repo.answers(42, 1) == []
    assert await chat.state() == "step1.problems"
    text = chat.texts(await chat.send("hi, he never listened to me"))
    assert "Saved (1)" in text  # words beyond the hello are an answer


async def test_hi_at_the_name_question_is_not_a_name(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    text = sam.texts(await sam.send("hi"))
    assert "I'm here" in text and "What should I call you?" in text
    assert (await harness.repo.get_user(42)).display_name is None
