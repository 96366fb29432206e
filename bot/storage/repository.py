"""The repository: one object (`context.repo`) joining one class per table, each in its own
module with that table's SQL. Handlers call intent-named methods and get frozen dataclasses.

The join is by inheritance so call sites stay `repo.record_slip(...)`; a method name defined by
two table classes would silently shadow one of them, so building the class refuses that."""

from __future__ import annotations

from bot.storage.checkins import CheckinsTable
from bot.storage.drafts import DraftsTable
from bot.storage.handled import HandledTable
from bot.storage.journal import JournalTable
from bot.storage.outbox import OutboxTable
from bot.storage.people import PeopleTable
from bot.storage.pep_history import PepHistoryTable
from bot.storage.privacy import PrivacyTables
from bot.storage.programme import ProgrammeTable
from bot.storage.safety import SafetyTable
from bot.storage.slips import SlipsTable
from bot.storage.steps import StepsTable
from bot.storage.taps import TapsTable
from bot.storage.urges import UrgesTable
from bot.storage.users import UsersTable


class Repository(
    UsersTable, StepsTable, OutboxTable, CheckinsTable, SlipsTable, UrgesTable,
    DraftsTable, PepHistoryTable, SafetyTable, PrivacyTables, HandledTable, JournalTable,
    PeopleTable, TapsTable, ProgrammeTable,
):
    """Every table's methods on one object, over one Database and one clock."""


def one_owner_per_method(tables: tuple[type, ...]) -> None:
    """Raises TypeError when two table classes define the same name."""
    owners: dict[str, str] = {}
    for table in tables:
        for name in vars(table):
            if not name.startswith("__") and name in owners:
                raise TypeError(f"{table.__name__}.{name} shadows {owners[name]}.{name}")
            owners[name] = table.__name__


one_owner_per_method(Repository.__bases__)
