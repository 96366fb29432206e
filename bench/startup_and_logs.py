"""Start-up and logs against the real bot process: how long a start takes and what the first
turns after it cost, a 401 from getMe, one 500 on setMyCommands, and a DEBUG-level run with a
conversation and a malformed update. `python -m bench.startup_and_logs` prints one JSON line per
case (`--startup-only`: the first case alone)."""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.http_standin import Fault, HttpStandIn
from bench.proc import FAKE_TOKEN, ROOT, BotProcess, bot_env

MARKERS = ("Zebracactus", "xylophonerain")


def leaks(text: str) -> dict[str, bool]:
    return {"token": FAKE_TOKEN.split(":", 1)[1] in text,
            "user_words": any(m.lower() in text.lower() for m in MARKERS)}


async def run_bot(api: HttpStandIn, db: Path, seconds: float, **env: str
                  ) -> tuple[int | None, str, str]:
    """Runs `python -m bot run` for up to `seconds` (SIGTERM then); (exit code, out, err)."""
    out_path, err_path = db.with_suffix(".out"), db.with_suffix(".err")
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=ROOT, env=bot_env(api, db, **env),
            stdout=out, stderr=err)
    code: int | None = None
    try:
        code = await asyncio.wait_for(proc.wait(), seconds)
    except TimeoutError:  # still running: stopped as Docker would stop it
        proc.terminate()
        try:
            await asyncio.wait_for(proc.wait(), 10)
        except TimeoutError:
            proc.kill()
            await proc.wait()
    return code, out_path.read_text(), err_path.read_text()


# The first words after a restart: a name, a long message about the ex, a crisis, an urge.
FIRST_TURNS = ("/start", "Sam", "honestly i keep checking his instagram and i hate that i still "
               "miss him, we broke up 3 weeks ago", "i cant do this anymore i want to kill myself",
               "i really want to text him right now")


async def startup(work: Path) -> dict[str, object]:
    """Seconds (wall and CPU) until the bot polls, the latency of the first turns after it,
    and the CPU it spends in the ten seconds after (its warm-up, competing with the turns)."""
    async with HttpStandIn(lifetime=120) as api:
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, work / "s.sqlite3"),
                         work / "s.log")
        ready_s = await bot.start()
        ready_cpu = bot.cpu_seconds()
        turns_ms = []
        for number, said in enumerate(FIRST_TURNS):
            user = 900 + number
            began = time.monotonic()
            api.push_text(user, said)
            await api.wait_for(lambda user=user: bool(api.sent(user)), 20)
            turns_ms.append(round((time.monotonic() - began) * 1000))
        after_turns = bot.cpu_seconds()
        await asyncio.sleep(10)
        idle_cpu = bot.cpu_seconds() - after_turns
        await bot.stop()
    return {"case": "start-up", "to_first_poll_s": round(ready_s, 2),
            "cpu_to_first_poll_s": round(ready_cpu, 2), "first_turns_ms": turns_ms,
            "cpu_in_the_10_s_after_s": round(idle_cpu, 2)}


async def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    print(json.dumps(await startup(work)), flush=True)
    if "--startup-only" in sys.argv:
        return
    async with HttpStandIn(lifetime=120, token="987654321:AAOtherTokenThanTheBotHas_01234567") as api:
        code, out, err = await run_bot(api, work / "a.sqlite3", 30, LOG_LEVEL="DEBUG")
        print(json.dumps({"case": "401 at start", "exit": code,
                          "stderr_lines": len(err.splitlines()), **leaks(out + err)}), flush=True)
    async with HttpStandIn(lifetime=120) as api:
        api.faults.append(Fault("5xx", method="setMyCommands", status=500))
        code, out, err = await run_bot(api, work / "b.sqlite3", 8)
        print(json.dumps({"case": "one 500 on setMyCommands",
                          "exit": code if code is not None else "still running after 8 s",
                          "polled": api.polls > 0}), flush=True)
    async with HttpStandIn(lifetime=120) as api:
        async def converse() -> int:
            while api.polls == 0:
                await asyncio.sleep(0.05)
            api.push_text(5, "/start")
            await api.wait_for(lambda: bool(api.sent(5)), 10)
            broken = api.message_dict(6, "xylophonerain and what I feel")
            broken["chat"] = "not a chat"
            api.push({"message": broken})
            api.push_text(5, "Zebracactus")
            await asyncio.sleep(1.0)
            polls = api.polls
            await asyncio.sleep(2.0)
            return api.polls - polls

        talk = asyncio.create_task(converse())
        code, out, err = await run_bot(api, work / "c.sqlite3", 8, LOG_LEVEL="DEBUG")
        print(json.dumps({"case": "DEBUG log, a conversation and a malformed update",
                          "log": str(work / "c.err"),
                          "polls_in_2s_after_it": await talk,
                          "name_answered": any("Zebracactus" in c.text for c in api.sent(5)),
                          "log_kb": round(len(out + err) / 1024), **leaks(out + err)}),
              flush=True)


if __name__ == "__main__":
    asyncio.run(main())
