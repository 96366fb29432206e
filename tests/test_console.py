"""The console chat: the same app, numbered buttons, and a restart that carries on."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from bot.config import Settings
from bot.delivery.schedule import follow_up
from bot.devtools.console import ConsoleChat, html_to_terminal


def test_html_becomes_terminal_text() -> None:
    assert html_to_terminal("<b>Hi</b> &amp; &lt;3", color=False) == "Hi & <3"
    assert "\033[1m" in html_to_terminal("<b>Hi</b>", color=True)


async def _chat(db: Path) -> tuple[ConsoleChat, io.StringIO]:
    out = io.StringIO()
    chat = ConsoleChat(Settings(_env_file=None, database_path=db), out=out)  # type: ignore[call-arg]
    await chat.start(background=False)
    return chat, out


async def test_console_walks_onboarding_and_resumes_after_restart(tmp_path: Path) -> None:
    db = tmp_path / "console.sqlite3"
    chat, out = await _chat(db)
    await chat.say("/start")
    await chat.say("Alex")
    assert "[1] He" in out.getvalue() and "[3] They" in out.getvalue()
    await chat.say("3")  # press "They"
    await chat.stop()

    chat, out = await _chat(db)
    await chat.say("/start")
    assert "pick up right where we stopped" in out.getvalue()
    assert "name I can use" in out.getvalue()
    await chat.say("Jamie")
    await chat.stop()
    chat, out = await _chat(db)
    user = await chat.app.bot_data["services"].repo.get_user(1000001)
    assert user.display_name == "Alex" and user.ex_pronoun == "they" and user.ex_nickname == "Jamie"
    await chat.stop()


async def test_console_time_travel_brings_what_fell_due(tmp_path: Path) -> None:
    """"+3d" moves the console's clock forward and runs the scheduler at once: a follow-up
    booked for later shows up before the next line is read."""
    chat, out = await _chat(tmp_path / "console.sqlite3")
    repo = chat.app.bot_data["services"].repo
    await chat.say("/start")
    await chat.say("Alex")
    before = chat.clock.now()
    await follow_up(repo, 1000001, "UTC", "step7.followup", "t", before + timedelta(days=2))
    await repo.add_answer(1000001, 7, "sent", "yes")
    await chat.say("+3d")
    assert chat.clock.now() - before >= timedelta(days=3)
    assert "time travel" in out.getvalue() and "Did he answer?" not in out.getvalue()
    assert "Did they answer?" in out.getvalue()
    assert [r.status for r in await repo.outbox_for(1000001, "step7.followup")] == ["sent"]
    await chat.stop()
