"""The replies' HTTP client (bot/core/http.py) sends what PTB's HTTPXRequest sends and fails the
way PTB expects, against the loopback-HTTP Bot API stand-in."""

from __future__ import annotations

import asyncio
import socket

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bench.http_standin import Fault, HttpStandIn
from bot.core.http import AiohttpRequest

TOKEN = "123456789:AAbbccddeeffgghhiijjkkllmmnnooppqq"


def make_bot(base_url: str, read_timeout: float = 5.0, size: int = 4) -> Bot:
    return Bot(TOKEN, base_url=base_url,
               request=AiohttpRequest(size, read_timeout=read_timeout))


async def test_sends_form_fields_keyboards_and_files_like_httpx() -> None:
    async with HttpStandIn(lifetime=30) as api:
        async with make_bot(api.base_url) as bot:
            me = await bot.get_me()
            assert me.username == "comeback_coach_bot"
            keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="1|x|y")]])
            message = await bot.send_message(42, "hello <b>you</b> & é 💬", parse_mode="HTML",
                                             reply_markup=keyboard)
            assert message.text == "hello <b>you</b> & é 💬" and message.chat.id == 42
            await bot.send_photo(42, photo=b"\x89PNG fake", caption="chart")
            await bot.send_document(42, document=b'{"a": 1}', filename="export.json")
            await bot.answer_callback_query("17", text="done")
    sent = api.sent(42)
    assert [c.method for c in sent] == ["sendMessage", "sendPhoto", "sendDocument"]
    assert sent[0].buttons() == [("Yes", "1|x|y")]
    assert sent[0].params["parse_mode"] == "HTML"
    assert sent[1].params["file:photo"] == b"\x89PNG fake" and sent[1].text == "chart"
    assert sent[2].params["file:document"] == b'{"a": 1}'
    answered = [c for c in api.calls if c.method == "answerCallbackQuery"]
    assert answered[0].params["text"] == "done"


async def test_faults_map_to_ptb_errors() -> None:
    async with HttpStandIn(lifetime=30) as api:
        api.faults += [Fault("429", retry_after=3), Fault("403", chat_id=5),
                       Fault("5xx", status=502, chat_id=6)]
        async with make_bot(api.base_url, read_timeout=0.5) as bot:
            with pytest.raises(RetryAfter) as info:
                await bot.send_message(1, "x")
            assert info.value.retry_after == 3
            with pytest.raises(Forbidden):
                await bot.send_message(5, "x")
            with pytest.raises(NetworkError) as error:
                await bot.send_message(6, "x")
            assert not isinstance(error.value, BadRequest | TimedOut)
            api.faults.append(Fault("timeout", hold=1.5))
            with pytest.raises(TimedOut):
                await bot.send_message(9, "delivered, but no answer")
            await bot.send_message(9, "fine again")
    assert [c.text for c in api.sent(9)] == ["delivered, but no answer", "fine again"]
    assert api.stats()["faults"] == {"429": 1, "403": 1, "5xx": 1, "timeout": 1}


async def test_nothing_listening_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bot = make_bot(f"http://127.0.0.1:{port}/bot")
    await bot.request.initialize()  # not bot.initialize(): its getMe would fail first
    try:
        with pytest.raises(NetworkError) as error:
            await bot.send_message(1, "x")
        assert not isinstance(error.value, TimedOut)
        assert TOKEN not in str(error.value)
    finally:
        await bot.request.shutdown()


async def test_concurrent_calls_share_a_bounded_pool_and_it_closes() -> None:
    async with HttpStandIn(lifetime=30) as api:
        request = AiohttpRequest(2)
        async with Bot(TOKEN, base_url=api.base_url, request=request) as bot:
            await asyncio.gather(*(bot.send_message(100 + n, f"m{n}") for n in range(20)))
        assert len(api.sent()) == 20
        with pytest.raises(RuntimeError, match="not initialized"):
            await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")
