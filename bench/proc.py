"""A bot under test as a real child process polling the HTTP stand-in: start it, wait until it
polls, read its memory, stop it with SIGTERM (timed) or kill it with SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from bench.http_standin import HttpStandIn

# Looks like a real token (digits:35 letters) so the bot's own check accepts it; it is not one.
FAKE_TOKEN = "123456789:AAFakeTokenForLoopbackOnly_0123456789"
ROOT = Path(__file__).resolve().parent.parent
LIVE: set[BotProcess] = set()  # every child still possibly running, for kill_all()


def bot_env(api: HttpStandIn, database: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env.update(BOT_TOKEN=FAKE_TOKEN, TELEGRAM_BASE_URL=api.base_url, DATABASE_PATH=str(database),
               LOG_LEVEL="WARNING", MODE="polling", PYTHONUNBUFFERED="1")
    # A test starts the bot dozens of times. Where PYTHONDONTWRITEBYTECODE is set, each start
    # compiled the bot's ~170 modules from source again (half a second of CPU): their bytecode
    # is kept outside the checkout instead, as an installed package's would be.
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "coach-pycache"))
    env.update(extra)
    return env


class BotProcess:
    """`argv` runs under this interpreter from the repository root."""

    def __init__(self, api: HttpStandIn, argv: list[str], env: dict[str, str],
                 log_path: Path | None = None) -> None:
        self.api = api
        self.argv = argv
        self.env = env
        self.log_path = log_path
        self.proc: asyncio.subprocess.Process | None = None
        self.startup_s = 0.0

    async def start(self, timeout: float = 30.0) -> float:
        """Spawns the bot; returns the seconds until its first getUpdates (ready to serve)."""
        polls = self.api.polls
        began = time.monotonic()
        out = open(self.log_path, "ab") if self.log_path else asyncio.subprocess.DEVNULL  # noqa: SIM115
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, *self.argv, cwd=ROOT, env=self.env, stdout=out, stderr=out)
        LIVE.add(self)
        if self.log_path:
            out.close()  # type: ignore[union-attr]
        while self.api.polls == polls:
            if self.proc.returncode is not None:
                raise RuntimeError(f"{self.argv} exited with {self.proc.returncode} before polling")
            if time.monotonic() - began > timeout:
                raise TimeoutError(f"{self.argv} did not poll within {timeout} s")
            await asyncio.sleep(0.005)
        self.startup_s = time.monotonic() - began
        return self.startup_s

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def memory_mb(self) -> dict[str, float]:
        """Resident memory now and at its peak (VmRSS, VmHWM), in MB."""
        found = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = round(
                    int(value.split()[0]) / 1024, 1)
        return found

    async def memory_at_rest(self, quiet: float = 1.0, timeout: float = 20.0) -> dict[str, float]:
        """memory_mb() once the peak has not moved for `quiet` seconds: a baseline taken while
        the bot is still settling after its first poll would count that as growth."""
        last, steady_since = self.memory_mb(), time.monotonic()
        deadline = steady_since + timeout
        while time.monotonic() < deadline:
            await asyncio.sleep(0.1)
            now = self.memory_mb()
            if now["peak_rss_mb"] != last["peak_rss_mb"]:
                last, steady_since = now, time.monotonic()
            elif time.monotonic() - steady_since >= quiet:
                break
        return self.memory_mb()

    def cpu_seconds(self) -> float:
        """User plus system CPU time the process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def stop(self, timeout: float = 15.0) -> float:
        """SIGTERM, then the seconds until it exited (SIGKILL after `timeout`)."""
        if self.proc is None or self.proc.returncode is not None:
            return 0.0
        began = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.proc.wait(), timeout)
        except TimeoutError:
            self.kill()
            await self.proc.wait()
        return time.monotonic() - began

    def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()

    async def wait_killed(self) -> None:
        self.kill()
        if self.proc is not None:
            await self.proc.wait()


async def kill_all() -> None:
    """SIGKILLs every bot child still running (a failed test must not leave one behind)."""
    for bot in list(LIVE):
        await bot.wait_killed()
        LIVE.discard(bot)
