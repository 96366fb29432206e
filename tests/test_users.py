"""The chat id saved on first contact follows the user's private chat; group chats never move it."""

from __future__ import annotations

from datetime import timedelta

from tests.checkin_helpers import checkins_sent, in_no_contact, run_until
from tests.harness import Harness

NEW_CHAT = 9_000_042


async def test_a_private_message_from_another_chat_moves_scheduled_messages_there(
    harness: Harness,
) -> None:
    chat = await in_no_contact(harness)
    await chat.process(harness.updates.text(42, "/help", chat_id=NEW_CHAT))
    user = await harness.repo.get_user(42)
    assert user is not None and user.chat_id == NEW_CHAT
    await run_until(harness, harness.clock.now() + timedelta(days=1))
    assert checkins_sent(harness, NEW_CHAT) and not checkins_sent(harness, 42)


async def test_a_group_callback_leaves_the_chat_id_alone(harness: Harness) -> None:
    chat = harness.user(42)
    await chat.onboard()
    await chat.process(harness.updates.callback(42, "1|x|y||42", chat_id=-100123))
    user = await harness.repo.get_user(42)
    assert user is not None and user.chat_id == 42


async def test_a_user_back_after_blocking_is_active_with_their_chat(harness: Harness) -> None:
    chat = harness.user(42)
    await chat.onboard()
    await harness.repo.set_active(42, False)
    await chat.process(harness.updates.text(42, "/help", chat_id=NEW_CHAT))
    user = await harness.repo.get_user(42)
    assert user is not None and user.active and user.chat_id == NEW_CHAT
