"""bot/delivery/offload.py: a worker process ends when the bot's process is killed (kill -9),
instead of living on as an orphan."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

SCRIPT = """
import asyncio, os, sys, time
from bot.delivery.offload import Offload

async def main():
    offload = Offload(processes=1)
    print(await offload.run(os.getpid), flush=True)
    time.sleep(60)

asyncio.run(main())
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped by init) counts as gone
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_worker_ends_when_the_bot_is_killed() -> None:
    bot = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, text=True)
    try:
        assert bot.stdout is not None
        worker = int(bot.stdout.readline())
        assert worker != bot.pid and _alive(worker)
        bot.send_signal(signal.SIGKILL)
        bot.wait(10)
        deadline = time.monotonic() + 15
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker), "the chart worker outlived the killed bot"
    finally:
        if bot.poll() is None:
            bot.kill()
