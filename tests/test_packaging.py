"""The project as a user installs it: a non-editable `pip install` into a fresh venv, run from a
folder far from the checkout, must find its templates, phrase data and migrations."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path) -> Path:
    """The files a source distribution holds, copied so the build leaves the checkout alone."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "bot", target / "bot",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the project installed from a copy (not editable), and the environment
    to run it in. The dependencies are not downloaded again: the running venv's site-packages
    come after the fresh venv's own on the path, and they hold no `bot` package of their own
    (the running venv's editable install is a .pth hook, which PYTHONPATH entries do not run)."""
    base = tmp_path_factory.mktemp("install")
    source = copy_project(base / "src")
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    deps = sysconfig.get_paths()["purelib"]
    # The running interpreter's pip installs into the fresh venv; the build uses the running
    # venv's setuptools (the test extra's floor matches [build-system]), so nothing is fetched.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("BOT_", "TELEGRAM_", "PYTHON", "DATABASE_"))}
    env.update(PYTHONPATH=deps, LOG_LEVEL="WARNING", MPLCONFIGDIR=str(base / "mpl"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--no-index", str(source)],
        env=env, capture_output=True, text=True, timeout=180, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    return python, env


def test_the_installed_package_is_the_one_that_runs(
        installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    python, env = installed
    where = subprocess.run([str(python), "-c", "import bot; print(bot.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, check=True, timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(python.parent.parent), where.stdout
    assert not Path(where.stdout.strip()).is_relative_to(ROOT)


def test_every_data_file_is_in_the_installed_package(
        installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """Templates, phrase data, the backstop's weights, migrations and each feature's data: a file
    under bot/ that pyproject's package-data misses would be absent only once installed."""
    python, env = installed
    where = subprocess.run([str(python), "-c", "import bot; print(bot.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, check=True, timeout=60)
    package = Path(where.stdout.strip()).parent

    def data_files(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*")
                if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}

    source = data_files(ROOT / "bot")
    assert source and source <= data_files(package), sorted(source - data_files(package))


def test_an_installed_copy_reads_its_rules_from_the_index(
        installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """The rule index is found, and matches the installed code (bot/listening/ruleindex.py):
    without it every start would read the ~4,800 rules of the tables again."""
    python, env = installed
    code = ("from bot.listening import phrases, ruleindex; "
            "print(len(ruleindex.entries(phrases.reading_code())))")
    found = subprocess.run([str(python), "-c", code], cwd=tmp_path, env=env, capture_output=True,
                           text=True, check=True, timeout=60)
    assert int(found.stdout) > 1000, found.stdout


def test_a_console_turn_from_an_installed_copy(
        installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    python, env = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**env, "DATABASE_PATH": str(elsewhere / "chat.sqlite3")}
    done = subprocess.run([str(python), "-m", "bot", "console"], input="Jo O'Brien\n", cwd=elsewhere,
                          env=env, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    # The welcome (templates), the name asked and answered, escaped and unescaped for the
    # terminal, and the pronoun buttons: templates rendered, migrations applied, phrase data read
    # (every text passes the crisis screen first).
    assert "What should I call you?" in done.stdout, done.stdout
    assert "Nice to meet you, Jo O'Brien." in done.stdout, done.stdout  # &#39; unescaped
    assert "[1] He" in done.stdout and "[3] They" in done.stdout, done.stdout
    assert (elsewhere / "chat.sqlite3").exists()


def locked_versions() -> dict[str, str]:
    """requirements.lock's pins that apply to this interpreter: name -> version."""
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if not line or line[0] in " #-":
            continue
        pin, _, marker = line.rstrip(" \\").partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        name, _, version = pin.strip().partition("==")
        pins[canonicalize_name(name)] = version
    return pins


def test_the_lock_pins_every_dependency_within_pyproject() -> None:
    """What the Docker image installs (requirements.lock) satisfies what pyproject.toml asks:
    a dependency added or a floor raised without `make lock` fails here."""
    pins = locked_versions()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(pins[name]), (
            f"requirements.lock has {name}=={pins[name]}, pyproject asks {requirement.specifier}")
    assert "-r requirements.lock" in (ROOT / "Dockerfile").read_text()
