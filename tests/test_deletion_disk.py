"""/delete reaches the disk: after the reply, none of the user's words is left in any file of the
database (main, -wal, -shm), whether the process goes on running or is killed with SIGKILL the
moment the reply arrives. The real process, against the HTTP stand-in."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.http_standin import HttpStandIn
from bench.proc import BotProcess, bot_env
from bench.users import SimUser, tap, text
from tests.crashkit import (
    no_orphans,  # noqa: F401  (autouse: kills leftover bots)
    route,
)

pytestmark = pytest.mark.crash
# One made-up word per kind of thing the user tells the bot, so a byte search finds any copy.
NAME, PROBLEM, TRIGGER, DRAFT, NOTE = (
    "Zanzibarella", "Quokkafeather", "Marmaladeowl", "Velvetpinecone", "Tangerinequasar")
SCRIPT = [
    text("/start"), text(NAME), tap("He"), tap("Skip"), text("2 weeks ago"),
    text("Europe/Berlin"), text("20:00"),
    tap("Go to step 1"), tap("write it out"), text(f"{PROBLEM} and money, always"),
    tap("all for now"),
    text("/sos"), tap("7"), text(f"a {TRIGGER} on the radio"), tap("Write it here instead"),
    text(f"I miss you, {DRAFT}"),
    text("/nocontact"), tap("start date"), tap("Yesterday"),
    text("/checkin"), tap("okay"), tap("No, I"), tap("3"), text(f"A walk with {NOTE}."),
]
GONE = "Everything I had stored about you is gone"
MARKERS = [w.encode() for w in (NAME, PROBLEM, TRIGGER, DRAFT, NOTE)]


def files_holding(db: Path) -> dict[str, list[bytes]]:
    """Which of the database's files hold which marker words."""
    found = {}
    for path in db.parent.glob(db.name + "*"):
        data = path.read_bytes()
        hits = [m for m in MARKERS if m in data]
        if hits:
            found[path.name] = hits
    return found


@pytest.mark.parametrize("kill", [False, True], ids=["running", "killed"])
async def test_delete_leaves_no_word_on_disk(tmp_path: Path, kill: bool) -> None:
    db = tmp_path / "bot.sqlite3"
    async with HttpStandIn(lifetime=120) as api:
        bot = BotProcess(api, ["-m", "bot", "run"], bot_env(api, db), tmp_path / "bot.log")
        await bot.start()
        users: dict[int, SimUser] = {}
        route(api, users)
        sam = users[42] = SimUser(api, 42, settle=0.05, timeout=15)
        for action in SCRIPT:
            assert await sam.act(action), (action, [c.text[:60] for c in sam.replies[-2:]])
        before = files_holding(db)
        assert {m for hits in before.values() for m in hits} == set(MARKERS), before
        assert await sam.act(text("/delete"))
        if kill:  # SIGKILL the moment the reply reaches "Telegram"
            api.on_call(lambda call: bot.kill() if GONE in call.text else None)
        assert await sam.act(tap("Yes, delete everything"))
        assert GONE in sam.replies[-1].text
        if kill:
            assert bot.proc is not None
            assert await bot.proc.wait() == -9
        assert files_holding(db) == {}
        await bot.stop()
    assert files_holding(db) == {}
