"""Hooks between features are typed and checked when the app is built: a missing crisis check
stops the start instead of silently switching the screening of edits and captions off."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest

from bot.app import build_application, features
from bot.config import Settings
from bot.core.hooks import PROVIDERS, HookError, Hooks, Provides, assemble
from bot.delivery.sender import Sender
from bot.devtools.standin import StandInRequest
from bot.features.safety import crisis
from bot.features.safety import handlers as safety
from tests.harness import Harness


def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, bot_token=None, database_path=tmp_path / "bot.sqlite3")  # type: ignore[call-arg]


def test_an_app_without_the_safety_feature_does_not_start(tmp_path: Path) -> None:
    registry = [f for f in features() if f.name != "safety"]
    with pytest.raises(HookError, match=r"'crisis_check' hook; the 'safety' feature should"):
        build_application(settings(tmp_path), request=StandInRequest(), registry=registry)


def test_an_unregistered_crisis_check_does_not_start(tmp_path: Path) -> None:
    assert safety.FEATURE.provides is not None
    without = replace(safety.FEATURE, provides=replace(safety.FEATURE.provides, crisis_check=None))
    registry = [without if f is safety.FEATURE else f for f in features()]
    with pytest.raises(HookError, match="crisis_check"):
        build_application(settings(tmp_path), request=StandInRequest(), registry=registry)


def test_a_hook_provided_twice_does_not_start() -> None:
    provided = [(f.name, f.provides) for f in features()]
    with pytest.raises(HookError, match="'crisis_check' hook is provided by safety and copy"):
        assemble([*provided, ("copy", Provides(crisis_check=crisis.crisis_check))])


def test_every_hook_can_be_provided_and_names_its_provider() -> None:
    names = [f.name for f in fields(Hooks) if f.name not in ("reasks", "hear")]
    assert [f.name for f in fields(Provides)] == names
    assert sorted(PROVIDERS) == sorted(names)
    hooks = assemble((f.name, f.provides) for f in features())
    assert hooks.crisis_check is crisis.crisis_check


async def test_sender_and_scheduler_state_are_typed_fields(tmp_path: Path) -> None:
    h = Harness(tmp_path / "bot.sqlite3")
    with pytest.raises(RuntimeError, match="paced sender is not running"):
        h.services.sender()
    assert not h.services.stopping.is_set()
    await h.start()
    try:
        assert isinstance(h.services.sender(), Sender)
        assert h.services.scheduler is None  # tests run without the background loop
    finally:
        await h.stop()
    assert h.services.paced_sender is None and h.services.stopping.is_set()
