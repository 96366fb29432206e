"""Replies that fail on Telegram's side (5xx, a connection that never opened) are retried for a
bounded time; a bad request and a send that may have arrived are never repeated; when a reply
finally fails, the note says whether what the user sent was saved, and nothing is stored twice."""

from __future__ import annotations

import asyncio
import time
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.app import process
from bot.delivery.backoff import Fate, fate, retry_seconds
from tests.harness import ChatUser, Harness

SAVED = "reached me and is saved"
NOT_SAVED = "did not get through"


def _error(status: int) -> tuple[int, dict[str, Any]]:
    return status, {"ok": False, "error_code": status, "description": "Bad Gateway"}


async def _at_step1_problems(h: Harness, user_id: int) -> ChatUser:
    sam = await h.at_step1(user_id)
    return sam


async def test_one_502_then_success_gives_the_reply_once_and_stores_once(tmp_path: Path) -> None:
    failures = {"left": 0}

    def fault(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if method == "sendMessage" and failures["left"]:
            failures["left"] -= 1
            return _error(502)
        return None

    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    sam = await _at_step1_problems(h, 42)
    failures["left"] = 1
    replies = await sam.send("he never said sorry")
    stored = [a.value for a in await h.repo.answers(42, 1, "problem")]
    await h.stop()
    assert failures["left"] == 0
    assert [c.method for c in replies] == ["sendMessage"]  # the retry, once; no apology
    assert replies[0].text.startswith("Saved (1)")
    assert stored == ["he never said sorry"]


async def test_ten_seconds_of_500s_then_every_message_is_answered(tmp_path: Path) -> None:
    outage = {"until": 0.0}

    def fault(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if method == "sendMessage" and time.monotonic() < outage["until"]:
            return _error(500)
        return None

    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    users = [await _at_step1_problems(h, uid) for uid in (1, 2, 3)]
    outage["until"] = time.monotonic() + 10.0
    sends = [process(h.app, h.updates.text(u.id, f"problem of {u.id}")) for u in users]
    await asyncio.sleep(5.0)  # one more message in the middle of the outage
    sends.append(process(h.app, h.updates.text(2, "and another one")))
    await asyncio.gather(*sends)
    answers = {u.id: [a.value for a in await h.repo.answers(u.id, 1, "problem")] for u in users}
    delivered = {u.id: [c.text for c in h.request.sent(u.id)] for u in users}
    await h.stop()
    assert answers == {1: ["problem of 1"], 2: ["problem of 2", "and another one"],
                       3: ["problem of 3"]}
    for uid, texts in delivered.items():
        noted = [t for t in texts if t.startswith("Saved (")]
        assert len(noted) == len(answers[uid]), texts  # each answered, once
        assert not any(SAVED in t or NOT_SAVED in t for t in texts)


async def test_a_bad_request_is_not_retried_and_the_note_says_the_answer_is_saved(
    tmp_path: Path,
) -> None:
    calls = {"failed": 0}

    def fault(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if method == "sendMessage" and str(params.get("text", "")).startswith("Saved ("):
            calls["failed"] += 1
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: nope"}
        return None

    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    sam = await _at_step1_problems(h, 42)
    replies = await sam.send("we never talked about money")
    stored = [a.value for a in await h.repo.answers(42, 1, "problem")]
    await h.stop()
    assert calls["failed"] == 1  # never repeated
    assert SAVED in sam.texts(replies)  # so the user does not send it again
    assert stored == ["we never talked about money"]


async def test_a_reply_failing_before_anything_was_saved_asks_to_send_again(
    tmp_path: Path,
) -> None:
    armed = {"on": False}

    def fault(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if armed["on"] and method == "sendMessage":
            armed["on"] = False
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: nope"}
        return None

    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    sam = h.user(42)
    await sam.onboard()
    armed["on"] = True
    replies = await sam.send("/help")  # reads only: nothing to save
    await h.stop()
    assert NOT_SAVED in sam.texts(replies)


async def test_a_send_that_may_have_arrived_is_not_sent_again(tmp_path: Path) -> None:
    armed = {"on": False, "seen": 0}

    def fault(method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        if armed["on"] and method == "sendMessage":
            armed["seen"] += 1
            armed["on"] = False
            raise TimedOut() from httpx.ReadTimeout("no answer")
        return None

    h = await Harness(tmp_path / "bot.sqlite3", fault=fault).start()
    sam = await _at_step1_problems(h, 42)
    armed["on"] = True
    replies = await sam.send("the silence hurt")
    stored = [a.value for a in await h.repo.answers(42, 1, "problem")]
    await h.stop()
    assert armed["seen"] == 1 and replies == []  # not resent, and no apology on top of it
    assert stored == ["the silence hurt"]


@pytest.mark.parametrize(("error", "method", "expected"), [
    (NetworkError("Bad Gateway"), "sendMessage", Fate.RETRY),  # a 5xx answer
    (BadRequest("Chat not found"), "sendMessage", Fate.FINAL),  # subclasses NetworkError
    (TimedOut(), "sendMessage", Fate.UNCERTAIN),
    (TimedOut(), "answerCallbackQuery", Fate.RETRY),  # repeating it changes nothing
])
def test_failed_calls_are_classified(error: Exception, method: str, expected: Fate) -> None:
    assert fate(error, method) is expected


def test_transport_failures_are_retried_only_when_nothing_was_sent() -> None:
    def caused(exc: Exception, cause: Exception) -> Exception:
        exc.__cause__ = cause
        return exc

    never_sent = caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused"))
    pool_full = caused(TimedOut(), httpx.PoolTimeout("pool"))
    dropped = caused(NetworkError("httpx.RemoteProtocolError"),
                     httpx.RemoteProtocolError("disconnected"))
    read_timeout = caused(TimedOut(), httpx.ReadTimeout("late"))
    assert fate(never_sent, "sendMessage") is Fate.RETRY
    assert fate(pool_full, "sendMessage") is Fate.RETRY
    assert fate(dropped, "sendMessage") is Fate.UNCERTAIN
    assert fate(read_timeout, "sendMessage") is Fate.UNCERTAIN


def test_retry_after_is_read_publicly_without_a_deprecation_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exc = RetryAfter(3)  # PTB itself reads the deprecated int while building the message
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning from our read fails the test
        assert retry_seconds(exc) == 3.0
