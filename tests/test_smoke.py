from tests.harness import Harness


async def test_onboarding_then_step1(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    user = await harness.repo.get_user(42)
    assert user.onboarded and user.display_name == "Sam" and user.ex_pronoun == "he"
    assert user.timezone == "Europe/Berlin"
    replies = await sam.tap("Go to step 1")
    assert "Step 1" in sam.texts(replies)
