"""/export and /delete: everything about the user out, then everything about them gone."""

import json
import sqlite3

from bot.devtools.standin import Call
from bot.ui.keyboards import encode
from tests.harness import Harness


def exported(calls: list[Call]) -> dict:  # type: ignore[type-arg]
    document = [c for c in calls if c.method == "sendDocument"]
    assert len(document) == 1
    raw = document[0].params["file:document"]
    return json.loads(raw)  # type: ignore[no-any-return]


def all_tables_holding(harness: Harness, user_id: int) -> dict[str, int]:
    """A scan independent of the repository (its own connection to the file): every column of
    every table, for the user's id."""
    conn = sqlite3.connect(harness.db_path)
    found = {}
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                if column in ("user_id", "chat_id") or column.endswith("_user_id"):
                    (count,) = conn.execute(
                        f'SELECT COUNT(*) FROM "{table}" WHERE "{column}" = ?', (user_id,)
                    ).fetchone()
                    if count:
                        found[f"{table}.{column}"] = count
    finally:
        conn.close()
    return found


async def fill_everything(harness: Harness, user_id: int) -> None:
    """Rows in every table that has a user_id column, so the round trip proves each one."""
    user = harness.user(user_id)
    await user.onboard()
    await user.tap("Go to step 1")
    await user.tap("write it out")
    await user.send("he hit me <b>once</b> & lied")  # also sets the safety flag
    await user.send("I want to die")  # a crisis pause
    repo = harness.repo
    now = harness.clock.now()
    await repo.add_outbox(user_id, "sos.wait", now.date(), now, key="k")
    await repo.choose_programme_item(user_id, now.date(), 1)
    stamp = now.isoformat()
    for sql, args in (
        ("INSERT INTO slips (user_id, occurred_on, streak_days, created_at) VALUES (?,?,?,?)",
         (user_id, "2026-03-01", 3, stamp)),
        ("INSERT INTO checkins (user_id, local_date, mood, created_at) VALUES (?,?,?,?)",
         (user_id, "2026-03-01", 3, stamp)),
        ("INSERT INTO outbox (user_id, kind, key, local_date, due_at, created_at)"
         " VALUES (?,?,?,?,?,?)", (user_id, "checkin", "2026-03-01", "2026-03-01", stamp, stamp)),
        ("INSERT INTO urges (user_id, occurred_at, source, created_at) VALUES (?,?,?,?)",
         (user_id, stamp, "sos", stamp)),
        ("INSERT INTO drafts (user_id, body, written_at) VALUES (?,?,?)",
         (user_id, "i miss you <3", stamp)),
        ("INSERT INTO pep_history (user_id, pep_id, shown_at) VALUES (?,?,?)",
         (user_id, 7, stamp)),
        ("INSERT INTO journal_entries (user_id, body, created_at, kept_at) VALUES (?,?,?,?)",
         (user_id, "kept <words>", stamp, stamp)),
    ):
        await repo.write_one(sql, args)
    tables = await repo.user_tables()
    counts = await repo.rows_about(user_id)
    assert set(counts) == set(tables), f"fixture misses {set(tables) - set(counts)}"


async def test_export_then_delete_round_trip(harness: Harness) -> None:
    await fill_everything(harness, 42)
    await fill_everything(harness, 7)  # a bystander whose data must survive
    sam = harness.user(42)
    before_other = await harness.repo.export_user(7)

    data = exported(await sam.send("/export"))
    assert data["user_id"] == 42
    tables = await harness.repo.user_tables()
    assert set(data["tables"]) == set(tables) and "users" in tables and "safety" in tables
    for table, rows in data["tables"].items():
        assert rows and all(row["user_id"] == 42 for row in rows), table
    problems = [r["value"] for r in data["tables"]["answers"] if r["key"] == "problem"]
    assert problems == ["he hit me <b>once</b> & lied"]
    assert data["tables"]["users"][0]["display_name"] == "Sam"

    replies = await sam.send("/delete")
    assert "can't be undone" in sam.texts(replies)
    assert all_tables_holding(harness, 42)  # nothing gone before the confirmation
    replies = await sam.tap("Yes, delete everything")
    assert "gone" in sam.texts(replies)
    assert all_tables_holding(harness, 42) == {}
    assert await harness.repo.get_user(42) is None

    harness = await harness.restart()
    assert all_tables_holding(harness, 42) == {}
    assert await harness.repo.export_user(7) == before_other
    # After a restart, the next message starts from nothing.
    sam = harness.user(42)
    await sam.send("/start")
    fresh = await harness.repo.export_user(42)
    assert len(fresh["users"]) == 1 and fresh["users"][0]["display_name"] is None
    assert all(not rows for table, rows in fresh.items() if table != "users")
    await harness.stop()


async def test_export_and_delete_work_before_onboarding(harness: Harness) -> None:
    sam = harness.user(5)
    await sam.send("/start")
    await sam.send("Robin")
    data = exported(await sam.send("/export"))
    assert data["tables"]["users"][0]["display_name"] == "Robin"
    await sam.send("/delete")
    await sam.tap("Yes, delete")
    assert await harness.repo.get_user(5) is None


async def test_no_keeps_everything_and_an_old_button_expires(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    await sam.send("/delete")
    replies = await sam.tap("keep it")
    assert "Nothing deleted" in sam.texts(replies)
    harness.clock.advance(minutes=30)
    replies = await sam.tap("Yes, delete")
    assert "expired" in sam.texts(replies)
    assert await harness.repo.get_user(42) is not None


async def test_nobody_else_can_delete_you(harness: Harness) -> None:
    sam, eve = harness.user(42), harness.user(66)
    await sam.onboard()
    await eve.onboard()
    await sam.send("/delete")
    erase = next(d for label, d in sam.last_buttons() if "Yes" in label)
    await eve.press(erase)
    assert await harness.repo.get_user(42) is not None
    assert await harness.repo.get_user(66) is not None
    minute = int(harness.clock.now().timestamp() // 60)
    forged = encode("pv", "erase", str(minute), owner=66)
    await sam.press(forged)  # Sam presses data claiming Eve owns it
    assert await harness.repo.get_user(66) is not None


async def test_privacy_note_says_what_is_kept_and_where(harness: Harness) -> None:
    sam = harness.user(42)
    text = sam.texts(await sam.send("/start"))
    assert "database" in text and "/export" in text and "/delete" in text
    assert "Nothing is ever sent to your ex" in text
