"""5,200 generated updates through the real application: nothing raises, Telegram would have
accepted every call, and a bystander's data is untouched. Seeded, so a failure reproduces: two
halves of 2,600 from two seeds, `make test` running one and `make test-lowest` the other
(tests/halves.py); a plain `pytest` runs both."""

from __future__ import annotations

import random
import time
from typing import Any

from telegram import Update

from bot.app import process
from bot.core.context import BotContext
from bot.ui.keyboards import encode
from tests.halves import halves
from tests.harness import Harness

SEED = 20260302  # the second half's seed is SEED + 1
UPDATES = 2600  # per half
FUZZERS = list(range(1000, 1008))
BYSTANDER = 42
COMMANDS = ["/start", "/help", "/steps", "/journal", "/cancel", "/export", "/delete", "/sos",
            "/nope", "/start@other_bot", "/", "/STEPS", "/start extra words", "/help@comeback_coach_bot"]
WORDS = ["yes", "no", "he", "she", "they", "20:00", "7pm", "Europe/Berlin", "UTC+2", "2 weeks ago",
         "yesterday", "skip", "Sam", "I miss him", "killed it at the gym", "I want to die",
         "he hit me", "not really", "<b>", "</i>", "&amp;lt;", "a < b", "&", "<a href='x'>",
         "\U0001F62D", "\U0001F494\u200d\U0001F525", "\u202e\u202d", "\u0000", "\x1b[31m", "\ufeff",
         "\U00010348", "\u0301\u0301", "   ", "\n", "\t", "%s %d {0} {{ x }}", "\\", "'; DROP TABLE users; --"]
NAMESPACES = ["s1", "ob", "steps", "sf", "pv", "zz", "s9", "S1", "", "s1" * 7]


def random_text(rng: random.Random, limit: int) -> str:
    roll = rng.random()
    if roll < 0.5:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    if roll < 0.9:
        alphabet = [chr(rng.randint(0, 0x2FF)) for _ in range(10)] + [
            chr(rng.randint(0x1F300, 0x1FAFF)) for _ in range(5)] + list("<>&;\"' \n")
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))
    return rng.choice(["x", "\U0001F600", "w ", "<"]) * rng.randint(limit - 5, limit + 50)


def forged_data(rng: random.Random, user_id: int) -> str:
    roll = rng.random()
    owner = rng.choice([user_id, BYSTANDER, rng.choice(FUZZERS)])
    if roll < 0.4:
        ns, action = rng.choice(NAMESPACES), rng.choice(["open", "want", "resume", "confirm", "erase",
                                                        "keep", "begin", "done", "name", "tz", "x"])
        arg = rng.choice(["", "1", "7", "0", "99", "yes", "skip", "-1", "29000000", "a.b:c"])
        try:
            return encode(ns, action, arg, owner=owner)
        except ValueError:
            return f"1|{ns}|{action}|{arg}|{owner}"
    if roll < 0.7:
        return "".join(chr(rng.randint(32, 0x2FF)) for _ in range(rng.randint(0, 80)))
    return rng.choice(["2|s1|want|yes|16", "1|s1|want|yes|16\n", "1|pv|erase|0|16", "|" * 5, "1" * 64])


def next_update(h: Harness, rng: random.Random, buttons: dict[int, list[str]]) -> Update:
    user_id = rng.choice(FUZZERS)
    kind = rng.random()
    u = h.updates
    if kind < 0.35:
        return u.text(user_id, random_text(rng, h.settings.max_text_length))
    if kind < 0.50:
        return u.text(user_id, rng.choice(COMMANDS))
    if kind < 0.70 and buttons.get(user_id):
        return u.callback(user_id, rng.choice(buttons[user_id]))  # a real button, maybe stale
    if kind < 0.80:
        return u.callback(user_id, forged_data(rng, user_id))
    if kind < 0.86:
        return rng.choice([u.sticker, u.photo, u.voice])(user_id)
    if kind < 0.91:
        return u.edited(user_id, random_text(rng, 100))
    if kind < 0.96:
        chat_type = rng.choice(["group", "supergroup"])
        sender = rng.choice([user_id, BYSTANDER])
        return u.text(sender, rng.choice(WORDS + COMMANDS), chat_id=-100500, chat_type=chat_type)
    return u.callback(user_id, rng.choice(buttons.get(BYSTANDER, ["x"])), chat_id=-100500)


async def test_fuzz(harness: Harness) -> None:
    errors: list[BaseException] = []

    async def record(update: object, context: BotContext) -> None:
        errors.append(context.error)  # type: ignore[arg-type]

    # Every error the error handler sees counts as a failure: none is expected here.
    harness.app.add_error_handler(record)
    bystander = await harness.at_step1(BYSTANDER)
    await bystander.send("we never listened to each other")
    buttons: dict[int, list[str]] = {BYSTANDER: [d for _, d in bystander.last_buttons()]}
    await harness.tick()  # let the scheduler arm what it arms for everyone (weekly summary)
    before = await harness.repo.export_user(BYSTANDER)

    started = time.monotonic()
    seen = 0
    for half in halves():
        rng = random.Random(SEED + half - 1)
        for n in range(UPDATES):
            mark = len(harness.request.calls)
            await process(harness.app, next_update(harness, rng, buttons))
            for call in harness.request.calls[mark:]:
                owner = call.chat_id
                if owner in FUZZERS:
                    fresh = [d for _, d in call.buttons() if d]
                    if fresh:
                        buttons[owner] = (fresh + buttons.get(owner, []))[:12]
            seen += 1
            if n % 500 == 499:
                harness.clock.advance(minutes=15)
                await harness.tick()
    elapsed = time.monotonic() - started

    assert seen == UPDATES * len(halves())
    assert not errors, f"{len(errors)} errors, first: {errors[0]!r}"
    assert harness.request.rejected == [], harness.request.rejected[:3]
    assert await harness.repo.export_user(BYSTANDER) == before
    assert elapsed < 90, elapsed
    # The fuzzers really got somewhere: some onboarded, some reached step 1.
    users: list[Any] = [await harness.repo.get_user(i) for i in FUZZERS]
    assert sum(1 for u in users if u and u.state) >= 1
