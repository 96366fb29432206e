"""The loopback-HTTP Bot API stand-in answers PTB's real HTTP client like Telegram would."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bench.http_standin import Fault, HttpStandIn, max_in_window

TOKEN = "123456789:AAbbccddeeffgghhiijjkkllmmnnooppqq"


def make_bot(api: HttpStandIn, read_timeout: float = 5.0) -> Bot:
    return Bot(TOKEN, base_url=api.base_url,
               request=HTTPXRequest(read_timeout=read_timeout),
               get_updates_request=HTTPXRequest(read_timeout=read_timeout))


async def test_answers_sends_and_records_them() -> None:
    async with HttpStandIn(lifetime=30) as api:
        async with make_bot(api) as bot:
            me = await bot.get_me()
            assert me.username == "comeback_coach_bot"
            keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="1|x|y")]])
            message = await bot.send_message(42, "hello <b>you</b>", reply_markup=keyboard)
            assert message.text == "hello <b>you</b>" and message.chat.id == 42
            await bot.send_photo(42, photo=b"\x89PNG fake", caption="chart")
            await bot.edit_message_text("edited", chat_id=42, message_id=message.message_id)
            await bot.answer_callback_query("17")
    sent = api.sent(42)
    assert [c.method for c in sent] == ["sendMessage", "sendPhoto", "editMessageText"]
    assert sent[0].buttons() == [("Yes", "1|x|y")]
    assert sent[1].params["file:photo"] == b"\x89PNG fake" and sent[1].text == "chart"
    assert api.stats()["sends"] == 2


async def test_long_polling_serves_queued_updates_and_honours_offset() -> None:
    async with HttpStandIn(lifetime=30) as api:
        async with make_bot(api) as bot:
            assert await bot.get_updates(timeout=0) == ()
            first = api.push_text(7, "/start")
            updates = await bot.get_updates(timeout=1)
            assert [u.update_id for u in updates] == [first]
            assert updates[0].message.text == "/start" and updates[0].message.chat.id == 7
            # Not confirmed yet: served again; then confirmed by the offset.
            assert len(await bot.get_updates(offset=first, timeout=0)) == 1
            waiter = asyncio.create_task(bot.get_updates(offset=first + 1, timeout=5))
            await asyncio.sleep(0.2)
            assert not waiter.done()  # long poll holds while nothing is queued
            second = api.push_callback(7, "1|a|b")
            updates = await asyncio.wait_for(waiter, 3)
            assert [u.update_id for u in updates] == [second]
            assert updates[0].callback_query.data == "1|a|b"


async def test_injected_faults_map_to_ptb_errors() -> None:
    async with HttpStandIn(lifetime=30) as api:
        api.faults += [Fault("429", retry_after=3), Fault("403", chat_id=5),
                       Fault("5xx", method="getUpdates", status=502, times=2)]
        async with make_bot(api, read_timeout=0.5) as bot:
            with pytest.raises(RetryAfter) as info:
                await bot.send_message(1, "x")
            assert info.value.retry_after == 3
            with pytest.raises(Forbidden):
                await bot.send_message(5, "x")
            for _ in range(2):
                with pytest.raises(NetworkError):
                    await bot.get_updates(timeout=0)
            assert await bot.get_updates(timeout=0) == ()
            api.faults.append(Fault("timeout", hold=1.5))
            with pytest.raises(TimedOut):
                await bot.send_message(9, "delivered, but no answer")
            await bot.send_message(9, "fine again")
    assert [c.text for c in api.sent(9)] == ["delivered, but no answer", "fine again"]
    assert api.stats()["faults"] == {"429": 1, "403": 1, "5xx": 2, "timeout": 1}


async def test_wrong_token_and_unknown_paths_are_refused() -> None:
    async with HttpStandIn(lifetime=30, token=TOKEN) as api:
        async with make_bot(api) as bot:
            await bot.get_me()
        other = Bot("999:" + "z" * 35, base_url=api.base_url)
        with pytest.raises(InvalidToken):
            await other.get_me()
    assert [c.status for c in api.calls] == [200, 200, 401]


async def test_stops_by_itself_after_its_lifetime() -> None:
    api = await HttpStandIn(lifetime=0.3).start()
    await asyncio.sleep(0.6)
    assert api._server is None


def test_window_counts() -> None:
    assert max_in_window([]) == 0
    assert max_in_window([0.0, 0.5, 0.99, 1.0, 1.2, 3.0]) == 4
    assert max_in_window([0.0, 1.0, 2.0]) == 1
