"""Steps 2-6 through the real application: guidance, exercises, stored answers, re-asks."""

from __future__ import annotations

from tests.harness import ChatUser, Harness


async def ready_for(harness: Harness, step: int, user_id: int = 42) -> ChatUser:
    """An onboarded user with every step before `step` marked done."""
    user = harness.user(user_id)
    await user.onboard()
    for earlier in range(1, step):
        await harness.repo.complete_step(user_id, earlier)
    return user


async def latest(harness: Harness, step: int, user_id: int = 42) -> dict[str, str]:
    return {a.key: a.value for a in await harness.repo.answers(user_id, step)}


async def test_step2_pull_mantra_instead(harness: Harness) -> None:
    sam = await ready_for(harness, 2)
    replies = await sam.send("/steps")
    replies = await sam.tap("Step 2")
    text = sam.texts(replies)
    assert "Step 2" in text and "physical pain" in text and "emergency" in text
    assert len(replies) >= 4  # several short messages, not a wall
    assert await sam.state() == "step2.pull"
    replies = await sam.tap("9")
    assert "strong pull" in sam.texts(replies) and "this feeling will pass" in sam.texts(replies)
    assert (await latest(harness, 2))["pull"] == "9"
    replies = await sam.send("It won't last, I'll get through it")
    assert "It won&#39;t last" in sam.texts(replies)
    assert (await latest(harness, 2))["mantra"] == "It won't last, I'll get through it"
    replies = await sam.tap("Go for a walk")
    text = sam.texts(replies)
    assert "Go for a walk" in text and "Step 2 done" in text
    assert (await latest(harness, 2))["instead"] == "Go for a walk"
    statuses = await harness.repo.step_statuses(42)
    assert statuses[2].status == "done"
    assert await sam.state() is None
