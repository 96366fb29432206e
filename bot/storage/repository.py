"""The repository: every SQL statement the bot runs, grouped by feature, behind one object."""

from __future__ import annotations

from bot.storage.checkins import CheckinsRepo
from bot.storage.handled import HandledRepo
from bot.storage.jobs import JobsRepo
from bot.storage.journal import JournalRepo
from bot.storage.journey import JourneyRepo
from bot.storage.nocontact import NoContactRepo
from bot.storage.people import PeopleRepo
from bot.storage.privacy import PrivacyRepo
from bot.storage.progress import ProgressRepo
from bot.storage.safety import SafetyRepo, SafetyStatsRepo
from bot.storage.sos import SosRepo
from bot.storage.taps import TapsRepo
from bot.storage.users import UsersRepo


class Repository(
    UsersRepo, JourneyRepo, JobsRepo, ProgressRepo, SosRepo, SafetyRepo, SafetyStatsRepo,
    PrivacyRepo, CheckinsRepo, NoContactRepo, HandledRepo, JournalRepo, PeopleRepo, TapsRepo,
):
    """One object handlers use as `context.repo`; each base class holds one feature's SQL."""
