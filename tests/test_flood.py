"""Per-user flood control (bot/core/intake.py): one user flooding never holds more than one
processing slot, so everyone else is answered while that user's chat sits in Telegram's 429s;
the flooder's own messages stay in order, their words are read (merged, never silently
dropped), and they get one kind note about it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram import Update

from bench.http_standin import ChatLimits
from bot.app import process
from bot.core.intake import LaneProcessor
from tests.harness import Harness

FLOODER = 1
OTHERS = range(2, 8)


async def test_one_flooding_user_does_not_hold_up_anyone_else(tmp_path: Path) -> None:
    limits = ChatLimits(per_second=1.0, burst=1)
    h = await Harness(tmp_path / "bot.sqlite3", fault=limits).start()
    app = h.app
    await app.start()  # the real path: PTB's update fetcher hands each update to the intake
    try:
        for n in range(400):  # far more than PTB's 256 concurrent update slots
            app.update_queue.put_nowait(h.updates.text(FLOODER, f"flood {n}"))
        for _ in range(250):  # the flooder's first reply is out, the second one limited
            if limits.limited:
                break
            await asyncio.sleep(0.02)
        assert limits.limited >= 1
        blocked_at = next(c.at for c in h.request.calls if c.chat_id == FLOODER)
        for uid in OTHERS:
            app.update_queue.put_nowait(h.updates.text(uid, "/start"))
        for _ in range(100):
            if all(h.request.sent(uid) for uid in OTHERS):
                break
            await asyncio.sleep(0.02)
        answered = [h.request.sent(uid)[0].at for uid in OTHERS if h.request.sent(uid)]
        flooder_second = [c.at for c in h.request.sent(FLOODER)[1:2]]
    finally:
        await app.stop()  # waits for the flooder's lane to drain
        await h.stop()
    assert len(answered) == len(OTHERS)
    # Everyone else was answered while the flooder's chat still waited out its 429 (1 s).
    assert max(answered) < blocked_at + 1.0
    assert not flooder_second or max(answered) < flooder_second[0]
    intake = app.update_processor
    assert isinstance(intake, LaneProcessor)
    assert intake.merged + intake.dropped == 400 - 8  # the lane kept 8, the rest merged/dropped
    texts = [c.text for c in h.request.sent(FLOODER)]
    assert sum("a lot of messages arriving at once" in t for t in texts) == 1  # one note


async def test_a_floods_words_are_all_read_in_order(tmp_path: Path) -> None:
    h = await Harness(tmp_path / "bot.sqlite3").start()
    await h.at_step1(FLOODER)
    texts = [f"problem number {n}" for n in range(40)]
    updates = [h.updates.text(FLOODER, t) for t in texts]
    updates[20:20] = [h.updates.sticker(FLOODER), h.updates.text(FLOODER, texts[3])]
    await asyncio.gather(*(process(h.app, u) for u in updates))  # all arrive before any is done
    stored = [a.value for a in await h.repo.answers(FLOODER, 1, "problem")]
    await h.stop()
    # Eight ran one by one (the lane's bound); every later text came as one merged message,
    # in order; the sticker and the exact repeat were the only things dropped.
    assert stored[:8] == texts[:8]
    assert stored[8:] == ["\n\n".join(texts[8:])]


async def test_crisis_words_past_the_merge_limit_are_still_read(tmp_path: Path) -> None:
    h = await Harness(tmp_path / "bot.sqlite3", max_text_length=200).start()
    sam = h.user(FLOODER)
    await sam.onboard()
    filler = [h.updates.text(FLOODER, f"just some filler text {n:03d}") for n in range(60)]
    late = h.updates.text(FLOODER, "honestly I want to die")
    mark = len(h.request.calls)
    await asyncio.gather(*(process(h.app, u) for u in [*filler, late]))
    replies = "\n".join(c.text for c in h.request.calls[mark:])
    await h.stop()
    assert "filler text 059" not in replies  # past the limit: plain words were dropped...
    assert "taking it seriously" in replies  # ...crisis words never


async def test_redelivered_updates_are_not_handled_twice(tmp_path: Path) -> None:
    h = await Harness(tmp_path / "bot.sqlite3").start()
    sam = await h.at_step1(FLOODER)
    update = h.updates.text(FLOODER, "he never listened")
    first = await sam.process(update)
    again = await sam.process(Update.de_json(update.to_dict(), h.app.bot))  # Telegram resends
    h = await h.restart()
    after_restart = await sam.process(Update.de_json(update.to_dict(), h.app.bot))
    stored = [a.value for a in await h.repo.answers(FLOODER, 1, "problem")]
    await h.stop()
    assert first and not again and not after_restart
    assert stored == ["he never listened"]
