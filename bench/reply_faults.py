"""Telegram failing the bot's replies, against the real bot process: 10 s of 500s on every
send, a single 502, and an update delivered twice. `python -m bench.reply_faults` prints one
JSON line per case: what the users got, and how many times their answer was stored."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.http_standin import Fault, HttpStandIn
from bench.proc import BotProcess, bot_env
from bench.script import ONBOARDING
from bench.users import Crowd, SimUser, tap

TO_PROBLEMS = [*ONBOARDING, tap("Go to step 1"), tap("write it out")]
SORRY = "Sorry, something went wrong"


def stored(db: Path, user_id: int, value: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT count(*) FROM answers WHERE user_id = ? AND value = ?",
                           (user_id, value)).fetchone()
    finally:
        conn.close()
    return int(row[0])


async def replies_after(user: SimUser, mark: int, wait: float) -> list[str]:
    await asyncio.sleep(wait)
    return [c.text for c in user.replies[mark:]]


async def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-replies-"))
    db = work / "bot.sqlite3"
    async with HttpStandIn(lifetime=300) as api:
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db), work / "bot.log")
        await bot.start()
        crowd = Crowd(api, settle=0.05, timeout=10)
        users = [crowd.user(uid) for uid in (1, 2, 3, 4, 5)]
        try:
            await asyncio.gather(*(u.run(TO_PROBLEMS) for u in users))

            # 1. Ten seconds of 500s on every send; three users each write one answer in it.
            outage = Fault("5xx", method="sendMessage", times=None, status=500)
            api.faults.append(outage)
            marks = {u.id: len(u.replies) for u in users[:3]}
            for u in users[:3]:
                api.push_text(u.id, f"outage answer {u.id}")
            await asyncio.sleep(10.0)
            api.faults.remove(outage)
            ended = time.monotonic()
            await api.wait_for(lambda: all(len(u.replies) > marks[u.id] for u in users[:3]), 25)
            late = [round(u.replies[marks[u.id]].at - ended, 1) if len(u.replies) > marks[u.id]
                    else None for u in users[:3]]
            print(json.dumps({
                "case": "10 s of 500s", "answered_after_outage_s": late,
                "stored": [stored(db, u.id, f"outage answer {u.id}") for u in users[:3]],
            }), flush=True)

            # 2. One 502 on the reply; a user told "try again" sends it again, as asked.
            sam = users[3]
            api.faults.append(Fault("5xx", method="sendMessage", chat_id=sam.id, status=502))
            mark = len(sam.replies)
            api.push_text(sam.id, "he never said sorry")
            got = await replies_after(sam, mark, 4.0)
            if any((SORRY in t and "send it again" in t) or "try again" in t for t in got):
                api.push_text(sam.id, "he never said sorry")
                got += await replies_after(sam, mark + len(got), 3.0)
            print(json.dumps({
                "case": "one 502", "replies": [t[:60] for t in got],
                "stored": stored(db, sam.id, "he never said sorry"),
            }), flush=True)

            # 3. Telegram delivers the same update twice.
            kim = users[4]
            update_id = api.push_text(kim.id, "the silence hurt")
            await api.wait_for(lambda: stored(db, kim.id, "the silence hurt") > 0, 10)
            api.redeliver(update_id)
            await asyncio.sleep(3.0)
            print(json.dumps({"case": "update delivered twice",
                              "stored": stored(db, kim.id, "the silence hurt")}), flush=True)
        finally:
            await bot.stop()


if __name__ == "__main__":
    asyncio.run(main())
