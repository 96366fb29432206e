"""/export and /delete: everything about the user out, then everything about them gone."""

import json
import sqlite3
from datetime import time

from bot.devtools.standin import Call
from bot.ui.keyboards import encode
from tests.harness import Harness

INTERNAL = {"id", "user_id", "chat_id", "dedupe_key", "state", "state_data", "payload",
            "attempts", "paused_state", "paused_data", "update_id", "message_id"}


def documents(calls: list[Call]) -> tuple[str, dict]:  # type: ignore[type-arg]
    """The readable page and the JSON file /export sends, in that order."""
    sent = [c for c in calls if c.method == "sendDocument"]
    assert len(sent) == 2 and len(calls) == 2  # two files, the second with the note
    page = bytes(sent[0].params["file:document"]).decode("utf-8")
    return page, json.loads(sent[1].params["file:document"])


def exported(calls: list[Call]) -> dict:  # type: ignore[type-arg]
    return documents(calls)[1]


def keys_in(value: object) -> set[str]:
    """Every key anywhere in a JSON value."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_in(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_in(v)}
    return set()


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
    user = await harness.at_step1(user_id)
    await user.send("he hit me <b>once</b> & lied")  # also sets the safety flag
    await user.send("I want to die")  # a crisis pause
    repo = harness.repo
    now = harness.clock.now()
    await repo.add_outbox(user_id, "sos.wait", now.date(), now, key="k")
    await repo.choose_programme_item(user_id, now.date(), 1)
    await repo.set_programme(user_id, time(7, 30))
    stamp = now.isoformat()
    await user.send("/cancel")
    await user.send("/write")
    await user.send("a journal entry & <i>more</i>")
    await repo.set_trusted_person(user_id, "Maya <3", "@maya")
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

    page, data = documents(await sam.send("/export"))
    # The JSON holds what the person told the bot, by subject, and none of its bookkeeping.
    assert not keys_in(data) & INTERNAL
    assert not {"jobs", "outbox", "processed_updates", "button_taps", "pep_history",
                "tables"} & set(data)
    problems = [a["answer"] for a in data["answers"] if a["question"] == "problem"]
    assert problems == ["he hit me <b>once</b> & lied"]
    assert data["profile"]["name"] == "Sam" and data["profile"]["weekly_summary_day"] == "Sunday"
    assert data["profile"]["morning_item_time"] == "07:30" and "Morning item: 07:30" in page
    assert [e["body"] for e in data["journal"]] == ["a journal entry & <i>more</i>",
                                                    "kept <words>"]  # written, and kept from chat
    assert data["trusted_person"] == {"name": "Maya <3", "reach": "@maya"}
    assert data["unsent_messages"][0]["body"] == "i miss you <3"
    assert data["slips"][0]["streak_days"] == 3 and data["checkins"][0]["mood"] == 3
    assert data["safety"]["abuse_flag_at"] and data["urges"][0]["source"] == "sos"
    # The page shows the same, escaped: what was typed reads as typed, never as markup.
    assert "he hit me &lt;b&gt;once&lt;/b&gt; &amp; lied" in page
    assert "a journal entry &amp; &lt;i&gt;more&lt;/i&gt;" in page and "<i>more" not in page
    assert "Maya &lt;3 (@maya)" in page and "i miss you &lt;3" in page
    for heading in ("Remember why", "Your journal", "instead of sending", "No contact",
                    "Check-ins", "Urges", "Your answers in the steps", "Settings", "Safety"):
        assert f"{heading}" in page, heading

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
    assert data["profile"]["name"] == "Robin"
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


async def test_export_names_the_path_and_the_goodbye_in_words(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    page, data = documents(await sam.send("/export"))
    assert data["profile"]["path"] is None and "Your path: not chosen yet" in page
    assert await harness.repo.set_path(42, "moving_on")
    for key, value in (("letter", "Thank you & goodbye"), ("ritual", "walk"),
                       ("hope", "that he'll say sorry"), ("still_want", "no")):
        await harness.repo.add_answer(42, 7, key, value)
    page, data = documents(await sam.send("/export"))
    assert data["profile"]["path"] == "moving_on" and "Your path: moving on" in page
    ritual = next(a for a in data["answers"] if a["question"] == "ritual")
    assert ritual["answer"] == "🚶 A goodbye walk"  # the label's words, not the code
    assert "<td>Your unsent letter</td><td>Thank you &amp; goodbye</td>" in page
    assert "<td>Your goodbye ritual</td><td>🚶 A goodbye walk</td>" in page
    assert "<td>Still want to reach out?</td><td>You said no.</td>" in page


def test_export_words_every_checklist_label_that_names_the_ex() -> None:
    """Step 3's pledges (like step 4's checklist) are labels that take the ex's pronoun: the
    export words them for this user, and keeps a code it no longer knows as it was."""
    from datetime import UTC, datetime

    from bot.features.privacy.export import clean_export

    tables = {
        "users": [{"display_name": "Sam", "ex_pronoun": "she", "weekly_summary_day": 6}],
        "answers": [{"step": 3, "key": "pledges", "value": "confront,alone,gone_code",
                     "created_at": "2026-03-02T09:00:00+00:00"}],
    }
    out = clean_export(tables, datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert out["answers"][0]["answer"] == "No confronting her, No meeting her alone, gone_code"
