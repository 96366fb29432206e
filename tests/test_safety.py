"""Crisis care and the abuse screen, through the real application."""

from datetime import timedelta

from bot.features.safety import handlers as safety
from bot.ui.keyboards import encode
from tests.harness import Harness

CRISIS = "taking it seriously"  # in the crisis reply and in the contacts again
ABUSE = "your fault"  # "none of it is your fault", "it's not your fault": in every abuse note


async def to_safe_question(sam) -> None:  # type: ignore[no-untyped-def]
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    await sam.send("we never talked about anything real")
    await sam.tap("all for now")
    await sam.send("coldly, most of the time")
    await sam.send("not often")


async def test_crisis_text_mid_onboarding_pauses_and_resumes(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.send("/start")
    assert await sam.state() == "onboard.name"
    replies = await sam.send("Honestly I just want to diiie")
    text = sam.texts(replies)
    assert CRISIS in text and "findahelpline.com" in text and "emergency number" in text
    assert len(replies) <= 2  # helpline first, then warmth: two messages at most
    assert text.index("findahelpline.com") < text.index("can change")
    assert await sam.state() is None  # the flow stopped
    user = await harness.repo.get_user(42)
    assert user.display_name is None  # the crisis text was not taken as a name
    record = await harness.repo.safety_record(42)
    assert record.paused_state == "onboard.name" and record.crisis_count == 1
    assert record.crisis_until == harness.clock.now() + timedelta(hours=24)
    replies = await sam.tap("ready to carry on")
    assert "What should I call you" in sam.texts(replies)
    assert await sam.state() == "onboard.name"
    assert (await harness.repo.safety_record(42)).paused_state is None
    assert (await harness.repo.safety_record(42)).crisis_until is None
    await sam.send("Robin")
    assert (await harness.repo.get_user(42)).display_name == "Robin"  # a typed answer counts


async def test_helpline_follows_the_time_zone(harness: Harness) -> None:
    berlin, chicago, nowhere = harness.user(1), harness.user(2), harness.user(3)
    await berlin.onboard(tz="Europe/Berlin")
    await chicago.onboard(tz="America/Chicago")
    await nowhere.onboard(tz="UTC")
    de = berlin.texts(await berlin.send("I want to end my life"))
    us = chicago.texts(await chicago.send("I can\u2019t go on"))  # possible risk: the question
    xx = nowhere.texts(await nowhere.send("I keep thinking about ending it all"))
    assert "TelefonSeelsorge" in de and "0800 111 0 111" in de and "emergency number, 112" in de
    assert "988" in us and "TelefonSeelsorge" not in us
    assert "Are you thinking about ending your life" in us.replace("are you", "Are you")
    assert "findahelpline.com" in xx and "988" not in xx and "which country" in xx
    # The country buttons come with the reply when the zone names none.
    assert any(label.endswith("United States") for label, _ in nowhere.last_buttons())


async def test_crisis_mid_step_keeps_the_answer_out_and_carry_on_restores(harness: Harness) -> None:
    sam = await harness.at_step1()
    await sam.send("we fought about everything")
    replies = await sam.send("I took all my pills")
    assert CRISIS in sam.texts(replies) and "Saved" not in sam.texts(replies)
    problems = await harness.repo.answers(42, 1, "problem")
    assert [a.value for a in problems] == ["we fought about everything"]
    # The next messages in the same dark moment still get care, never the plan or a fallback.
    replies = await sam.send("i mean it")
    assert "wasn't waiting" not in sam.texts(replies) and "journal" not in sam.texts(replies)
    assert "ready to carry on" in sam.texts(replies) and "TelefonSeelsorge" in sam.texts(replies)
    replies = await sam.send("kms")  # crisis words again: the contacts again, shorter
    assert CRISIS in sam.texts(replies) and "TelefonSeelsorge" in sam.texts(replies)
    assert len(replies) == 1
    assert (await harness.repo.safety_record(42)).crisis_count == 2
    carry_on = next(d for label, d in sam.last_buttons() if "carry on" in label)
    harness = await harness.restart()  # crisis mode and old buttons survive a restart
    sam = harness.user(42)
    replies = await sam.send("still here")
    assert "ready to carry on" in sam.texts(replies)  # care, not the companion's offer
    replies = await sam.press(carry_on)
    assert "What were the problems between you" in sam.texts(replies)  # asked again
    assert await sam.state() == "step1.problems"
    await sam.send("money")
    assert len(await harness.repo.answers(42, 1, "problem")) == 2
    await harness.stop()


async def test_figures_of_speech_flow_through(harness: Harness) -> None:
    sam = await harness.at_step1()
    replies = await sam.send("he said my dress was to die for, then left")
    assert "seriously" not in sam.texts(replies) and "Saved (1)" in sam.texts(replies)
    assert await harness.repo.safety_record(42) is None


async def test_self_harm_is_never_a_figure_of_speech(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    for text in ("I cut myself on purpose", "I burned myself with the lighter again"):
        assert CRISIS in sam.texts(await sam.send(text)), text
        await sam.tap("ready to carry on")


async def test_help_always_points_to_urgent_help(harness: Harness) -> None:
    sam = harness.user(42)
    replies = await sam.send("/help")  # even before onboarding
    assert "findahelpline.com" in sam.texts(replies) and "emergency" in sam.texts(replies)


async def test_unsafe_answer_gives_abuse_contacts_and_holds_step7(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/London")
    await to_safe_question(sam)
    replies = await sam.send("No. I was scared of him most days")
    text = sam.texts(replies)
    assert ABUSE in text and "0808 2000 247" in text and "safety path" in text
    assert "do you actually want him back" in text  # the step goes on
    assert len(replies) <= 3
    assert await sam.state() == "step1.want_back"
    assert await harness.repo.latest_answer(42, 1, "safe") == "No. I was scared of him most days"
    record = await harness.repo.safety_record(42)
    assert record.abuse_flagged and record.hold
    assert record.abuse_words == ("No. I was scared of him most days",)
    assert (await harness.repo.get_user(42)).path == "safety"

    # Step 7, with every other condition met, stays closed on the safety path, kindly, with
    # the abuse line, and with no button under it: not a single tap into reconnecting.
    for step in range(1, 7):
        await harness.repo.complete_step(42, step)
    today = harness.clock.now().date()
    await harness.repo.update_profile(42, no_contact_since=today - timedelta(days=60))
    replies = await sam.press(encode("steps", "open", "7", owner=42))
    text = sam.texts(replies)
    assert "stays closed for you" in text and "not your fault" in text
    assert replies[-1].markup is None
    assert (await harness.repo.step_statuses(42)).get(7) is None

    # /settings explains first; someone else cannot press the confirmation for Sam.
    await sam.send("/settings")
    replies = await sam.tap("Your path")
    assert "not your fault" in sam.texts(replies) and "0808 2000 247" in sam.texts(replies)
    confirm = next(d for label, d in sam.last_buttons() if "safe now" in label)
    refusal = await sam.press(confirm, as_user=99)
    assert any(c.method == "answerCallbackQuery" and c.params.get("show_alert") for c in refusal)
    # A tap on the final button before the review screen was shown is not enough.
    await sam.press(encode("sf", "sure", owner=42))
    assert not (await harness.repo.safety_record(42)).step7_confirmed
    # "I'm safe now" shows their own words and the line again; only the second tap counts.
    replies = await sam.press(confirm)
    text = sam.texts(replies)
    assert "<blockquote>No. I was scared of him most days</blockquote>" in text
    assert "0808 2000 247" in text
    assert not (await harness.repo.safety_record(42)).step7_confirmed
    replies = await sam.tap("I've read this")
    assert "Where do you stand now" in sam.texts(replies)
    # Confirming lifts the hold but changes nothing else until a path is picked.
    assert (await harness.repo.get_user(42)).path == "safety"
    harness = await harness.restart()
    sam = harness.user(42)
    assert (await harness.repo.safety_record(42)).step7_confirmed
    replies = await sam.tap("I want him back")
    assert (await harness.repo.get_user(42)).path == "reconnect"
    replies = await sam.press(encode("steps", "open", "7", owner=42))
    assert "stays closed" not in sam.texts(replies)
    assert 7 in await harness.repo.step_statuses(42)
    await harness.stop()


async def test_keep_the_safety_path(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await sam.send("he threatened to share my photos if I left <b>me</b> & all")
    replies = await sam.press(encode("sf", "confirm", owner=42))
    assert "if I left &lt;b&gt;me&lt;/b&gt; &amp; all</blockquote>" in sam.texts(replies)
    assert harness.request.rejected == []
    replies = await sam.tap("Keep the safety path")
    assert "safety path stays" in sam.texts(replies)
    assert (await harness.repo.safety_record(42)).hold


async def test_a_plain_no_to_the_safe_question_is_heard_too(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await to_safe_question(sam)
    replies = await sam.send("not really")
    assert ABUSE in sam.texts(replies) and await sam.state() == "step1.want_back"
    assert (await harness.repo.safety_record(42)).abuse_flag_source == "safe"


async def test_a_yes_to_the_safe_question_changes_nothing(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await to_safe_question(sam)
    replies = await sam.send("yes, always")
    assert ABUSE not in sam.texts(replies)
    assert await harness.repo.safety_record(42) is None


async def test_abuse_named_in_a_problem_is_stored_then_noted(harness: Harness) -> None:
    sam = await harness.at_step1(tz="UTC")
    replies = await sam.send("he used to check my phone and scream at me")
    text = sam.texts(replies)
    assert "kept it with your answers" in text and ABUSE in text
    assert "findahelpline.com" in text
    assert [a.value for a in await harness.repo.answers(42, 1, "problem")] == [
        "he used to check my phone and scream at me"]
    assert await sam.state() == "step1.problems"
    replies = await sam.send("she threatened to post my photos")
    assert "this too" in sam.texts(replies)  # shorter the second time, still not their fault
    assert len(await harness.repo.answers(42, 1, "problem")) == 2
    assert (await harness.repo.safety_record(42)).abuse_flag_source == "step1.problems"


async def test_abuse_in_an_earlier_hard_question(harness: Harness) -> None:
    sam = await harness.at_step1()
    await sam.send("distance")
    await sam.tap("all for now")
    replies = await sam.send("he was controlling about money and friends")
    assert ABUSE in sam.texts(replies)
    assert "Did he make you feel good" in sam.texts(replies)
    assert await sam.state() == "step1.feel_good"
    assert await harness.repo.latest_answer(42, 1, "treated") == (
        "he was controlling about money and friends")


async def test_abuse_heard_anywhere_is_never_stored_as_the_answer(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/London")
    replies = await sam.send("she used to hit me when she got angry")  # nothing pending
    text = sam.texts(replies)
    assert ABUSE in text and "0808 2000 247" in text and "wasn't waiting" not in text
    assert (await harness.repo.safety_record(42)).hold
    await sam.send("/settings")
    await sam.tap("Your name")
    replies = await sam.send("he tracked my location and followed me home")
    assert ABUSE in sam.texts(replies) and "What should I call you" in sam.texts(replies)
    assert (await harness.repo.get_user(42)).display_name == "Sam"
    assert await sam.state() == "settings.name"


async def test_stats_is_for_admins_only_and_counts_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    harness = await Harness(tmp_path / "bot.sqlite3", admin_ids=[7]).start()
    sam, admin = harness.user(42), harness.user(7)
    await sam.onboard()
    await sam.send("I want to die")
    replies = await sam.send("/stats")
    assert "don't know that command" in sam.texts(replies)
    await admin.onboard()
    text = admin.texts(await admin.send("/stats"))
    assert "Users: 2 (2 finished onboarding)" in text and "Crisis screens fired: 1, for 1 user" in text
    assert "Sam" not in text and "die" not in text
    await harness.stop()


async def test_carry_on_for_another_features_question_keeps_the_place(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await harness.repo.set_state(42, "step2.mantra", {"tries": 1})  # any other feature's state
    await sam.send("what's the point of living")
    assert await sam.state() == "safety.ask"
    await sam.tap("Yes")
    assert await sam.state() is None
    replies = await sam.tap("carry on")
    assert "Say it back to me in your own words" in sam.texts(replies)  # asked again
    user = await harness.repo.get_user(42)
    assert user.state == "step2.mantra"
    replies = await sam.tap("carry on")  # a second tap changes nothing: a toast, no message
    assert [(c.method, c.params.get("text")) for c in replies] == [
        ("answerCallbackQuery", "Got that already ✓")]
    # The same button on another message still answers, in words.
    carry_on = safety.carry_on_keyboard(user).inline_keyboard[0][0].callback_data
    assert "already back in it" in sam.texts(await sam.press(str(carry_on)))


async def test_crisis_reply_is_two_messages_with_the_helpline_first(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard(tz="Europe/Berlin")
    replies = await sam.send("I keep thinking about ending it all")
    sent = [c for c in replies if c.method == "sendMessage"]
    assert len(sent) == 2
    first_lines = "\n".join(sent[0].text.splitlines()[:3])
    assert "0800 111 0 111" in first_lines  # the number in the first lines, before the rest
    assert "emergency number" in sent[0].text
    assert [label for label, _ in sent[1].buttons()] == ["I'm ready to carry on"]


async def test_the_ex_wanting_to_kill_the_user_is_a_threat_not_their_crisis(
        harness: Harness) -> None:
    """"ele quer me matar" (he wants to kill me) used to get the crisis reply as if the user
    wanted to die; it is the abuse note with the country's line, and no crisis hold. The user's
    own wish in the same words ("quero me matar") still gets the crisis reply."""
    ana = harness.user(51)
    await ana.onboard(name="Ana", tz="America/Sao_Paulo")
    text = ana.texts(await ana.send("ele quer me matar"))
    assert ABUSE in text and CRISIS not in text
    assert (await harness.repo.safety_record(51)).crisis_count == 0
    text = ana.texts(await ana.send("quero me matar"))
    assert CRISIS in text
    assert (await harness.repo.safety_record(51)).crisis_count == 1
