from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_and_file_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.telegram_base_url == "https://api.telegram.org/bot"
    assert settings.file_base_url == "https://api.telegram.org/file/bot"
    assert str(settings.database_path) == "data/bot.sqlite3"
    assert settings.bot_token is None
    assert settings.token_problem() and "BOT_TOKEN" in settings.token_problem()


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEFAULT_TIMEZONE", "Mars/Olympus"), ("STEP7_UNLOCK_DAYS", "-1"),
     ("TELEGRAM_BASE_URL", "ftp://x"), ("ADMIN_IDS", "1,two")],
)
def test_invalid_values_name_the_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                          name: str, value: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert name in str(err.value)


def test_admin_ids_list(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ADMIN_IDS", "1, 22 333")
    assert load_settings().admin_ids == [1, 22, 333]


def _run_bot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN",)}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env={**clean, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, check=False,
    )


def test_run_without_token_exits_with_one_line(tmp_path: Path) -> None:
    result = _run_bot(tmp_path, "run")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "BOT_TOKEN" in result.stderr


def test_run_with_malformed_token_does_not_echo_it(tmp_path: Path) -> None:
    result = _run_bot(tmp_path, "run", BOT_TOKEN="not-a-token-secret-value")
    assert result.returncode == 2 and "BOT_TOKEN" in result.stderr
    assert "not-a-token-secret-value" not in result.stderr + result.stdout


def test_invalid_setting_stops_start_up(tmp_path: Path) -> None:
    result = _run_bot(tmp_path, "console", DEFAULT_TIMEZONE="Nowhere/Town")
    assert result.returncode == 2 and "DEFAULT_TIMEZONE" in result.stderr
