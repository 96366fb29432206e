"""Per-user history tables keep their newest rows up to a cap (triggers in migration 0006), so
nobody can grow the database without bound; other users' rows are untouched."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import pytest

from bot.core.clock import iso
from bot.storage.drafts import DRAFTS_KEPT
from bot.storage.outbox import OUTBOX_KEPT
from bot.storage.pep_history import PEPS_KEPT
from bot.storage.steps import ANSWERS_KEPT
from bot.storage.urges import URGES_KEPT
from tests.harness import START, Harness

OVER = 3
Add = Callable[[Harness, int, int], Awaitable[None]]


async def add_urge(h: Harness, user_id: int, n: int) -> None:
    await h.repo.add_urge(user_id, "sos", occurred_at=h.clock.now() + timedelta(seconds=n))


async def add_draft(h: Harness, user_id: int, n: int) -> None:
    await h.repo.add_draft(user_id, f"draft {n}", urge_id=None, late_night=False)


async def add_pep(h: Harness, user_id: int, n: int) -> None:
    await h.repo.record_pep(user_id, n)


async def add_answer(h: Harness, user_id: int, n: int) -> None:
    await h.repo.add_answer(user_id, 7, "draft", f"attempt {n}")


async def add_sent_outbox(h: Harness, user_id: int, n: int) -> None:
    row = await h.repo.add_outbox(user_id, "checkin", date(2020, 1, 1) + timedelta(days=n),
                                  h.clock.now(), status="sent")
    assert row is not None


# Per table: how to add row n, the cap, and the column that tells rows apart (its value for n).
CASES: list[tuple[str, Add, int, str, Callable[[int], object]]] = [
    ("urges", add_urge, URGES_KEPT, "occurred_at",
     lambda n: iso(START + timedelta(seconds=n))),
    ("drafts", add_draft, DRAFTS_KEPT, "body", lambda n: f"draft {n}"),
    ("pep_history", add_pep, PEPS_KEPT, "pep_id", lambda n: n),
    ("answers", add_answer, ANSWERS_KEPT, "value", lambda n: f"attempt {n}"),
    ("outbox", add_sent_outbox, OUTBOX_KEPT, "local_date",
     lambda n: (date(2020, 1, 1) + timedelta(days=n)).isoformat()),
]


@pytest.mark.parametrize(("table", "add", "cap", "column", "value"), CASES,
                         ids=[c[0] for c in CASES])
async def test_a_user_keeps_only_the_newest_rows(
    harness: Harness, table: str, add: Add, cap: int, column: str, value: Callable[[int], object],
) -> None:
    for user_id in (42, 7):
        await harness.user(user_id).send("/start")
    await add(harness, 7, 0)  # a bystander's one row
    for n in range(cap + OVER):
        await add(harness, 42, n)
    rows = await harness.repo.fetchall(
        f"SELECT {column} FROM {table} WHERE user_id = 42 ORDER BY id")
    # The oldest OVER went; the newest `cap` stayed, in order.
    assert [r[0] for r in rows] == [value(n) for n in range(OVER, cap + OVER)]
    assert len(await harness.repo.fetchall(f"SELECT 1 FROM {table} WHERE user_id = 7")) == 1


async def test_messages_still_to_go_are_never_pruned(harness: Harness) -> None:
    await harness.user(42).send("/start")
    later = harness.clock.now() + timedelta(days=1)
    for n in range(5):
        await harness.repo.add_outbox(42, "sos.wait", later.date(), later, key=f"p{n}")
    for n in range(OUTBOX_KEPT + OVER):
        await add_sent_outbox(harness, 42, n)
    rows = await harness.repo.outbox_for(42, "sos.wait")
    assert len([r for r in rows if r.status == "pending"]) == 5
